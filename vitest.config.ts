import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/test/**/*.test.ts', 'agent/test/**/*.test.ts', 'server/test/**/*.test.ts', 'test/**/*.test.ts'],
    // PGlite clusters are per worker; two cores, two workers.
    pool: 'forks',
    // Files in one worker share its database (see server/test/helpers/test-db.ts); each test resets it.
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
