import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import { parse, stringify } from 'yaml';
import { ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

/*
 * The move to PostgreSQL as a user makes it, through the built CLI: a real migration of `n`
 * FactuurSturen clients into EenvoudigFactureren (the fastest pair: FactuurSturen lists everything in
 * one call, EF takes the external id in the create; no rate limits on either side) builds a SQLite
 * state; `state copy` moves it into an empty database; the config then points at PostgreSQL through
 * `state: ${CLIENT_SYNC_STATE}`, and a sync of the same pair must write nothing at all.
 */

/** The pair the migration runs as (its snapshots are keyed by this name): configured under it, `sync` continues it. */
const PAIR = 'migrate-factuursturen-eenvoudigfactureren';
const TABLES = ['runs', 'links', 'snapshots', 'journal', 'failures', 'open_items'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

interface RunsJson {
  exitCode: number;
  runs: { exitCode: number; result: { status: string; outcomes: { status: string }[]; plan: { counts: Record<string, number> } } }[];
}

/** What the scenario measured, for the test to report. */
export interface CopyScenarioTimings {
  readonly migrateMs: number;
  /** The same sync, on the SQLite state before the copy. */
  readonly sqliteSyncMs: number;
  readonly copyMs: number;
  readonly syncMs: number;
  readonly syncCalls: number;
  readonly syncWrites: number;
}

function writeConfig(workspace: Workspace): void {
  const config = parse(workspace.sandbox.config) as { connections: Record<string, Record<string, unknown>> };
  // The simulators run without limits (createWorkspace below); the connectors must not pace themselves either.
  for (const name of ['factuursturen', 'eenvoudigfactureren']) {
    const connection = config.connections[name];
    if (connection !== undefined) connection.rate_limit = { requests: 1_000_000, per: '1s' };
  }
  const yaml = `state: \${CLIENT_SYNC_STATE}\n${stringify({ connections: config.connections, pairs: { [PAIR]: { from: 'factuursturen', to: 'eenvoudigfactureren', mode: 'one-way' } } })}`;
  writeFileSync(path.join(workspace.dir, 'client-sync.yaml'), yaml);
}

function sqliteCounts(file: string): Counts {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((table) => [table, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0])) as Counts;
  } finally {
    db.close();
  }
}

async function postgresCounts(url: string): Promise<Counts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(`SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ')}`);
    return Object.fromEntries(TABLES.map((table) => [table, Number(rows[0]?.[table])])) as Counts;
  } finally {
    await client.end();
  }
}

/** Every row of every table of the PostgreSQL store, as text (to look for credentials in). */
async function postgresDump(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const parts: string[] = [];
    for (const table of [...TABLES, 'locks', 'client_sync_schema']) {
      const { rows } = await client.query<{ dump: string | null }>(`SELECT string_agg(t::text, E'\\n') AS dump FROM ${table} t`);
      parts.push(rows[0]?.dump ?? '');
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

const writesIn = (workspace: Workspace): number =>
  Object.values(workspace.sandbox.simulators).reduce((sum, simulator) => sum + simulator.log.count((entry) => entry.method !== 'GET'), 0);

/**
 * Runs the whole move for `n` clients against `databaseUrl` (an empty database) and checks every
 * step; returns the timings. The URL is given a password the server ignores (trust), so the test
 * can prove it is never printed.
 */
export async function runCopyScenario(n: number, databaseUrl: string): Promise<CopyScenarioTimings> {
  await ensureBuilt();
  const workspace = await createWorkspace({ clients: { factuursturen: n, eenvoudigfactureren: 0, billomat: 0 }, rateLimit: { factuursturen: false, eenvoudigfactureren: false } });
  try {
    writeConfig(workspace);
    const sqliteFile = path.join(workspace.dir, '.client-sync', 'state.db');
    const password = `pg-pass-${randomBytes(6).toString('hex')}`;
    const url = new URL(databaseUrl);
    url.password = password;

    let started = performance.now();
    const migrated = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'eenvoudigfactureren', '--json'], { env: { CLIENT_SYNC_STATE: '.client-sync/state.db' } });
    const migrateMs = performance.now() - started;
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(workspace.sandbox.simulators.eenvoudigfactureren.store.count()).toBe(n);
    // The same sync on the SQLite state first: nothing to write there either, and the time to compare with.
    const sqliteWrites = writesIn(workspace);
    started = performance.now();
    const onSqlite = await workspace.cli(['sync', '--pair', PAIR, '--json'], { env: { CLIENT_SYNC_STATE: '.client-sync/state.db' } });
    const sqliteSyncMs = performance.now() - started;
    expect(onSqlite.code, onSqlite.stderr).toBe(0);
    expect(writesIn(workspace)).toBe(sqliteWrites);
    const inSqlite = sqliteCounts(sqliteFile);
    expect(inSqlite.links).toBeGreaterThanOrEqual(n);

    started = performance.now();
    const copied = await workspace.cli(['state', 'copy', '--to', url.toString(), '--json'], { env: { CLIENT_SYNC_STATE: '.client-sync/state.db' } });
    const copyMs = performance.now() - started;
    expect(copied.code, copied.stderr).toBe(0);
    expect((parseJson(copied) as { counts: Counts }).counts).toEqual(inSqlite);
    expect(await postgresCounts(databaseUrl)).toEqual(inSqlite);

    // A second copy into the now non-empty database is refused without --force, naming the URL without its password.
    const again = await workspace.cli(['state', 'copy', '--to', url.toString()], { env: { CLIENT_SYNC_STATE: '.client-sync/state.db' } });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds state .*--force/);
    expect(again.stderr).toContain(`postgres://postgres:***@${url.host}${url.pathname}`);

    const callsBefore = workspace.calls();
    const writesBefore = writesIn(workspace);
    started = performance.now();
    const synced = await workspace.cli(['sync', '--pair', PAIR, '--json'], { env: { CLIENT_SYNC_STATE: url.toString() } });
    const syncMs = performance.now() - started;
    expect(synced.code, synced.stderr).toBe(0);
    const run = (parseJson(synced) as unknown as RunsJson).runs[0];
    expect(run?.result.status).toBe('ok');
    const { create, update, archive, delete: deleted, marker } = run?.result.plan.counts ?? {};
    expect({ create, update, archive, delete: deleted, marker }).toEqual({ create: 0, update: 0, archive: 0, delete: 0, marker: 0 });
    expect(run?.result.outcomes.filter((outcome) => outcome.status !== 'unchanged' && outcome.status !== 'skipped')).toEqual([]);
    expect(writesIn(workspace)).toBe(writesBefore);
    expect(workspace.sandbox.simulators.eenvoudigfactureren.store.count()).toBe(n);
    // The sync ran on PostgreSQL: its run is recorded there, and the SQLite file did not change.
    expect((await postgresCounts(databaseUrl)).runs).toBe(inSqlite.runs + 1);
    expect(sqliteCounts(sqliteFile)).toEqual(inSqlite);

    const status = await workspace.cli(['status'], { env: { CLIENT_SYNC_STATE: url.toString() } });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain(`State:  postgres://postgres:***@${url.host}${url.pathname}`);
    for (const output of [copied, again, synced, status]) expect(`${output.stdout}${output.stderr}`).not.toContain(password);
    expect(leakedSecrets(workspace)).toEqual([]);
    const dump = await postgresDump(databaseUrl);
    expect(dump.length).toBeGreaterThan(n * 100);
    expect([...workspace.secrets, password].filter((secret) => dump.includes(secret))).toEqual([]);
    return { migrateMs, sqliteSyncMs, copyMs, syncMs, syncCalls: workspace.calls() - callsBefore, syncWrites: writesIn(workspace) - writesBefore };
  } finally {
    await workspace.close();
  }
}
