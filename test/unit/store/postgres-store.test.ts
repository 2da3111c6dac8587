import { execFileSync, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, RunLockedError, StateStoreUnavailableError } from '../../../src/errors/index.js';
import { createPostgresStore, openStateStore } from '../../../src/store/index.js';
import type { StateStore } from '../../../src/store/index.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { MIGRATIONS } from '../../../src/store/migrations.js';
import { describeItemsContract } from './items-contract.js';
import { describeStoreContract } from './store-contract.js';

let url = '';
beforeAll(async () => {
  url = await freshDatabase('store');
});

async function sql<Row extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, params)).rows;
  } finally {
    await client.end();
  }
}

describeStoreContract({
  name: 'PostgreSQL',
  reset: async () => {
    await sql('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  },
  open: (options = {}) => createPostgresStore({ url, ...options }),
});
describeItemsContract({
  name: 'PostgreSQL',
  reset: async () => {
    await sql('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  },
  open: (options = {}) => createPostgresStore({ url, ...options }),
});

const open: StateStore[] = [];
function store(options: { now?: () => number } = {}): StateStore {
  const opened = createPostgresStore({ url, ...options });
  open.push(opened);
  return opened;
}
afterEach(() => {
  for (const each of open.splice(0)) each.close();
});

describe('the PostgreSQL state store', () => {
  it('creates the same tables as SQLite and records the schema version', async () => {
    store();
    const tables = await sql<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    expect(tables.map((t) => t.table_name)).toEqual(['client_sync_schema', 'failures', 'journal', 'links', 'locks', 'open_items', 'runs', 'snapshots']);
    expect(await sql('SELECT version FROM client_sync_schema')).toEqual([{ version: MIGRATIONS.length }]);
  });

  it('refuses a store written by a newer client-sync, naming the server without its password', async () => {
    store().close();
    await sql('UPDATE client_sync_schema SET version = 99');
    const withPassword = new URL(url);
    withPassword.password = 'not-the-real-one';
    // trust authentication ignores the password, so the store opens and reads the version.
    expect(() => createPostgresStore({ url: withPassword.toString() })).toThrow(ConfigError);
    expect(() => createPostgresStore({ url: withPassword.toString() })).toThrow(/schema 99/);
    expect(() => createPostgresStore({ url: withPassword.toString() })).not.toThrow(/not-the-real-one/);
    await sql('UPDATE client_sync_schema SET version = 1');
  });

  it('migrates once when several stores open an empty database together', async () => {
    await sql('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const children = Array.from({ length: 3 }, () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', `import('./src/store/index.ts').then((m) => m.createPostgresStore({ url: ${JSON.stringify(url)} }).close())`], { stdio: 'inherit' });
        child.on('exit', resolve);
      }),
    );
    expect(await Promise.all(children)).toEqual([0, 0, 0]);
    expect(await sql('SELECT version FROM client_sync_schema')).toEqual([{ version: MIGRATIONS.length }]);
  });

  it('says why it cannot open a server, without the password', () => {
    const unreachable = 'postgres://someone:s3cret-pw@127.0.0.1:1/nowhere';
    expect(() => createPostgresStore({ url: unreachable })).toThrow(ConfigError);
    expect(() => createPostgresStore({ url: unreachable })).toThrow(/postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    expect(() => createPostgresStore({ url: unreachable })).not.toThrow(/s3cret-pw/);
  });

  it('frees the lock of a run whose store closed without finishing it, and reports that run interrupted', () => {
    const first = store();
    const abandoned = first.beginRun('fs->bm', 'migrate');
    first.close();
    const second = store();
    expect(second.runs({ pair: 'fs->bm' }).map((r) => r.status)).toEqual(['interrupted']);
    const next = second.beginRun('fs->bm', 'migrate');
    expect(second.runs({ pair: 'fs->bm' }).map((r) => [r.id, r.status])).toEqual([
      [next.id, 'running'],
      [abandoned.id, 'interrupted'],
    ]);
  });

  it('gives two pairs whose names share a 32-bit hash locks of their own', async () => {
    // Two lock keys PostgreSQL's 32-bit hashtext maps to one value (a birthday search over 200,000 names).
    const [collision] = await sql<{ keys: string[] }>(
      "SELECT array_agg(k ORDER BY k) AS keys FROM (SELECT 'fs' || g || '->bm' AS k FROM generate_series(1, 200000) g) t GROUP BY hashtext(k) HAVING count(*) > 1 LIMIT 1",
    );
    const [a, b] = collision?.keys ?? [];
    if (a === undefined || b === undefined) throw new Error('no hashtext collision among 200,000 names');
    const first = store();
    const second = store();
    const runA = first.beginRun(a, 'sync');
    const runB = second.beginRun(b, 'sync');
    expect(first.runs({ pair: a }).map((r) => [r.id, r.status])).toEqual([[runA.id, 'running']]);
    expect(second.runs({ pair: b }).map((r) => [r.id, r.status])).toEqual([[runB.id, 'running']]);
    expect(() => store().beginRun(a, 'sync')).toThrow(RunLockedError);
  });

  it('lets another process take over at once the pair of a process killed mid-run (SIGKILL)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/unit/store/postgres-child.ts', url, 'killed->pair'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const childRun = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', (code) => reject(new Error(`the child exited (${String(code)}) before holding the lock`)));
    });
    const parent = store();
    expect(() => parent.beginRun('killed->pair', 'sync')).toThrow(RunLockedError);
    expect(() => parent.beginRun('killed->pair', 'sync')).toThrow(new RegExp(`run ${childRun} \\("client-sync migrate", process ${String(child.pid)}`));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();
    let next: ReturnType<StateStore['beginRun']> | undefined;
    while (next === undefined) {
      try {
        next = parent.beginRun('killed->pair', 'sync');
      } catch (error) {
        // The server notices the closed socket within milliseconds; allow a little for a busy machine.
        if (!(error instanceof RunLockedError) || Date.now() - killedAt > 5_000) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    expect(parent.runs({ pair: 'killed->pair' }).map((r) => [r.id, r.status])).toEqual([
      [next.id, 'running'],
      [childRun, 'interrupted'],
    ]);
  });

  it('is what openStateStore opens for a postgres:// or postgresql:// URL', () => {
    for (const location of [url, url.replace(/^postgres:/, 'postgresql:')]) {
      const opened = openStateStore(location);
      open.push(opened);
      opened.putLink({ connection: 'bm', externalId: 'via-url', nativeId: '1', markerWritten: false });
      expect(opened.link('bm', 'via-url')?.nativeId).toBe('1');
    }
  });
});

/** Ends, as a server restart or a network cut would, every session the stores of this process hold. */
const CUT = `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity WHERE application_name = 'client-sync ${hostname()}:${String(process.pid)}'`;

describe('a lost connection to the PostgreSQL state store', () => {
  it('is re-established on the next statement: the store goes on and its run keeps the pair locked', async () => {
    const mine = store();
    const run = mine.beginRun('lost-connection', 'sync');
    expect(await sql<{ cut: number }>(CUT)).toEqual([{ cut: 1 }]);

    mine.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '1', markerWritten: false });
    expect(mine.link('bm', 'fs-1')?.nativeId).toBe('1');
    // The new session holds the run's lock again: another run of the pair is refused.
    expect(() => store().beginRun('lost-connection', 'sync')).toThrow(RunLockedError);
    mine.finishRun(run.id, 'ok', {});
    expect(mine.runs({ pair: 'lost-connection' })[0]?.status).toBe('ok');
  });

  it('stops a run whose pair another process locked while the connection was down, naming the run', async () => {
    const mine = store();
    const run = mine.beginRun('taken-while-down', 'sync');
    await sql(CUT);
    const other = store();
    other.beginRun('taken-while-down', 'sync');

    let stopped: unknown;
    try {
      mine.putLink({ connection: 'bm', externalId: 'fs-2', nativeId: '2', markerWritten: false });
    } catch (error) {
      stopped = error;
    }
    expect(stopped).toBeInstanceOf(RunLockedError);
    expect((stopped as Error).message).toContain(run.id);
    // The store itself goes on: only the run whose lock is gone stops.
    expect(() => mine.putLink({ connection: 'bm', externalId: 'fs-2', nativeId: '2', markerWritten: false })).not.toThrow();
  });

  it('fails a transaction it cut in two, rolled back as a whole, and the store goes on', () => {
    const mine = store();
    let caught: unknown;
    try {
      mine.transaction(() => {
        mine.putLink({ connection: 'bm', externalId: 'fs-3', nativeId: '3', markerWritten: false });
        mine.link('bm', 'fs-3'); // a read sends the transaction's first part
        execFileSync('psql', [url, '-Atc', CUT]);
        mine.putLink({ connection: 'bm', externalId: 'fs-4', nativeId: '4', markerWritten: false });
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StateStoreUnavailableError);
    expect((caught as Error).message).toMatch(/was lost in the middle of .*rolled back/);
    expect(mine.link('bm', 'fs-3')).toBeUndefined();
    expect(mine.link('bm', 'fs-4')).toBeUndefined();
    mine.putLink({ connection: 'bm', externalId: 'fs-5', nativeId: '5', markerWritten: false });
    expect(mine.link('bm', 'fs-5')?.nativeId).toBe('5');
  });
});
