import { describe, it } from 'vitest';
import { runCopyScenario } from '../e2e/cli/state-copy-scenario.js';
import { freshDatabase } from '../helpers/postgres.js';

// The issue's own measure (npm test runs the 500-client version, test/e2e/cli/state-copy.e2e.test.ts).
describe('client-sync state copy of a 10,000-link state', () => {
  it('moves the state of a 10,000-client migration into PostgreSQL, and a sync on it afterwards writes nothing', { timeout: 900_000 }, async () => {
    // runCopyScenario asserts each step: the copied counts, and zero writes by the sync on PostgreSQL.
    const timings = await runCopyScenario(10_000, await freshDatabase('copy'));
    console.info(`state copy, 10,000 clients: migrate ${Math.round(timings.migrateMs)} ms, sync on SQLite ${Math.round(timings.sqliteSyncMs)} ms, copy ${Math.round(timings.copyMs)} ms, sync on PostgreSQL ${Math.round(timings.syncMs)} ms with ${timings.syncCalls} calls, ${timings.syncWrites} writes`);
  });
});
