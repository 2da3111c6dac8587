import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ConfigError } from '../errors/index.js';
import { redactStoreLocation } from './location.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore, processAlive } from './sqlite-store.js';

export interface CopyStateOptions {
  /** The SQLite state file. */
  readonly from: string;
  /** The PostgreSQL URL; its schema is created when missing. */
  readonly to: string;
  /** Empty a target that already holds state instead of refusing it. */
  readonly force?: boolean;
}

/** How many rows of each table were copied (and found in the target after the commit). */
export interface CopyStateCounts {
  readonly runs: number;
  readonly links: number;
  readonly snapshots: number;
  readonly journal: number;
  readonly failures: number;
  /** Conflicts, review candidates and the other items a person settles, with their decisions. */
  readonly open_items: number;
}

interface Table {
  readonly name: keyof CopyStateCounts;
  /** Columns as both schemas name them (runs.seq and the journal id's identity are PostgreSQL's own). */
  readonly columns: readonly string[];
  /** SQLite's read order: runs keep the order they began in (PostgreSQL numbers them in `seq`). */
  readonly order: string;
  /** Journal ids are copied as they are, so open intents keep their ids. */
  readonly overriding?: boolean;
}

const TABLES: readonly Table[] = [
  { name: 'runs', columns: ['id', 'pair', 'command', 'started_at', 'finished_at', 'heartbeat_at', 'status', 'pid', 'host', 'summary', 'report'], order: 'rowid' },
  { name: 'links', columns: ['connection', 'external_id', 'native_id', 'marker_written', 'created_at'], order: 'connection, external_id' },
  { name: 'snapshots', columns: ['pair', 'connection', 'external_id', 'record', 'fingerprint', 'synced_at'], order: 'pair, connection, external_id' },
  { name: 'journal', columns: ['id', 'run_id', 'pair', 'operation', 'connection', 'external_id', 'native_id', 'state', 'expected', 'leaves', 'undo', 'detail', 'created_at', 'finished_at'], order: 'id', overriding: true },
  { name: 'failures', columns: ['pair', 'external_id', 'connection', 'code', 'message', 'attempts', 'first_at', 'last_at'], order: 'pair, external_id' },
  {
    name: 'open_items',
    columns: ['id', 'pair', 'kind', 'external_id', 'field', 'state', 'detail', 'decision', 'decided_by', 'decided_at', 'applied_run', 'opened_run', 'opened_at', 'closed_at', 'updated_at'],
    order: 'id',
  },
];

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH_ROWS = 1_000;

/** Refuses to copy while a run on this machine is still writing to the SQLite state. */
function checkNoRunInProgress(db: Database.Database, from: string): void {
  const running = db.prepare<[], { id: string; pair: string; pid: number; host: string }>("SELECT runs.id, runs.pair, runs.pid, runs.host FROM locks JOIN runs ON runs.id = locks.run_id WHERE runs.status = 'running'").all();
  const alive = running.find((run) => run.host === hostname() && processAlive(run.pid));
  if (alive !== undefined) {
    throw new ConfigError([{ file: from, key: 'state', message: `run ${alive.id} on ${alive.pair} (process ${alive.pid}) is still working on this state: copy it once that run has finished` }]);
  }
}

function insertStatement(table: Table, rows: number): string {
  const width = table.columns.length;
  const values = Array.from({ length: rows }, (_, row) => `(${table.columns.map((_column, column) => `$${row * width + column + 1}`).join(', ')})`);
  return `INSERT INTO ${table.name} (${table.columns.join(', ')})${table.overriding === true ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES ${values.join(', ')}`;
}

async function countsIn(client: pg.Client): Promise<CopyStateCounts> {
  const { rows } = await client.query<{ [K in keyof CopyStateCounts]: string }>(
    `SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table.name}) AS ${table.name}`).join(', ')}`,
  );
  const row = rows[0];
  return Object.fromEntries(TABLES.map((table) => [table.name, Number(row?.[table.name])])) as unknown as CopyStateCounts;
}

/**
 * Copies a SQLite state store into a PostgreSQL one: runs, links, snapshots, the journal and the
 * retry list (not locks: a copied run that was still marked running reads as interrupted). One
 * transaction, batched multi-row inserts; the counts are checked before the commit and read back
 * after it. The target must be empty unless `force`, which empties it first (it is replaced, never
 * merged: two histories of one pair would disagree on what is linked).
 */
export async function copyState(options: CopyStateOptions): Promise<CopyStateCounts> {
  const where = redactStoreLocation(options.to);
  if (!existsSync(options.from)) throw new ConfigError([{ file: options.from, key: 'state', message: 'no SQLite state store here to copy' }]);
  // Opening each store brings it to this client-sync's schema (or refuses one from a newer version).
  createSqliteStore({ file: options.from }).close();
  createPostgresStore({ url: options.to }).close();

  const source = new Database(options.from, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: options.to, application_name: 'client-sync state copy' });
  try {
    checkNoRunInProgress(source, options.from);
    await client.connect();
    await client.query('BEGIN');
    try {
      // No worker may write while the copy runs (they wait, then see the whole copy or none of it).
      await client.query(`LOCK TABLE ${[...TABLES.map((table) => table.name), 'locks'].join(', ')} IN ACCESS EXCLUSIVE MODE`);
      const before = await countsIn(client);
      const held = Object.entries(before).filter(([, n]) => n > 0);
      if (held.length > 0) {
        if (options.force !== true) {
          throw new ConfigError([{ key: '--to', message: `${where} already holds state (${held.map(([table, n]) => `${String(n)} ${table}`).join(', ')}): copy into an empty database, or pass --force to replace it` }]);
        }
        await client.query(`TRUNCATE ${[...TABLES.map((table) => table.name), 'locks'].join(', ')} RESTART IDENTITY`);
      }
      const copied: Record<keyof CopyStateCounts, number> = { runs: 0, links: 0, snapshots: 0, journal: 0, failures: 0, open_items: 0 };
      for (const table of TABLES) {
        let batch: unknown[][] = [];
        const flush = async (): Promise<void> => {
          if (batch.length === 0) return;
          await client.query(insertStatement(table, batch.length), batch.flat());
          copied[table.name] += batch.length;
          batch = [];
        };
        const read = source.prepare<[], Record<string, unknown>>(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.order}`);
        for (const row of read.iterate()) {
          batch.push(table.columns.map((column) => (column === 'marker_written' ? row[column] === 1 : row[column])));
          if (batch.length === BATCH_ROWS) await flush();
        }
        await flush();
      }
      // The next journal id follows the copied ones.
      await client.query("SELECT setval(pg_get_serial_sequence('journal', 'id'), COALESCE((SELECT max(id) FROM journal), 1), (SELECT max(id) FROM journal) IS NOT NULL)");
      const inTarget = await countsIn(client);
      const expected = Object.fromEntries(TABLES.map((table) => [table.name, (source.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table.name}`).get()?.n ?? 0)]));
      const wrong = TABLES.filter((table) => inTarget[table.name] !== expected[table.name] || copied[table.name] !== expected[table.name]);
      if (wrong.length > 0) throw new Error(`the copy does not add up (${wrong.map((table) => `${table.name}: ${String(expected[table.name])} in SQLite, ${String(inTarget[table.name])} in PostgreSQL`).join('; ')}); nothing was written`);
      await client.query('COMMIT');
      // Counted under the table locks of the copy: what was committed.
      return inTarget;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    source.close();
    await client.end().catch(() => undefined);
  }
}
