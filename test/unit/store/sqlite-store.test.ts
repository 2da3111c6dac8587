import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, RunLockedError } from '../../../src/errors/index.js';
import { createSqliteStore } from '../../../src/store/index.js';
import type { StateStore } from '../../../src/store/index.js';

const open: StateStore[] = [];
function storeAt(file: string, options: { pid?: number; now?: () => number } = {}): StateStore {
  const store = createSqliteStore({ file, ...options });
  open.push(store);
  return store;
}
function tempFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-store-')), 'state.db');
}
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

describe('the SQLite state store', () => {
  it('creates its schema with WAL and records the schema version', () => {
    const file = tempFile();
    storeAt(file).close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a store written by a newer client-sync', () => {
    const file = tempFile();
    storeAt(file).close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => createSqliteStore({ file })).toThrow(ConfigError);
  });

  it('lets one run at a time work on a pair, and names the running one to the second', () => {
    const file = tempFile();
    const first = storeAt(file);
    const run = first.beginRun('fs->bm', 'migrate');
    const second = storeAt(file, { pid: process.pid });
    expect(() => second.beginRun('fs->bm', 'sync')).toThrow(RunLockedError);
    expect(() => second.beginRun('fs->bm', 'sync')).toThrow(new RegExp(`run ${run.id} \\("client-sync migrate", process ${process.pid}`));
    expect(second.beginRun('ef<->bm', 'sync').status).toBe('running');
    first.finishRun(run.id, 'ok', { created: 1 });
    expect(second.beginRun('fs->bm', 'sync').status).toBe('running');
  });

  it('takes over the lock of a run whose process died, and marks that run interrupted', () => {
    const file = tempFile();
    const dead = storeAt(file, { pid: 2 ** 22 + 12345 });
    const abandoned = dead.beginRun('fs->bm', 'migrate');
    const alive = storeAt(file);
    const next = alive.beginRun('fs->bm', 'migrate');
    expect(next.id).not.toBe(abandoned.id);
    expect(alive.runs({ pair: 'fs->bm' }).map((r) => [r.id, r.status])).toEqual([
      [next.id, 'running'],
      [abandoned.id, 'interrupted'],
    ]);
  });

  it('keeps one link per native record: a newer external id replaces the older one', () => {
    const store = storeAt(':memory:');
    store.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '100', markerWritten: false });
    store.putLink({ connection: 'bm', externalId: 'fs-2', nativeId: '100', markerWritten: true });
    expect(store.links('bm').map((l) => [l.externalId, l.nativeId, l.markerWritten])).toEqual([['fs-2', '100', true]]);
    expect(store.link('bm', 'fs-1')).toBeUndefined();
  });

  it('journals intents and finds the ones whose outcome was never recorded', () => {
    const store = storeAt(':memory:');
    const run = store.beginRun('p', 'migrate');
    const done = store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'fs-1', expected: { name: 'A' } });
    store.journalOutcome(done, 'done', { nativeId: '7' });
    store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'fs-2', expected: { name: 'B' } });
    const unknown = store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'fs-3' });
    store.journalOutcome(unknown, 'unknown', { detail: 'connection reset' });
    expect(store.openIntents('p').map((e) => [e.externalId, e.state, e.expected])).toEqual([
      ['fs-2', 'intent', { name: 'B' }],
      ['fs-3', 'unknown', undefined],
    ]);
    expect(store.journal({ runId: run.id })[0]?.nativeId).toBe('7');
  });

  it('counts attempts of a failing record until it succeeds', () => {
    let t = 1000;
    const store = storeAt(':memory:', { now: () => t });
    store.recordFailure({ pair: 'p', externalId: 'fs-1', connection: 'bm', code: 'VENDOR_REJECTED', message: 'name too long' });
    t = 2000;
    store.recordFailure({ pair: 'p', externalId: 'fs-1', connection: 'bm', code: 'VENDOR_REJECTED', message: 'name too long' });
    expect(store.failures('p')).toEqual([{ pair: 'p', externalId: 'fs-1', connection: 'bm', code: 'VENDOR_REJECTED', message: 'name too long', attempts: 2, firstAt: 1000, lastAt: 2000 }]);
    store.clearFailure('p', 'fs-1');
    expect(store.failures()).toEqual([]);
  });

  it('stores snapshots per pair and side', () => {
    const store = storeAt(':memory:');
    store.putSnapshot({ pair: 'p', connection: 'bm', externalId: 'fs-1', record: { name: 'A' }, fingerprint: 'f1' });
    store.putSnapshot({ pair: 'p', connection: 'fs', externalId: 'fs-1', record: { name: 'A' }, fingerprint: 'f2' });
    expect([...store.snapshots('p', 'bm').values()].map((s) => [s.externalId, s.record, s.fingerprint])).toEqual([['fs-1', { name: 'A' }, 'f1']]);
    store.removeSnapshot('p', 'bm', 'fs-1');
    expect(store.snapshots('p', 'bm').size).toBe(0);
  });

  it('rolls back a failed transaction as a whole', () => {
    const store = storeAt(':memory:');
    expect(() =>
      store.transaction(() => {
        store.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '1', markerWritten: false });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.links('bm')).toEqual([]);
  });
});

describe('journal retention', () => {
  it('prunes closed entries older than the cut-off and keeps open ones whatever their age', () => {
    let t = 1000;
    const store = createSqliteStore({ file: ':memory:', now: () => t });
    const run = store.beginRun('p', 'sync');
    const closed = store.journalIntent({ runId: run.id, pair: 'p', operation: 'update', connection: 'bm', externalId: 'a' });
    store.journalOutcome(closed, 'done');
    store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'b' });
    t = 5000;
    const recent = store.journalIntent({ runId: run.id, pair: 'p', operation: 'update', connection: 'bm', externalId: 'c' });
    store.journalOutcome(recent, 'done');
    expect(store.pruneJournal(2000)).toBe(1);
    expect(store.journal().map((e) => e.externalId)).toEqual(['b', 'c']);
    store.close();
  });
});
