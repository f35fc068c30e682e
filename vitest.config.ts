import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/test/**/*.test.ts', 'agent/test/**/*.test.ts', 'server/test/**/*.test.ts', 'test/**/*.test.ts'],
    // PGlite clusters are per worker; two cores, two workers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
