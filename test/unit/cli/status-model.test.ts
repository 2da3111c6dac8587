import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherStatus } from '../../../src/cli/status-model.js';
import { parseConfig } from '../../../src/config/index.js';
import { createSqliteStore } from '../../../src/store/index.js';

function head(pair: string, from: string, to: string): string {
  const calls = { calls: 2, rateWaitMs: 0 };
  return JSON.stringify({
    kind: 'run', exitCode: 0,
    budgets: { [from]: { requests: 1000, windowMs: 3_600_000, spare: 998 }, [to]: { requests: 300, windowMs: 900_000, spare: 270 } },
    result: { pair, status: 'ok', startedAt: '2026-01-05T09:00:00.000Z', command: 'migrate', from: { connection: from }, to: { connection: to }, calls: { [from]: calls, [to]: calls } },
  });
}

describe('status', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'client-sync-status-'));
  writeFileSync(path.join(directory, '20260105-090000-migrate-fs-bm-migrate.json'), head('migrate-fs-bm', 'fs', 'bm'));
  writeFileSync(path.join(directory, '20260104-090000-rehearsal-plan.json'), head('rehearsal', 'demo-fs', 'demo-bm'));
  const { config } = parseConfig(`reports: ${directory}\nconnections:\n  fs: { vendor: factuursturen, sandbox: true }\n  bm: { vendor: billomat, sandbox: true }\npairs:\n  nightly: { from: fs, to: bm, schedule: "0 2 * * *" }\n`, { env: {}, directory });

  it('lists the configured pairs and the implicit ones seen in reports, but not pairs of connections gone from the config', async () => {
    const model = await gatherStatus(config, 'client-sync.yaml', undefined, { limit: 10 });
    expect(model.pairs.map((p) => [p.name, p.configured])).toEqual([['nightly', true], ['migrate-fs-bm', false]]);
  });

  it('shows the rate budget each configured connection had left after its last run', async () => {
    const model = await gatherStatus(config, 'client-sync.yaml', undefined, { limit: 10 });
    expect(model.budgets.map((b) => [b.connection, b.spare])).toEqual([['fs', 998], ['bm', 270]]);
  });

  it('reads back the report of a run with a file, whose unlimited budget its JSON holds as null', async () => {
    const withFile = mkdtempSync(path.join(tmpdir(), 'client-sync-status-'));
    const report = JSON.parse(head('migrate-sheet-bm', 'sheet', 'bm')) as { budgets: Record<string, unknown> };
    report.budgets.sheet = { requests: null, windowMs: 1000, spare: null };
    writeFileSync(path.join(withFile, '20260105-090000-migrate-sheet-bm-migrate.json'), JSON.stringify(report));
    const { config: fileConfig } = parseConfig(`reports: ${withFile}\nconnections:\n  sheet: { vendor: spreadsheet, path: ./c.csv }\n  bm: { vendor: billomat, sandbox: true }\n`, { env: {}, directory: withFile });
    const model = await gatherStatus(fileConfig, 'client-sync.yaml', undefined, { limit: 10 });
    expect(model.reports.map((r) => path.basename(r.file))).toEqual(['20260105-090000-migrate-sheet-bm-migrate.json']);
    expect(model.budgets.map((b) => [b.connection, b.requests, b.spare])).toEqual([['sheet', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], ['bm', 300, 270]]);
  });

  it('says when a scheduled pair runs next', async () => {
    const model = await gatherStatus(config, 'client-sync.yaml', undefined, { limit: 10 });
    const next = Date.parse(model.pairs[0]?.nextRun ?? '');
    expect(next).toBeGreaterThan(Date.now());
    expect(new Date(next).getMinutes()).toBe(0);
  });

  it('offers for undo the runs that wrote and were not taken back yet, also one that died half-way', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    const finished = (command: string, summary: Record<string, unknown>): string => {
      const run = store.beginRun('nightly', command);
      store.finishRun(run.id, 'ok', summary);
      return run.id;
    };
    const migrated = finished('migrate', { counts: { created: 12, skipped: 3 } });
    const quiet = finished('sync', { counts: { skipped: 15 } });
    const planned = finished('plan', { counts: { created: 4 } });
    const updated = finished('sync', { counts: { updated: 2 } });
    const undo = finished('undo', { counts: { updated: 2 }, undoes: updated });
    // Deleted clients cannot be brought back: an undo of a migration, a sync that only hard-deleted.
    const undoneMigration = finished('undo', { counts: { deleted: 12 }, undoes: 'some-other-run' });
    const hardDeleted = finished('sync', { counts: { deleted: 1, skipped: 14 } });
    // A run killed after one write: no summary, but its journal holds the write.
    const died = store.beginRun('other', 'sync');
    const write = store.journalIntent({ runId: died.id, pair: 'other', operation: 'update', connection: 'bm', externalId: 'fs-1', nativeId: '7' });
    store.journalOutcome(write, 'done');
    store.finishRun(died.id, 'interrupted', {});
    const model = await gatherStatus(config, 'client-sync.yaml', store, { limit: 10 });
    const undoable = new Map(model.runs.map((r) => [r.id, r.undoable]));
    expect([migrated, quiet, planned, updated, undo, undoneMigration, hardDeleted, died.id].map((id) => undoable.get(id))).toEqual([true, false, false, false, true, false, false, true]);
    store.close();
  });
});
