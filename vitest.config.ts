import { configDefaults, defineConfig } from 'vitest/config';
import { LONG_FILES } from './test/long-files.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The long reliability and acceptance runs have their own command: npm run test:chaos
    // (vitest.chaos.config.ts), which CI runs too.
    exclude: [...configDefaults.exclude, 'test/chaos/**', ...LONG_FILES],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-tmp.ts', 'test/global-postgres.ts'],
    // Bounds for a stuck test, not expectations of speed: a loaded 2-core machine runs 3 to 4 times slower.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time: most wait on child processes, simulators and rate windows, not the CPU
    // (vitest's default on 2 cores is one, which ran the suite file after file).
    maxWorkers: 2,
  },
});
