import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError, RunLockedError, StateStoreUnavailableError } from '../errors/index.js';
import { startBlockingWorker, WorkerGoneError, type BlockingWorker } from './blocking-worker.js';
import { busyError, isStoreBusy, operationOf, retrySyncWhileBusy } from './busy.js';
import { redactStoreLocation } from './location.js';
import { migratePostgres } from './postgres-migrate.js';
import { CONNECTION_LOST, type Statement, type WorkerAnswer, type WorkerRequest } from './postgres-protocol.js';
import { runLockedError } from './run-locked.js';
import { itemsWhere, itemValues, toItem, upsertItemSql, type ItemRow } from './item-rows.js';
import { createSnapshotReader, type SnapshotRow } from './snapshot-rows.js';
import type { Failure, JournalEntry, JournalOperation, JournalState, Link, RunRecord, Snapshot, StateStore } from './types.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; the password never appears in an error. */
  readonly url: string;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** The process id recorded for this process's runs. */
  readonly pid?: number;
  /** How long a statement waits for a row lock before failing. Default 10 s (SQLite's busy_timeout). */
  readonly lockTimeoutMs?: number;
}

/**
 * The 64-bit advisory-lock key of a run lock, computed by PostgreSQL from the lock key (the pair's
 * connections): the first 64 bits of an MD5 of it. The 32-bit `hashtext` of the two-key form let two
 * of some tens of thousands of pair names share a lock, so one pair's run could block another's.
 */
export const runLockId = (lockKey: string): string => `('x' || left(md5('client-sync run lock ' || ${lockKey}), 16))::bit(64)::bigint`;

/** A synchronous call into the worker thread that owns the connections. */
export type WorkerCall = (request: WorkerRequest) => WorkerAnswer;

/*
 * One worker thread per process (blocking-worker.ts): every store of the process shares it, each with
 * its own connection. From the TypeScript sources (vitest, tsx) the thread starts at
 * postgres-worker-tsx.js, which loads tsx and then postgres-worker.ts (Node 20 cannot start a
 * worker thread on a .ts file even with `--import tsx`); the built package starts postgres-worker.js.
 * A worker that died is replaced for the next store opened; the stores it served fail.
 */
let shared: BlockingWorker<WorkerRequest, WorkerAnswer> | undefined;
function worker(): WorkerCall {
  const entry = import.meta.url.endsWith('.ts') ? './postgres-worker-tsx.js' : './postgres-worker.js';
  shared ??= startBlockingWorker<WorkerRequest, WorkerAnswer>(new URL(entry, import.meta.url));
  const mine = shared;
  return (request) => {
    try {
      return mine.call(request);
    } catch (error) {
      if (error instanceof WorkerGoneError) {
        if (shared === mine) shared = undefined;
        throw new StateStoreUnavailableError(`the PostgreSQL state store cannot be used: ${error.message}. Nothing was lost: the journal lets the next run finish what this one started.`, { cause: error });
      }
      throw error;
    }
  };
}

/** Whether the worker lost the store's connection (the statements it was given did not run, or not all). */
const isConnectionLost = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === CONNECTION_LOST;

/** How long a lost connection is tried again before the store gives up: a server restart takes seconds. */
const RECONNECT_DELAYS_MS = [100, 500, 1_000, 2_000, 4_000, 8_000];

interface RunRow {
  id: string; pair: string; command: string; started_at: number; finished_at: number | null; heartbeat_at: number;
  status: RunRecord['status']; pid: number; host: string; summary: string | null; report: string | null; lock_free?: boolean;
}
interface LinkRow { connection: string; external_id: string; native_id: string; marker_written: boolean; created_at: number }
interface JournalRow {
  id: number; run_id: string; pair: string; operation: JournalOperation; connection: string; external_id: string;
  native_id: string | null; state: JournalState; expected: string | null; leaves: string | null; undo: string | null; detail: string | null; created_at: number;
}
interface FailureRow { pair: string; external_id: string; connection: string; code: string; message: string; attempts: number; first_at: number; last_at: number }

const toRun = (row: RunRow): RunRecord => ({
  id: row.id, pair: row.pair, command: row.command, startedAt: row.started_at, finishedAt: row.finished_at ?? undefined,
  status: row.status === 'running' && row.lock_free === true ? 'interrupted' : row.status, pid: row.pid, host: row.host,
  summary: row.summary === null ? undefined : (JSON.parse(row.summary) as Record<string, unknown>),
  report: row.report ?? undefined,
});
const toLink = (row: LinkRow): Link => ({ connection: row.connection, externalId: row.external_id, nativeId: row.native_id, markerWritten: row.marker_written, createdAt: row.created_at });
const toJournal = (row: JournalRow): JournalEntry => ({
  id: row.id, runId: row.run_id, pair: row.pair, operation: row.operation, connection: row.connection, externalId: row.external_id,
  nativeId: row.native_id ?? undefined, state: row.state, expected: row.expected === null ? undefined : (JSON.parse(row.expected) as Record<string, unknown>),
    leaves: row.leaves === null ? undefined : (JSON.parse(row.leaves) as Record<string, unknown>),
    undo: row.undo === null ? undefined : (JSON.parse(row.undo) as Record<string, unknown>),
  detail: row.detail ?? undefined, createdAt: row.created_at,
});

/** Whether the run lock of a row's lock key is held by a live session (any connection to this database). */
const LOCK_HELD = `EXISTS (
  SELECT 1 FROM locks JOIN pg_locks ON pg_locks.locktype = 'advisory' AND pg_locks.granted AND pg_locks.objsubid = 1
    AND pg_locks.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND ((pg_locks.classid::bigint << 32) | pg_locks.objid::bigint) = ${runLockId('locks.lock_key')}
  WHERE locks.run_id = runs.id)`;
const RUN_COLUMNS = `runs.id, runs.pair, runs.command, runs.started_at, runs.finished_at, runs.heartbeat_at, runs.status, runs.pid, runs.host, runs.summary, runs.report,
  (runs.status = 'running' AND NOT ${LOCK_HELD}) AS lock_free`;

/**
 * The state store on PostgreSQL, for many pairs, machines and workers. Synchronous like the SQLite
 * store: a worker thread runs the statements on one connection of this store's own while the caller
 * waits, so `transaction(work)` is BEGIN, `work`'s statements in order, COMMIT (ROLLBACK on throw).
 *
 * A run's lock is a session-level advisory lock held by that connection for the life of the run:
 * a process that dies loses its connection, and PostgreSQL frees the lock at once. The `locks` and
 * `runs` rows say who holds it.
 */
export function createPostgresStore(options: PostgresStoreOptions): StateStore {
  const call = worker();
  const where = redactStoreLocation(options.url);
  const now = options.now ?? Date.now;
  const pid = options.pid ?? process.pid;
  const host = hostname();

  let handle: number;
  try {
    const opened = call({ kind: 'open', url: options.url, applicationName: `client-sync ${host}:${pid}`, lockTimeoutMs: options.lockTimeoutMs ?? 10_000 });
    handle = opened.handle ?? 0;
  } catch (error) {
    // pg's messages name host and port, never the password; ours names the redacted URL.
    throw new ConfigError([{ key: 'state', message: `cannot open the PostgreSQL state store ${where}: ${(error as Error).message}` }]);
  }
  let closed = false;
  let depth = 0;
  /** Lock key of each run this store holds the advisory lock for. */
  const held = new Map<string, string>();

  /**
   * Writes made inside a transaction wait here for the next statement that needs an answer (a read,
   * the COMMIT) and go with it in one round trip: a sync that saves a link and a snapshot per record
   * then costs one round trip per record, not six. A deferred write that fails fails that statement,
   * inside the same transaction, which then rolls back as a whole.
   */
  let pending: Statement[] = [];
  const run = (statements: readonly Statement[]): Record<string, unknown>[][] => {
    const all = pending.length === 0 ? statements : [...pending, ...statements];
    const skip = all.length - statements.length;
    pending = [];
    const send = (): Record<string, unknown>[][] => (call({ kind: 'run', handle, statements: all }).results ?? []).slice(skip);
    const operation = (): string => operationOf(all.map((statement) => statement.sql));
    // A deadlock or serialization failure in a whole batch (one statement outside a transaction, or
    // BEGIN … COMMIT): it is sent again. In part of a caller's transaction, the caller's work would
    // have to run again: it fails as STATE_STORE_BUSY, and the transaction rolls back.
    const whole = depth === 0 && (all[0]?.sql === 'BEGIN' ? all.at(-1)?.sql === 'COMMIT' : all.length === 1 && all[0]?.sql !== 'COMMIT');
    try {
      if (whole) return retrySyncWhileBusy(operation, send, () => rollbackQuietly('ROLLBACK'));
      return send();
    } catch (error) {
      if (isStoreBusy(error)) throw busyError(operation(), 1, error);
      if (!isConnectionLost(error)) throw error;
      reconnect(error as Error);
      // A whole batch is sent again on the new connection (what the server had not committed was rolled
      // back with the old one; what it had is written again: the store's writes are upserts). Part of a
      // caller's transaction is not: the caller's work would have to run again, so the caller fails.
      if (whole) return send();
      throw new StateStoreUnavailableError(`the connection to the PostgreSQL state store ${where} was lost in the middle of ${operation()}; it was re-established, and that transaction was rolled back`, { cause: error, context: { operation: operation() } });
    }
  };

  /**
   * A new connection for this store after the old one was lost, and the run locks it held taken again:
   * PostgreSQL freed them with the old session. A lock another process took meanwhile stops this run.
   */
  const reconnect = (cause: Error): void => {
    for (let attempt = 0; ; attempt++) {
      try {
        call({ kind: 'reconnect', handle });
        break;
      } catch (error) {
        const delay = RECONNECT_DELAYS_MS[attempt];
        if (delay === undefined) throw new StateStoreUnavailableError(`the connection to the PostgreSQL state store ${where} was lost (${cause.message}) and could not be re-established: ${(error as Error).message}`, { cause: error });
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delay);
      }
    }
    for (const [runId, lockKey] of held) {
      const [lock] = (call({ kind: 'run', handle, statements: [{ sql: `SELECT pg_try_advisory_lock(${runLockId('$1')}) AS got`, params: [lockKey] }] }).results?.[0] ?? []) as { got?: boolean }[];
      if (lock?.got !== true) {
        held.delete(runId);
        throw new RunLockedError(`run ${runId} lost its lock on ${lockKey} with its connection to the state store, and another run holds it now: this run stops; nothing is lost (the journal lets a later run finish it).`, { context: { runId } });
      }
    }
  };
  const query = <Row>(sql: string, params: readonly unknown[] = []): Row[] => (run([{ sql, params }])[0] ?? []) as Row[];
  const rollbackQuietly = (sql: string): void => {
    try {
      run([{ sql }]);
    } catch {
      // The statement's own error is the one to report.
    }
  };
  /** Runs statements all or nothing: deferred inside the caller's transaction, else in one of their own, in one round trip. */
  const write = (statements: readonly Statement[]): void => {
    if (depth > 0) {
      pending.push(...statements);
      return;
    }
    if (statements.length === 1) {
      run(statements);
      return;
    }
    try {
      run([{ sql: 'BEGIN' }, ...statements, { sql: 'COMMIT' }]);
    } catch (error) {
      rollbackQuietly('ROLLBACK');
      throw error;
    }
  };

  try {
    migratePostgres(query, where);
  } catch (error) {
    call({ kind: 'close', handle });
    throw error;
  }

  const holderOf = (pair: string, lockKey: string): RunLockedError => {
    const [row] = query<RunRow>('SELECT runs.* FROM locks JOIN runs ON runs.id = locks.run_id WHERE locks.lock_key = $1', [lockKey]);
    if (row === undefined) return new RunLockedError(`another run is starting on ${pair}: wait for it to finish, or stop it first.`);
    return runLockedError(pair, { id: row.id, pair: row.pair, command: row.command, pid: row.pid, host: row.host, startedAt: row.started_at });
  };

  const store: StateStore = {
    beginRun(pair, command, lockKey = pair) {
      if ([...held.values()].includes(lockKey)) throw holderOf(pair, lockKey);
      const [lock] = query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${runLockId('$1')}) AS got`, [lockKey]);
      if (lock?.got !== true) throw holderOf(pair, lockKey);
      const id = `${new Date(now()).toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
      try {
        write([
          // We hold the lock, so a run the rows still call running died with its connection.
          { sql: "UPDATE runs SET status = 'interrupted', finished_at = $2 WHERE status = 'running' AND id IN (SELECT run_id FROM locks WHERE lock_key = $1)", params: [lockKey, now()] },
          { sql: 'INSERT INTO runs (id, pair, command, started_at, heartbeat_at, status, pid, host) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)', params: [id, pair, command, now(), 'running', pid, host] },
          { sql: 'INSERT INTO locks (lock_key, run_id) VALUES ($1, $2) ON CONFLICT (lock_key) DO UPDATE SET run_id = excluded.run_id', params: [lockKey, id] },
        ]);
      } catch (error) {
        try {
          query(`SELECT pg_advisory_unlock(${runLockId('$1')})`, [lockKey]);
        } catch {
          // The insert's error is the one to report; closing the store frees the lock in any case.
        }
        throw error;
      }
      held.set(id, lockKey);
      return { id, pair, command, startedAt: now(), finishedAt: undefined, status: 'running', pid, host, summary: undefined, report: undefined };
    },
    heartbeat(runId) {
      write([{ sql: 'UPDATE runs SET heartbeat_at = $1 WHERE id = $2', params: [now(), runId] }]);
    },
    finishRun(runId, status, summary, report) {
      write([
        { sql: 'UPDATE runs SET status = $1, finished_at = $2, summary = $3, report = $4 WHERE id = $5', params: [status, now(), JSON.stringify(summary), report ?? null, runId] },
        { sql: 'DELETE FROM locks WHERE run_id = $1', params: [runId] },
      ]);
      const lockKey = held.get(runId);
      if (lockKey !== undefined) {
        query(`SELECT pg_advisory_unlock(${runLockId('$1')})`, [lockKey]);
        held.delete(runId);
      }
    },
    runs(options = {}) {
      const limit = options.limit ?? 20;
      const rows = options.pair === undefined
        ? query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs ORDER BY started_at DESC, seq DESC LIMIT $1`, [limit])
        : query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE pair = $1 ORDER BY started_at DESC, seq DESC LIMIT $2`, [options.pair, limit]);
      return rows.map(toRun);
    },
    links: (connection) => query<LinkRow>('SELECT * FROM links WHERE connection = $1', [connection]).map(toLink),
    link(connection, externalId) {
      const [row] = query<LinkRow>('SELECT * FROM links WHERE connection = $1 AND external_id = $2', [connection, externalId]);
      return row === undefined ? undefined : toLink(row);
    },
    putLink(link) {
      write([
        // A native record belongs to one external id: a newer link replaces an older one.
        { sql: 'DELETE FROM links WHERE connection = $1 AND native_id = $2 AND external_id <> $3', params: [link.connection, link.nativeId, link.externalId] },
        {
          sql: 'INSERT INTO links (connection, external_id, native_id, marker_written, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (connection, external_id) DO UPDATE SET native_id = excluded.native_id, marker_written = excluded.marker_written',
          params: [link.connection, link.externalId, link.nativeId, link.markerWritten, now()],
        },
      ]);
    },
    removeLink(connection, externalId) {
      write([{ sql: 'DELETE FROM links WHERE connection = $1 AND external_id = $2', params: [connection, externalId] }]);
    },
    snapshots(pair, connection) {
      const out = new Map<string, Snapshot>();
      const toSnapshot = createSnapshotReader(pair, connection);
      for (const row of query<SnapshotRow>('SELECT * FROM snapshots WHERE pair = $1 AND connection = $2', [pair, connection])) {
        out.set(row.external_id, toSnapshot(row));
      }
      return out;
    },
    snapshotPage(pair, connection, page) {
      const rows = query<SnapshotRow>('SELECT * FROM snapshots WHERE pair = $1 AND connection = $2 AND external_id > $3 ORDER BY external_id LIMIT $4', [pair, connection, page.after ?? '', page.limit]);
      return rows.map(createSnapshotReader(pair, connection));
    },
    snapshot(pair, connection, externalId) {
      const [row] = query<SnapshotRow>('SELECT * FROM snapshots WHERE pair = $1 AND connection = $2 AND external_id = $3', [pair, connection, externalId]);
      return row === undefined ? undefined : createSnapshotReader(pair, connection)(row);
    },
    putSnapshot(snapshot) {
      write([{
        sql: 'INSERT INTO snapshots (pair, connection, external_id, record, fingerprint, synced_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (pair, connection, external_id) DO UPDATE SET record = excluded.record, fingerprint = excluded.fingerprint, synced_at = excluded.synced_at',
        params: [snapshot.pair, snapshot.connection, snapshot.externalId, JSON.stringify(snapshot.record), snapshot.fingerprint, now()],
      }]);
    },
    removeSnapshot(pair, connection, externalId) {
      write([{ sql: 'DELETE FROM snapshots WHERE pair = $1 AND connection = $2 AND external_id = $3', params: [pair, connection, externalId] }]);
    },
    journalIntent(entry) {
      const [row] = query<{ id: number }>(
        'INSERT INTO journal (run_id, pair, operation, connection, external_id, native_id, state, expected, leaves, undo, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id',
        [entry.runId, entry.pair, entry.operation, entry.connection, entry.externalId, entry.nativeId ?? null, 'intent', entry.expected === undefined ? null : JSON.stringify(entry.expected), entry.leaves === undefined ? null : JSON.stringify(entry.leaves), entry.undo === undefined ? null : JSON.stringify(entry.undo), now()],
      );
      return row?.id ?? 0;
    },
    journalOutcome(id, state, outcome = {}) {
      write([{ sql: "UPDATE journal SET state = $1, native_id = COALESCE($2, native_id), detail = $3, finished_at = $4, leaves = CASE WHEN $1 = 'unknown' THEN leaves END WHERE id = $5", params: [state, outcome.nativeId ?? null, outcome.detail ?? null, now(), id] }]);
    },
    openIntents: (pair) => query<JournalRow>("SELECT * FROM journal WHERE pair = $1 AND state IN ('intent', 'unknown') ORDER BY id", [pair]).map(toJournal),
    journal(options = {}) {
      const rows =
        options.runId !== undefined ? query<JournalRow>('SELECT * FROM journal WHERE run_id = $1 ORDER BY id', [options.runId])
        : options.pair !== undefined ? query<JournalRow>('SELECT * FROM journal WHERE pair = $1 ORDER BY id', [options.pair])
        : query<JournalRow>('SELECT * FROM journal ORDER BY id');
      return rows.map(toJournal);
    },
    pruneJournal(pair, before) {
      const [row] = query<{ pruned: number }>("WITH pruned AS (DELETE FROM journal WHERE pair = $1 AND created_at < $2 AND state NOT IN ('intent', 'unknown') RETURNING 1) SELECT count(*) AS pruned FROM pruned", [pair, before]);
      return row?.pruned ?? 0;
    },
    recordFailure(failure) {
      write([{
        sql: 'INSERT INTO failures (pair, external_id, connection, code, message, attempts, first_at, last_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $6) ON CONFLICT (pair, external_id) DO UPDATE SET connection = excluded.connection, code = excluded.code, message = excluded.message, attempts = failures.attempts + 1, last_at = excluded.last_at',
        params: [failure.pair, failure.externalId, failure.connection, failure.code, failure.message, now()],
      }]);
    },
    clearFailure(pair, externalId) {
      write([{ sql: 'DELETE FROM failures WHERE pair = $1 AND external_id = $2', params: [pair, externalId] }]);
    },
    failures(pair) {
      const rows = pair === undefined
        ? query<FailureRow>('SELECT * FROM failures ORDER BY last_at DESC')
        : query<FailureRow>('SELECT * FROM failures WHERE pair = $1 ORDER BY last_at DESC', [pair]);
      return rows.map((row): Failure => ({ pair: row.pair, externalId: row.external_id, connection: row.connection, code: row.code, message: row.message, attempts: row.attempts, firstAt: row.first_at, lastAt: row.last_at }));
    },
    items(options = {}) {
      const { where, params } = itemsWhere(options, (index) => `$${index}`);
      return query<ItemRow>(`SELECT * FROM open_items ${where} ORDER BY opened_at, id`, params).map(toItem);
    },
    putItems(items) {
      if (items.length === 0) return;
      const sql = upsertItemSql((index) => `$${index}`);
      write(items.map((item) => ({ sql, params: itemValues(item) })));
    },
    transaction(work) {
      // BEGIN goes with the first statement that needs an answer. Nested transactions are
      // savepoints, as better-sqlite3 makes them.
      const begin: Statement = { sql: depth === 0 ? 'BEGIN' : `SAVEPOINT client_sync_${depth}` };
      pending.push(begin);
      depth++;
      let result;
      try {
        result = work();
      } catch (error) {
        depth--;
        const unsent = pending.indexOf(begin);
        if (unsent >= 0) {
          pending.length = unsent;
        } else {
          // Everything still waiting was written after the BEGIN (or SAVEPOINT) was sent: dropped with it.
          pending = [];
          rollbackQuietly(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT client_sync_${depth}`);
        }
        throw error;
      }
      depth--;
      if (depth > 0) {
        pending.push({ sql: `RELEASE SAVEPOINT client_sync_${depth}` });
        return result;
      }
      try {
        run([{ sql: 'COMMIT' }]);
      } catch (error) {
        // A statement sent with the COMMIT failed: the transaction is aborted, end it.
        rollbackQuietly('ROLLBACK');
        throw error;
      }
      return result;
    },
    close() {
      if (closed) return;
      closed = true;
      // Ending the session frees the advisory locks of runs never finished, as a crash would.
      call({ kind: 'close', handle });
    },
  };
  return store;
}
