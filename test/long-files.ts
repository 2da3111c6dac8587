/**
 * The acceptance runs of 1,000 clients and more that live beside the faster tests of their subject
 * but run in `npm run test:chaos` (vitest.chaos.config.ts), not in `npm test`: together they took
 * 40 % of the suite's time on 2 cores and kept `npm test` over 5 minutes. CI runs both commands.
 */
export const LONG_FILES = [
  // The six API directions and the three from a CSV file, 1,000 clients each with 10 % dirty values.
  'test/e2e/engine/migrate-from-billomat.test.ts',
  'test/e2e/engine/migrate-from-eenvoudigfactureren.test.ts',
  'test/e2e/engine/migrate-from-factuursturen.test.ts',
  'test/e2e/engine/migrate-from-spreadsheet.test.ts',
  // SIGKILL at ten points of a 1,000-client migration, and one through 10 % faults (60-client
  // versions stay in npm test: test/reliability/).
  'test/e2e/engine/crash-and-faults.test.ts',
  // A 300-client export of each platform to CSV and back into a fresh account.
  'test/e2e/engine/spreadsheet-round-trip.test.ts',
  // A 500-client migration taken back through the built CLI (100 clients in npm test: undo.e2e.test.ts).
  'test/e2e/cli/undo-500.e2e.test.ts',
];
