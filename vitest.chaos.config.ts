import { defineConfig } from 'vitest/config';
import { LONG_FILES } from './test/long-files.js';

/**
 * `npm run test:chaos`: the long reliability runs (2,000-client migrations killed and faulted, worker
 * fleets, concurrent starts) and the 1,000-client acceptance runs of test/long-files.ts.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts', ...LONG_FILES],
    setupFiles: ['test/setup.ts'],
    // The PostgreSQL state runs (the 10,000-link state copy) need the test server too.
    globalSetup: ['test/global-tmp.ts', 'test/global-postgres.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files side by side, one per core.
    maxWorkers: 2,
  },
});
