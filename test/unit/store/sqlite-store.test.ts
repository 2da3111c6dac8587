import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/index.js';
import { createSqliteStore, openStateStore } from '../../../src/store/index.js';
import type { StateStore } from '../../../src/store/index.js';
import { MIGRATIONS } from '../../../src/store/migrations.js';
import { describeItemsContract } from './items-contract.js';
import { describeStoreContract } from './store-contract.js';

function tempFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-store-')), 'state.db');
}

let current = tempFile();
describeStoreContract({
  name: 'SQLite',
  reset: () => {
    current = tempFile();
  },
  open: (options = {}) => createSqliteStore({ file: current, ...options }),
});
describeItemsContract({
  name: 'SQLite',
  reset: () => {
    current = tempFile();
  },
  open: (options = {}) => createSqliteStore({ file: current, ...options }),
});

const open: StateStore[] = [];
function storeAt(file: string, options: { pid?: number; now?: () => number } = {}): StateStore {
  const store = createSqliteStore({ file, ...options });
  open.push(store);
  return store;
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
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
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

  it('is what openStateStore opens for anything but a PostgreSQL URL, making the directory', () => {
    const file = path.join(path.dirname(tempFile()), 'nested', 'state.db');
    const store = openStateStore(file);
    open.push(store);
    store.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '1', markerWritten: false });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM links').get()).toEqual({ n: 1 });
    db.close();
  });
});
