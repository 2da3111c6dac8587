import { createRequire } from 'node:module';
import type pg from 'pg';
import type { SharedRateBudget, SharedWindow, SharedWindowUse } from './shared-budget.js';

/*
 * The shared rate budget in PostgreSQL: one row per budget key and window, counted up by one atomic
 * statement per request. It has its own small async pool, apart from the state store (which is a
 * synchronous facade): a request waits for its slot without blocking the event loop.
 */

export interface PostgresRateBudgetOptions {
  /** The server, as a `postgres://` URL (the state store's). Never logged: it may hold a password. */
  readonly url: string;
  /** Connections in the pool. Default 2: one statement per request is short. */
  readonly maxConnections?: number;
  /** Windows that started this long before a new one are deleted. Default one day. */
  readonly keepMs?: number;
}

/** The database refused or could not be reached; the message holds no URL. */
export class SharedBudgetError extends Error {
  override readonly name = 'SharedBudgetError';
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS client_sync_rate_budget (
    budget_key   text    NOT NULL,
    window_ms    bigint  NOT NULL,
    window_start bigint  NOT NULL,
    requests     integer NOT NULL,
    used         integer NOT NULL,
    PRIMARY KEY (budget_key, window_ms, window_start)
  )`;

// Takes one request, or nothing when the window is full. The smaller of two budgets wins.
const TAKE = `
  INSERT INTO client_sync_rate_budget AS b (budget_key, window_ms, window_start, requests, used)
  VALUES ($1, $2, $3, $4, 1)
  ON CONFLICT (budget_key, window_ms, window_start) DO UPDATE
    SET used = b.used + 1, requests = LEAST(b.requests, EXCLUDED.requests)
    WHERE b.used < LEAST(b.requests, EXCLUDED.requests)
  RETURNING used, requests`;

const LOWER = `
  UPDATE client_sync_rate_budget SET requests = $4
  WHERE budget_key = $1 AND window_ms = $2 AND window_start = $3 AND requests > $4`;

const CHARGE = `
  INSERT INTO client_sync_rate_budget AS b (budget_key, window_ms, window_start, requests, used)
  VALUES ($1, $2, $3, $4, 1)
  ON CONFLICT (budget_key, window_ms, window_start) DO UPDATE SET used = b.used + 1`;

const FILL = `
  INSERT INTO client_sync_rate_budget AS b (budget_key, window_ms, window_start, requests, used)
  VALUES ($1, $2, $3, $4, $4)
  ON CONFLICT (budget_key, window_ms, window_start) DO UPDATE
    SET used = GREATEST(b.used, LEAST(b.requests, EXCLUDED.requests))`;

const PRUNE = 'DELETE FROM client_sync_rate_budget WHERE budget_key = $1 AND window_start < $2';

/**
 * Advisory-lock namespace of creating the budget table: "cs" + 3 (migrations use + 2). Two processes
 * creating the table at once without it race in the catalogue, and the loser fails with 23505, 42P07
 * or 42710 depending on which catalogue row it reached first (42710 seen in CI).
 */
const SETUP_LOCK_CLASS = 0x6373_0003;

const DAY_MS = 86_400_000;

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

/** `pg`, loaded when a budget is opened: a command on a SQLite state store never needs it. */
const loadPg = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

/** Opens the shared budget on a PostgreSQL server; the table is created on first use. */
export function createPostgresRateBudget(options: PostgresRateBudgetOptions): SharedRateBudget {
  const pool = new (loadPg().Pool)({
    connectionString: options.url,
    max: options.maxConnections ?? 2,
    application_name: 'client-sync rate budget',
    // Idle connections do not keep a finished process alive.
    allowExitOnIdle: true,
  });
  // An idle connection the server drops is replaced on the next query; without a listener it would crash the process.
  pool.on('error', () => undefined);
  const keepMs = options.keepMs ?? DAY_MS;
  const pending = new Set<Promise<unknown>>();
  let ready: Promise<void> | undefined;
  let closed = false;

  const ensureTable = async (): Promise<void> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // Held until COMMIT: the second process waits, then finds the table made.
      await client.query('SELECT pg_advisory_xact_lock($1, 0)', [SETUP_LOCK_CLASS]);
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  async function run<R extends pg.QueryResultRow>(sql: string, params: readonly unknown[]): Promise<pg.QueryResult<R>> {
    if (closed) throw new SharedBudgetError('the shared rate budget is closed');
    const work = (async () => {
      try {
        ready ??= ensureTable();
        await ready;
        return await pool.query<R>(sql, [...params]);
      } catch (error) {
        ready = undefined;
        throw new SharedBudgetError(`the shared rate budget in PostgreSQL failed: ${describe(error)}`, { cause: error });
      }
    })();
    pending.add(work);
    try {
      return await work;
    } finally {
      pending.delete(work);
    }
  }

  const params = (window: SharedWindow): unknown[] => [window.key, window.windowMs, window.windowStart, window.requests];

  return {
    async take(window) {
      const result = await run<{ used: number; requests: number }>(TAKE, params(window));
      const row = result.rows[0];
      if (row === undefined) return undefined;
      // The first request of a window: windows long over are of no use to anyone.
      if (row.used === 1) void run(PRUNE, [window.key, window.windowStart - keepMs]).catch(() => undefined);
      return { used: row.used, requests: row.requests } satisfies SharedWindowUse;
    },
    async lower(window) {
      await run(LOWER, params(window));
    },
    async charge(window) {
      await run(CHARGE, params(window));
    },
    async fill(window) {
      await run(FILL, params(window));
    },
    async close() {
      if (closed) return;
      await Promise.allSettled([...pending]);
      closed = true;
      await pool.end();
    },
  };
}
