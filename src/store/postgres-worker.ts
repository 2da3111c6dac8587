import pg from 'pg';
import { serveBlocking } from './blocking-worker.js';
import { CONNECTION_LOST, type Statement, type WorkerAnswer, type WorkerRequest } from './postgres-protocol.js';

/*
 * The worker thread behind the synchronous PostgreSQL store (postgres-store.ts). It owns one
 * pg.Client per open store and runs the statements the main thread sends; the main thread blocks
 * until the answer arrives (blocking-worker.ts), so each store's statements run one after another on its own
 * connection, exactly as better-sqlite3 runs them on its file. All store logic stays in the main
 * thread: this file only connects, queries and disconnects.
 */

/** Epoch milliseconds and journal ids are BIGINT: well inside 2^53, so read them as numbers. */
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

interface Connection {
  client: pg.Client;
  readonly options: pg.ClientConfig;
  /** Set when the server or the network dropped the connection; later requests fail until a reconnect. */
  lost: Error | undefined;
}

const connections = new Map<number, Connection>();
let nextHandle = 1;

/**
 * Whether a failed query means the connection is gone: pg's "Connection terminated", a socket error,
 * or the server's own connection_exception (08xxx) or shutdown answers (57P01-57P03).
 */
function isConnectionError(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(code))) return true;
  return typeof message === 'string' && /connection terminated|not queryable|connection is closed/i.test(message);
}

function lostError(cause: Error): Error {
  return Object.assign(new Error(`the connection to the PostgreSQL state store was lost: ${cause.message}`), { code: CONNECTION_LOST });
}

function connectionFor(handle: number): Connection {
  const connection = connections.get(handle);
  if (connection === undefined) throw new Error('the PostgreSQL state store is closed');
  if (connection.lost !== undefined) throw lostError(connection.lost);
  return connection;
}

async function connect(options: pg.ClientConfig, connection?: Connection): Promise<Connection> {
  const client = new pg.Client(options);
  const opened: Connection = connection ?? { client, options, lost: undefined };
  // Without a listener a dropped connection would crash the thread and leave the main thread waiting.
  client.on('error', (error) => {
    if (opened.client === client) opened.lost = error;
  });
  await client.connect();
  opened.client = client;
  opened.lost = undefined;
  return opened;
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
      const connection = await connect({ connectionString: request.url, application_name: request.applicationName, types, lock_timeout: Math.trunc(request.lockTimeoutMs) });
      const id = nextHandle++;
      connections.set(id, connection);
      return { handle: id };
    }
    case 'run': {
      const connection = connectionFor(request.handle);
      const { client } = connection;
      try {
        if (request.statements.length > 1) return { results: await runTogether(client, request.statements) };
        const results: Record<string, unknown>[][] = [];
        for (const statement of request.statements) {
          const result = await client.query<Record<string, unknown>>(statement.sql, statement.params === undefined ? undefined : [...statement.params]);
          results.push(result.rows);
        }
        return { results };
      } catch (error) {
        if (connection.lost === undefined && !isConnectionError(error)) throw error;
        connection.lost ??= error as Error;
        throw lostError(connection.lost);
      }
    }
    case 'reconnect': {
      const connection = connections.get(request.handle);
      if (connection === undefined) throw new Error('the PostgreSQL state store is closed');
      const old = connection.client;
      void old.end().catch(() => undefined);
      await connect(connection.options, connection);
      return {};
    }
    case 'close': {
      const connection = connections.get(request.handle);
      connections.delete(request.handle);
      if (connection !== undefined && connection.lost === undefined) await connection.client.end();
      return {};
    }
  }
}

serveBlocking(handle);
