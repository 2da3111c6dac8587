import pg from 'pg';
import { runAsWorker } from 'synckit';

/*
 * The worker thread behind the synchronous PostgreSQL store (postgres-store.ts). It owns one
 * pg.Client per open store and runs the statements the main thread sends; the main thread blocks
 * until the answer arrives (synckit), so each store's statements run one after another on its own
 * connection, exactly as better-sqlite3 runs them on its file. All store logic stays in the main
 * thread: this file only connects, queries and disconnects.
 */

/** One statement and its parameters. */
export interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/** What the main thread asks of the worker. */
export type WorkerRequest =
  | { readonly kind: 'open'; readonly url: string; readonly applicationName: string; readonly lockTimeoutMs: number }
  | { readonly kind: 'run'; readonly handle: number; readonly statements: readonly Statement[] }
  | { readonly kind: 'close'; readonly handle: number };

/** Rows of each statement, in order (for `open`: the handle in `handle`). */
export interface WorkerAnswer {
  readonly handle?: number;
  readonly results?: Record<string, unknown>[][];
}

/** Epoch milliseconds and journal ids are BIGINT: well inside 2^53, so read them as numbers. */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

interface Connection {
  readonly client: pg.Client;
  /** Set when the server or the network dropped the connection; every later request fails with it. */
  lost: Error | undefined;
}

const connections = new Map<number, Connection>();
let nextHandle = 1;

function connectionFor(handle: number): Connection {
  const connection = connections.get(handle);
  if (connection === undefined) throw new Error('the PostgreSQL state store is closed');
  if (connection.lost !== undefined) throw new Error(`the connection to the PostgreSQL state store was lost: ${connection.lost.message}`);
  return connection;
}

/** A parameter as an SQL literal (quoted and escaped by pg; PostgreSQL casts it to the column's type). */
function toLiteral(client: pg.Client, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return client.escapeLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return client.escapeLiteral(String(value));
  throw new TypeError(`a state store parameter of type ${typeof value}`);
}

/**
 * Several statements in one round trip: their parameters inlined as escaped literals, sent as one
 * simple query. A transaction's deferred writes (postgres-store.ts) go this way with its COMMIT. As
 * with one statement after another, the first that fails stops the rest.
 */
async function runTogether(client: pg.Client, statements: readonly Statement[]): Promise<Record<string, unknown>[][]> {
  const text = statements
    .map((statement) => statement.sql.replace(/\$(\d+)/g, (_match, index: string) => toLiteral(client, statement.params?.[Number(index) - 1])))
    .join(';\n');
  const answer = (await client.query(text)) as pg.QueryResult<Record<string, unknown>> | pg.QueryResult<Record<string, unknown>>[];
  return (Array.isArray(answer) ? answer : [answer]).map((result) => result.rows);
}

async function handle(request: WorkerRequest): Promise<WorkerAnswer> {
  switch (request.kind) {
    case 'open': {
      // lock_timeout: a statement waiting on a lock held by another store of this same process would
      // wait for ever (that process's main thread is blocked on us): give up after a while, like SQLite's busy_timeout.
      const client = new pg.Client({ connectionString: request.url, application_name: request.applicationName, types, lock_timeout: Math.trunc(request.lockTimeoutMs) });
      const connection: Connection = { client, lost: undefined };
      // Without a listener a dropped connection would crash the thread and leave the main thread waiting.
      client.on('error', (error) => {
        connection.lost = error;
      });
      await client.connect();
      const id = nextHandle++;
      connections.set(id, connection);
      return { handle: id };
    }
    case 'run': {
      const { client } = connectionFor(request.handle);
      if (request.statements.length > 1) return { results: await runTogether(client, request.statements) };
      const results: Record<string, unknown>[][] = [];
      for (const statement of request.statements) {
        const result = await client.query<Record<string, unknown>>(statement.sql, statement.params === undefined ? undefined : [...statement.params]);
        results.push(result.rows);
      }
      return { results };
    }
    case 'close': {
      const connection = connections.get(request.handle);
      connections.delete(request.handle);
      if (connection !== undefined && connection.lost === undefined) await connection.client.end();
      return {};
    }
  }
}

runAsWorker(handle);
