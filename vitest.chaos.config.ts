import { defineConfig } from 'vitest/config';

/** `npm run test:chaos`: the long reliability runs (2,000-client migrations killed and faulted). */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // The PostgreSQL state runs (the 10,000-link state copy) need the test server too.
    globalSetup: ['test/global-postgres.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The two files (kills, faults) side by side, one per core.
    maxWorkers: 2,
  },
});
