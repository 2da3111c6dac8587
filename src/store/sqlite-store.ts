import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../errors/index.js';
import { MIGRATIONS } from './migrations.js';
import { runLockedError } from './run-locked.js';
import { itemsWhere, itemValues, toItem, upsertItemSql, type ItemRow } from './item-rows.js';
import { createSnapshotReader, type SnapshotRow } from './snapshot-rows.js';
import type { Failure, JournalEntry, JournalOperation, JournalState, Link, RunRecord, Snapshot, StateStore } from './types.js';
import { mkdirPrivateSync, touchPrivateSync } from '../private-files.js';

export interface SqliteStoreOptions {
  /** Database file; `:memory:` for a throw-away store. */
  readonly file: string;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** A lock held by a run on another machine counts as abandoned after this long without a heartbeat. Default 30 min. */
  readonly staleAfterMs?: number;
  /** The process id recorded for this process's runs (tests simulate other processes). */
  readonly pid?: number;
}

interface RunRow {
  id: string; pair: string; command: string; started_at: number; finished_at: number | null; heartbeat_at: number;
  status: RunRecord['status']; pid: number; host: string; summary: string | null; report: string | null;
}
interface LinkRow { connection: string; external_id: string; native_id: string; marker_written: number; created_at: number }
interface JournalRow {
  id: number; run_id: string; pair: string; operation: JournalOperation; connection: string; external_id: string;
  native_id: string | null; state: JournalState; expected: string | null; leaves: string | null; undo: string | null; detail: string | null; created_at: number;
}
interface FailureRow { pair: string; external_id: string; connection: string; code: string; message: string; attempts: number; first_at: number; last_at: number }

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id, pair: row.pair, command: row.command, startedAt: row.started_at, finishedAt: row.finished_at ?? undefined,
    status: row.status, pid: row.pid, host: row.host,
    summary: row.summary === null ? undefined : (JSON.parse(row.summary) as Record<string, unknown>),
    report: row.report ?? undefined,
  };
}

/** Whether a process with this id runs on this machine. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The embedded state store on SQLite (WAL journal, versioned migrations). */
export function createSqliteStore(options: SqliteStoreOptions): StateStore {
  if (options.file !== ':memory:') {
    mkdirPrivateSync(path.dirname(options.file));
    touchPrivateSync(options.file);
  }
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  // NORMAL keeps every committed transaction through a process crash (SIGKILL); only power loss may
  // cost the last commits, which the journal's "intent before write" then re-checks.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  const now = options.now ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? 30 * 60_000;
  const pid = options.pid ?? process.pid;
  const host = hostname();

  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > MIGRATIONS.length) {
    db.close();
    throw new ConfigError([{ file: options.file, key: 'state', message: `this state store was written by a newer client-sync (schema ${version}, this one knows ${MIGRATIONS.length})` }]);
  }
  for (let i = version; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]?.sqlite ?? '');
      db.pragma(`user_version = ${i + 1}`);
    })();
  }

  const statements = {
    lockFor: db.prepare<[string], RunRow & { lock_key: string }>('SELECT runs.*, locks.lock_key FROM locks JOIN runs ON runs.id = locks.run_id WHERE locks.lock_key = ?'),
    insertRun: db.prepare('INSERT INTO runs (id, pair, command, started_at, heartbeat_at, status, pid, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    upsertLock: db.prepare('INSERT INTO locks (lock_key, run_id) VALUES (?, ?) ON CONFLICT (lock_key) DO UPDATE SET run_id = excluded.run_id'),
    markRun: db.prepare('UPDATE runs SET status = ?, finished_at = ?, summary = ?, report = ? WHERE id = ?'),
    releaseLock: db.prepare('DELETE FROM locks WHERE run_id = ?'),
    heartbeat: db.prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?'),
    links: db.prepare<[string], LinkRow>('SELECT * FROM links WHERE connection = ?'),
    link: db.prepare<[string, string], LinkRow>('SELECT * FROM links WHERE connection = ? AND external_id = ?'),
    deleteLinkByNative: db.prepare('DELETE FROM links WHERE connection = ? AND native_id = ? AND external_id <> ?'),
    putLink: db.prepare(
      'INSERT INTO links (connection, external_id, native_id, marker_written, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (connection, external_id) DO UPDATE SET native_id = excluded.native_id, marker_written = excluded.marker_written',
    ),
    removeLink: db.prepare('DELETE FROM links WHERE connection = ? AND external_id = ?'),
    snapshots: db.prepare<[string, string], SnapshotRow>('SELECT * FROM snapshots WHERE pair = ? AND connection = ?'),
    snapshotPage: db.prepare<[string, string, string, number], SnapshotRow>('SELECT * FROM snapshots WHERE pair = ? AND connection = ? AND external_id > ? ORDER BY external_id LIMIT ?'),
    snapshot: db.prepare<[string, string, string], SnapshotRow>('SELECT * FROM snapshots WHERE pair = ? AND connection = ? AND external_id = ?'),
    putSnapshot: db.prepare(
      'INSERT INTO snapshots (pair, connection, external_id, record, fingerprint, synced_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pair, connection, external_id) DO UPDATE SET record = excluded.record, fingerprint = excluded.fingerprint, synced_at = excluded.synced_at',
    ),
    removeSnapshot: db.prepare('DELETE FROM snapshots WHERE pair = ? AND connection = ? AND external_id = ?'),
    journalIntent: db.prepare('INSERT INTO journal (run_id, pair, operation, connection, external_id, native_id, state, expected, leaves, undo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    journalOutcome: db.prepare("UPDATE journal SET state = ?, native_id = COALESCE(?, native_id), detail = ?, finished_at = ?, leaves = CASE WHEN ? = 'unknown' THEN leaves END WHERE id = ?"),
    openIntents: db.prepare<[string], JournalRow>("SELECT * FROM journal WHERE pair = ? AND state IN ('intent', 'unknown') ORDER BY id"),
    journalByRun: db.prepare<[string], JournalRow>('SELECT * FROM journal WHERE run_id = ? ORDER BY id'),
    journalByPair: db.prepare<[string], JournalRow>('SELECT * FROM journal WHERE pair = ? ORDER BY id'),
    journalAll: db.prepare<[], JournalRow>('SELECT * FROM journal ORDER BY id'),
    recordFailure: db.prepare(
      'INSERT INTO failures (pair, external_id, connection, code, message, attempts, first_at, last_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (pair, external_id) DO UPDATE SET connection = excluded.connection, code = excluded.code, message = excluded.message, attempts = attempts + 1, last_at = excluded.last_at',
    ),
    clearFailure: db.prepare('DELETE FROM failures WHERE pair = ? AND external_id = ?'),
    putItem: db.prepare(upsertItemSql(() => '?')),
  };

  const toLink = (row: LinkRow): Link => ({ connection: row.connection, externalId: row.external_id, nativeId: row.native_id, markerWritten: row.marker_written === 1, createdAt: row.created_at });
  const toJournal = (row: JournalRow): JournalEntry => ({
    id: row.id, runId: row.run_id, pair: row.pair, operation: row.operation, connection: row.connection, externalId: row.external_id,
    nativeId: row.native_id ?? undefined, state: row.state, expected: row.expected === null ? undefined : (JSON.parse(row.expected) as Record<string, unknown>),
    leaves: row.leaves === null ? undefined : (JSON.parse(row.leaves) as Record<string, unknown>),
    undo: row.undo === null ? undefined : (JSON.parse(row.undo) as Record<string, unknown>),
    detail: row.detail ?? undefined, createdAt: row.created_at,
  });

  function holderIsAlive(row: RunRow): boolean {
    if (row.host === host) return processAlive(row.pid);
    return now() - row.heartbeat_at < staleAfterMs;
  }

  const store: StateStore = {
    beginRun(pair, command, lockKey = pair) {
      return db.transaction((): RunRecord => {
        const held = statements.lockFor.get(lockKey);
        if (held !== undefined) {
          if (holderIsAlive(held)) {
            throw runLockedError(pair, { id: held.id, pair: held.pair, command: held.command, pid: held.pid, host: held.host, startedAt: held.started_at });
          }
          statements.markRun.run('interrupted', now(), held.summary, held.report, held.id);
        }
        const id = `${new Date(now()).toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
        statements.insertRun.run(id, pair, command, now(), now(), 'running', pid, host);
        statements.upsertLock.run(lockKey, id);
        return { id, pair, command, startedAt: now(), finishedAt: undefined, status: 'running', pid, host, summary: undefined, report: undefined };
      }).immediate();
    },
    heartbeat(runId) {
      statements.heartbeat.run(now(), runId);
    },
    finishRun(runId, status, summary, report) {
      db.transaction(() => {
        statements.markRun.run(status, now(), JSON.stringify(summary), report ?? null, runId);
        statements.releaseLock.run(runId);
      })();
    },
    runs(query = {}) {
      const limit = query.limit ?? 20;
      const rows = query.pair === undefined
        ? db.prepare<[number], RunRow>('SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit)
        : db.prepare<[string, number], RunRow>('SELECT * FROM runs WHERE pair = ? ORDER BY started_at DESC, rowid DESC LIMIT ?').all(query.pair, limit);
      return rows.map((row) => {
        if (row.status === 'running' && !holderIsAlive(row)) return { ...toRun(row), status: 'interrupted' as const };
        return toRun(row);
      });
    },
    links: (connection) => statements.links.all(connection).map(toLink),
    link(connection, externalId) {
      const row = statements.link.get(connection, externalId);
      return row === undefined ? undefined : toLink(row);
    },
    putLink(link) {
      db.transaction(() => {
        // A native record belongs to one external id: a newer link replaces an older one.
        statements.deleteLinkByNative.run(link.connection, link.nativeId, link.externalId);
        statements.putLink.run(link.connection, link.externalId, link.nativeId, link.markerWritten ? 1 : 0, now());
      })();
    },
    removeLink(connection, externalId) {
      statements.removeLink.run(connection, externalId);
    },
    snapshots(pair, connection) {
      const out = new Map<string, Snapshot>();
      const toSnapshot = createSnapshotReader(pair, connection);
      for (const row of statements.snapshots.iterate(pair, connection)) {
        out.set(row.external_id, toSnapshot(row));
      }
      return out;
    },
    snapshotPage(pair, connection, page) {
      return statements.snapshotPage.all(pair, connection, page.after ?? '', page.limit).map(createSnapshotReader(pair, connection));
    },
    snapshot(pair, connection, externalId) {
      const row = statements.snapshot.get(pair, connection, externalId);
      return row === undefined ? undefined : createSnapshotReader(pair, connection)(row);
    },
    putSnapshot(snapshot) {
      statements.putSnapshot.run(snapshot.pair, snapshot.connection, snapshot.externalId, JSON.stringify(snapshot.record), snapshot.fingerprint, now());
    },
    removeSnapshot(pair, connection, externalId) {
      statements.removeSnapshot.run(pair, connection, externalId);
    },
    journalIntent(entry) {
      const info = statements.journalIntent.run(entry.runId, entry.pair, entry.operation, entry.connection, entry.externalId, entry.nativeId ?? null, 'intent', entry.expected === undefined ? null : JSON.stringify(entry.expected), entry.leaves === undefined ? null : JSON.stringify(entry.leaves), entry.undo === undefined ? null : JSON.stringify(entry.undo), now());
      return Number(info.lastInsertRowid);
    },
    journalOutcome(id, state, outcome = {}) {
      statements.journalOutcome.run(state, outcome.nativeId ?? null, outcome.detail ?? null, now(), state, id);
    },
    openIntents: (pair) => statements.openIntents.all(pair).map(toJournal),
    journal(query = {}) {
      const rows =
        query.runId !== undefined ? statements.journalByRun.all(query.runId)
        : query.pair !== undefined ? statements.journalByPair.all(query.pair)
        : statements.journalAll.all();
      return rows.map(toJournal);
    },
    pruneJournal(pair, before) {
      return db.prepare("DELETE FROM journal WHERE pair = ? AND created_at < ? AND state NOT IN ('intent', 'unknown')").run(pair, before).changes;
    },
    recordFailure(failure) {
      statements.recordFailure.run(failure.pair, failure.externalId, failure.connection, failure.code, failure.message, now(), now());
    },
    clearFailure(pair, externalId) {
      statements.clearFailure.run(pair, externalId);
    },
    failures(pair) {
      const rows = pair === undefined
        ? db.prepare<[], FailureRow>('SELECT * FROM failures ORDER BY last_at DESC').all()
        : db.prepare<[string], FailureRow>('SELECT * FROM failures WHERE pair = ? ORDER BY last_at DESC').all(pair);
      return rows.map((row): Failure => ({ pair: row.pair, externalId: row.external_id, connection: row.connection, code: row.code, message: row.message, attempts: row.attempts, firstAt: row.first_at, lastAt: row.last_at }));
    },
    items(query = {}) {
      // SQLite has no FALSE keyword before 3.23; 0 reads the same.
      const { where, params } = itemsWhere(query, () => '?');
      return db.prepare<string[], ItemRow>(`SELECT * FROM open_items ${where.replaceAll('FALSE', '0')} ORDER BY opened_at, id`).all(...params).map(toItem);
    },
    putItems(items) {
      db.transaction(() => {
        for (const item of items) statements.putItem.run(...itemValues(item));
      })();
    },
    transaction: (work) => db.transaction(work)(),
    close: () => db.close(),
  };
  return store;
}
