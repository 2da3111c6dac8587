import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import type { FaultOptions } from '../../../src/sandbox/index.js';
import { openStateStore, type StateStore } from '../../../src/store/index.js';
import { startSide, until as untilEvery, type Side } from '../../reliability/support.js';
import { MAIN, runCli, type CliRun } from './built-cli.js';

/*
 * A fleet of `client-sync worker` processes (the built CLI) on one PostgreSQL, and the tenants they
 * serve: per pair, a FactuurSturen account to read and an EenvoudigFactureren account to fill, each a
 * simulator of its own in this process, with credentials of its own. FactuurSturen → EF has no rate
 * bottleneck (budgets lifted), so the runs are bound by CPU, not by waiting.
 */

export interface Tenant {
  readonly pair: string;
  readonly source: Side;
  readonly target: Side;
}

export interface Fleet {
  readonly dir: string;
  readonly url: string;
  readonly tenants: readonly Tenant[];
  /** Runs the built CLI in the fleet's directory with its credentials. */
  cli(args: readonly string[], onSpawn?: (child: ChildProcess) => void): Promise<CliRun>;
  /** Starts a `client-sync worker` process. */
  startWorker(extra?: readonly string[]): Worker;
  /** The state store the workers share (opened on first use). */
  store(): StateStore;
  /** The pg-boss jobs of the sync queue: pair, state, retries, by pair. */
  jobs(): Promise<{ pair: string; state: string; retryCount: number }[]>;
  /** The pair and tick of every job, by tick and pair. */
  ticks(): Promise<{ pair: string; tick: string }[]>;
  /** Every job's data and output as PostgreSQL holds them (JSON text), to search for secrets. */
  jobRows(): Promise<{ data: string; output: string | null }[]>;
  /** Every credential of every account, as given. */
  readonly secrets: readonly string[];
  close(): Promise<void>;
}

export interface Worker {
  readonly child: ChildProcess;
  /** Everything the worker wrote on standard error so far (pino JSON lines). */
  stderr(): string;
  /** Whether this worker logged the start of a job for `pair`. */
  started(pair: string): boolean;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export interface FleetOptions {
  readonly url: string;
  readonly pairs: number;
  readonly clients: number;
  /** Prefix of pair and connection names. */
  readonly prefix: string;
  /** Faults of the target accounts (e.g. latency, to make runs long enough to be killed in). */
  readonly targetFaults?: FaultOptions;
}

const UNLIMITED = { requests: 1_000_000, per: '60s' };

export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const dir = mkdtempSync(path.join(tmpdir(), 'client-sync-workers-'));
  const tenants: Tenant[] = [];
  const connections: Record<string, unknown> = {};
  const pairs: Record<string, unknown> = {};
  const env: Record<string, string> = {};
  for (let i = 0; i < options.pairs; i++) {
    const pair = `${options.prefix}-${i}`;
    const source = await startSide('factuursturen', `${pair}-fs`, { clients: options.clients, seed: `${pair}/source` });
    const target = await startSide('eenvoudigfactureren', `${pair}-ef`, { clients: 0, ...(options.targetFaults === undefined ? {} : { faults: options.targetFaults }) });
    tenants.push({ pair, source, target });
    const variable = (side: string): string => `${pair.toUpperCase().replace(/-/g, '_')}_${side}_KEY`;
    if (source.credentials.kind !== 'basic' || target.credentials.kind !== 'apiKey') throw new Error('unexpected sandbox credentials');
    env[variable('FS')] = source.credentials.password;
    env[variable('EF')] = target.credentials.apiKey;
    connections[source.name] = { vendor: 'factuursturen', base_url: source.simulator.url, username: source.credentials.username, api_key: `\${${variable('FS')}}`, rate_limit: UNLIMITED };
    connections[target.name] = { vendor: 'eenvoudigfactureren', base_url: target.simulator.url, api_key: `\${${variable('EF')}}`, rate_limit: UNLIMITED };
    pairs[pair] = { from: source.name, to: target.name };
  }
  writeFileSync(path.join(dir, 'client-sync.yaml'), stringify({ connections, pairs }));

  let store: StateStore | undefined;
  const workers: Worker[] = [];
  const admin = new pg.Client({ connectionString: options.url });
  await admin.connect();
  // pg-boss creates its tables on its first start.
  const queueExists = async (): Promise<boolean> => (await admin.query<{ name: string | null }>("SELECT to_regclass('pgboss.job')::text AS name")).rows[0]?.name !== null;
  return {
    dir,
    url: options.url,
    tenants,
    cli: (args, onSpawn) => runCli(args, { cwd: dir, env, ...(onSpawn === undefined ? {} : { onSpawn }) }),
    startWorker(extra = []) {
      const child = spawn(process.execPath, [MAIN, 'worker', '--store', options.url, ...extra], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
      });
      const worker: Worker = {
        child,
        stderr: () => stderr,
        started: (pair) => stderr.split('\n').some((line) => line.includes(`"pair":"${pair}"`) && line.includes('sync job started')),
        done,
      };
      workers.push(worker);
      return worker;
    },
    store() {
      store ??= openStateStore(options.url);
      return store;
    },
    async jobs() {
      if (!(await queueExists())) return [];
      const { rows } = await admin.query<{ pair: string; state: string; retry_count: number }>("SELECT data->>'pair' AS pair, state, retry_count FROM pgboss.job ORDER BY data->>'pair'");
      return rows.map((row) => ({ pair: row.pair, state: row.state, retryCount: row.retry_count }));
    },
    async ticks() {
      if (!(await queueExists())) return [];
      const { rows } = await admin.query<{ pair: string; tick: string }>("SELECT data->>'pair' AS pair, data->>'tick' AS tick FROM pgboss.job ORDER BY data->>'tick', data->>'pair'");
      return rows;
    },
    async jobRows() {
      if (!(await queueExists())) return [];
      const { rows } = await admin.query<{ data: string; output: string | null }>('SELECT data::text AS data, output::text AS output FROM pgboss.job');
      return rows;
    },
    secrets: Object.values(env),
    async close() {
      for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await Promise.all(workers.map((worker) => worker.done));
      store?.close();
      await admin.end();
      await Promise.all(tenants.flatMap((tenant) => [tenant.source.simulator.close(), tenant.target.simulator.close()]));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every `everyMs` (default 20 ms: each check may query PostgreSQL) until it holds, or rejects after `timeoutMs`. */
export const until = (check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 20): Promise<void> => untilEvery(check, timeoutMs, what, everyMs);

/** Creates a target account received: POST /clients the simulator answered with success. */
export function createsIn(tenant: Tenant): number {
  return tenant.target.simulator.log.count((entry) => entry.method === 'POST' && entry.path === '/clients' && entry.status >= 200 && entry.status < 300);
}

/** How many records of the target account hold each external id, for the ids held more than once. */
export function duplicatesIn(tenant: Tenant): Record<string, number> {
  const counts = new Map<string, number>();
  for (const raw of tenant.target.simulator.store.list()) {
    const id = typeof raw.external_client_id === 'string' ? raw.external_client_id : JSON.stringify(raw.external_client_id);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].filter(([, n]) => n > 1));
}
