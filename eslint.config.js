import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', 'data/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Migrations are frozen in time: they take Kysely<any>, not today's Database type (Kysely's advice).
    files: ['server/src/platform/db/migrations/**', 'server/test/platform/db/migration-history/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CLIs and scripts talk to people on stdout.
    files: ['agent/src/cli/**', 'test/bench/**', 'test/simulate/main.ts', 'test/architecture/check-imports.ts', 'installers/**', 'server/src/main.ts'],
    rules: { 'no-console': 'off' },
  },
);
