import { describe, it } from 'vitest';
import { freshDatabase } from '../../helpers/postgres.js';
import { runCopyScenario } from './state-copy-scenario.js';

// The 10,000-link version runs in the long suite (test/chaos/state-copy.test.ts, npm run test:chaos).
describe('client-sync state copy through the built CLI', () => {
  it('moves the state of a 500-client migration into PostgreSQL, and a sync on it afterwards writes nothing', { timeout: 360_000 }, async () => {
    // runCopyScenario asserts each step: the copied counts, and zero writes by the sync on PostgreSQL.
    const timings = await runCopyScenario(500, await freshDatabase('copy'));
    console.info(`state copy, 500 clients: migrate ${Math.round(timings.migrateMs)} ms, sync on SQLite ${Math.round(timings.sqliteSyncMs)} ms, copy ${Math.round(timings.copyMs)} ms, sync on PostgreSQL ${Math.round(timings.syncMs)} ms with ${timings.syncCalls} calls, ${timings.syncWrites} writes`);
  });
});
