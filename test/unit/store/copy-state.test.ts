import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/index.js';
import { copyState } from '../../../src/store/copy-state.js';
import { createPostgresStore, createSqliteStore } from '../../../src/store/index.js';
import { freshDatabase } from '../../helpers/postgres.js';

let url = '';
beforeAll(async () => {
  url = await freshDatabase('copy');
});

/** A SQLite state with a finished run, a run that died while running, links, snapshots, journal and a failure. */
function sqliteState(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-copy-')), 'state.db');
  let t = 1_000;
  const dead = createSqliteStore({ file, now: () => t, pid: 2 ** 22 + 4242 });
  dead.beginRun('other', 'sync');
  dead.close();
  const store = createSqliteStore({ file, now: () => t });
  const run = store.beginRun('fs-bm', 'migrate');
  store.transaction(() => {
    for (let i = 0; i < 1_500; i++) {
      store.putLink({ connection: 'bm', externalId: `fs-${i}`, nativeId: String(i), markerWritten: i % 3 === 0 });
      store.putSnapshot({ pair: 'fs-bm', connection: 'bm', externalId: `fs-${i}`, record: { name: `Client ${i}` }, fingerprint: `f${i}` });
    }
  });
  const done = store.journalIntent({ runId: run.id, pair: 'fs-bm', operation: 'create', connection: 'bm', externalId: 'fs-1', expected: { name: 'Client 1' } });
  store.journalOutcome(done, 'done', { nativeId: '1' });
  const update = store.journalIntent({ runId: run.id, pair: 'fs-bm', operation: 'update', connection: 'bm', externalId: 'fs-3', nativeId: '3', undo: { replaced: { name: 'Client 3' }, wrote: { name: 'Client three' } } });
  store.journalOutcome(update, 'done');
  store.journalIntent({ runId: run.id, pair: 'fs-bm', operation: 'create', connection: 'bm', externalId: 'fs-2' });
  store.recordFailure({ pair: 'fs-bm', externalId: 'fs-9', connection: 'bm', code: 'VENDOR_REJECTED', message: 'name too long' });
  store.putItems([{
    id: 'c-0a1b2c3d', pair: 'fs-bm', kind: 'conflict', externalId: 'fs-4', field: 'billingAddress.city', state: 'open',
    detail: { base: 'Gent', from: 'Brugge', to: 'Antwerpen' }, decision: { take: 'to' }, decidedBy: 'accountant', decidedAt: 1_500,
    appliedRun: undefined, openedRun: run.id, openedAt: 1_000, closedAt: undefined, updatedAt: 1_500,
  }]);
  t = 2_000;
  store.finishRun(run.id, 'partial', { created: 1_500 });
  store.close();
  return file;
}

describe('copyState (SQLite → PostgreSQL)', () => {
  it('copies every row but the locks, keeps journal ids, and reports a run that died as interrupted', async () => {
    const from = sqliteState();
    const counts = await copyState({ from, to: url });
    expect(counts).toEqual({ runs: 2, links: 1_500, snapshots: 1_500, journal: 3, failures: 1, open_items: 1 });

    const source = createSqliteStore({ file: from });
    const target = createPostgresStore({ url });
    try {
      const byId = <T extends { externalId: string }>(rows: T[]): T[] => rows.sort((a, b) => a.externalId.localeCompare(b.externalId));
      expect(byId(target.links('bm'))).toEqual(byId(source.links('bm')));
      expect(byId([...target.snapshots('fs-bm', 'bm').values()])).toEqual(byId([...source.snapshots('fs-bm', 'bm').values()]));
      expect(target.journal()).toEqual(source.journal());
      expect(target.journal().find((e) => e.externalId === 'fs-3')?.undo).toEqual({ replaced: { name: 'Client 3' }, wrote: { name: 'Client three' } });
      expect(target.failures()).toEqual(source.failures());
      // A decision taken before the move is carried out after it.
      expect(target.items()).toEqual(source.items());
      expect(target.items()[0]?.decision).toEqual({ take: 'to' });
      expect(target.runs().map((r) => [r.pair, r.status, r.summary])).toEqual([
        ['fs-bm', 'partial', { created: 1_500 }],
        ['other', 'interrupted', undefined],
      ]);
      // The next journal id follows the copied ones; the died run's pair is free.
      const next = target.beginRun('other', 'sync');
      expect(target.journalIntent({ runId: next.id, pair: 'other', operation: 'update', connection: 'bm', externalId: 'x' })).toBe(Math.max(...source.journal().map((e) => e.id)) + 1);
    } finally {
      source.close();
      target.close();
    }
  });

  it('refuses a target that holds state, and replaces it with --force', async () => {
    const from = sqliteState();
    await expect(copyState({ from, to: url })).rejects.toThrow(ConfigError);
    await expect(copyState({ from, to: url })).rejects.toThrow(/already holds state \(3 runs, 1500 links, 1500 snapshots, 4 journal, 1 failures, 1 open_items\).*--force/);
    expect(await copyState({ from, to: url, force: true })).toEqual({ runs: 2, links: 1_500, snapshots: 1_500, journal: 3, failures: 1, open_items: 1 });
  });

  it('refuses to copy while a run of this machine is still working on the SQLite state', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-copy-')), 'state.db');
    const store = createSqliteStore({ file });
    store.beginRun('fs-bm', 'sync');
    try {
      await expect(copyState({ from: file, to: url, force: true })).rejects.toThrow(/still working on this state/);
    } finally {
      store.close();
    }
  });
});
