import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../e2e/cli/built-cli.js';
import { createsIn, duplicatesIn, startFleet, until, type Fleet, type Tenant } from '../e2e/cli/worker-fleet.js';
import { freshDatabase } from '../helpers/postgres.js';
import { expectEveryClientOnce } from '../reliability/support.js';

/*
 * Issue 8's acceptance at full size: three `client-sync worker` processes (the built CLI) against one
 * PostgreSQL and the sandbox run 30 pairs of 1,000 clients each (FactuurSturen → EenvoudigFactureren,
 * budgets lifted: CPU-bound, not rate-bound) to completion — every pair exactly once for the tick,
 * no client twice — and again, on fresh accounts, with one worker SIGKILLed in the middle of a run:
 * the others finish its pair, no client twice. Counts are asserted; times are printed, not asserted.
 */

const PAIRS = 30;
const CLIENTS = 1_000;
// A live 1,000-client run on a busy 2-core machine takes well under this; a killed one's job comes back after it.
const JOB_FLAGS = ['--job-expiry', '90s', '--retry-delay', '2s'];
const WORKER_FLAGS = ['--expiry-check', '2s', '--log-level', 'info'];

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

/** Every tenant's target holds each of its source's clients exactly once, each from one create. */
async function expectEveryTenantOnce(fleet: Fleet): Promise<{ records: number; creates: number }> {
  let records = 0;
  let creates = 0;
  const store = fleet.store();
  for (const tenant of fleet.tenants) {
    const held = tenant.target.simulator.store.list().length;
    expect(createsIn(tenant), `${tenant.pair}: one create per record`).toBe(held);
    expect(duplicatesIn(tenant), tenant.pair).toEqual({});
    const compared = await expectEveryClientOnce({ source: tenant.source, target: tenant.target, store });
    expect(compared.records, tenant.pair).toBe(held);
    expect(held, tenant.pair).toBeGreaterThan(CLIENTS * 0.95);
    records += held;
    creates += createsIn(tenant);
  }
  return { records, creates };
}

describe('three workers, 30 pairs of 1,000 clients', () => {
  let fleet: Fleet;
  afterAll(async () => fleet.close());

  it('run every pair exactly once for the tick, no client twice', { timeout: 1_200_000 }, async () => {
    const setupStarted = performance.now();
    fleet = await startFleet({ url: await freshDatabase('chaos_workers'), pairs: PAIRS, clients: CLIENTS, prefix: 'tenant' });
    const started = performance.now();
    const workers = [0, 1, 2].map(() => fleet.startWorker(WORKER_FLAGS));
    const scheduled = await fleet.cli(['schedule', '--once', '--store', fleet.url, ...JOB_FLAGS]);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    await until(async () => (await fleet.jobs()).filter((job) => job.state === 'completed').length === PAIRS, 1_100_000, 'every job to complete', 1_000);
    const ranMs = performance.now() - started;
    for (const worker of workers) worker.child.kill('SIGTERM');
    expect((await Promise.all(workers.map((w) => w.done))).map((e) => e.code)).toEqual([0, 0, 0]);

    const jobs = await fleet.jobs();
    expect(jobs.map((job) => job.state)).toEqual(Array.from({ length: PAIRS }, () => 'completed'));
    const store = fleet.store();
    for (const tenant of fleet.tenants) {
      expect(store.runs({ pair: tenant.pair }).map((run) => run.status), tenant.pair).toEqual(['ok']);
      expect(workers.filter((w) => w.started(tenant.pair)), tenant.pair).toHaveLength(1);
    }
    const totals = await expectEveryTenantOnce(fleet);
    console.info(JSON.stringify({
      test: 'workers: 30 × 1,000, one tick',
      setupSeconds: Math.round((started - setupStarted) / 1000),
      runSeconds: Math.round(ranMs / 1000),
      ...totals,
      runsPerWorker: workers.map((w) => fleet.tenants.filter((t) => w.started(t.pair)).length),
      retries: jobs.reduce((n, job) => n + job.retryCount, 0),
    }));
  });
});

describe('three workers, 30 pairs of 1,000 clients, one worker SIGKILLed mid-run', () => {
  let fleet: Fleet;
  afterAll(async () => fleet.close());

  it('the others finish its pair: every pair done once, no client twice', { timeout: 1_200_000 }, async () => {
    fleet = await startFleet({ url: await freshDatabase('chaos_workers_kill'), pairs: PAIRS, clients: CLIENTS, prefix: 'tenant' });
    const started = performance.now();
    const workers = [0, 1, 2].map(() => fleet.startWorker(WORKER_FLAGS));
    const scheduled = await fleet.cli(['schedule', '--once', '--store', fleet.url, ...JOB_FLAGS]);
    expect(scheduled.code, scheduled.stderr).toBe(0);

    // The first pair to pass 300 of its 1,000 creates: its worker is killed there.
    let found: Tenant | undefined;
    await until(() => (found = fleet.tenants.find((t) => createsIn(t) >= 300)) !== undefined, 600_000, 'a run 300 creates in', 100);
    const victim = found;
    if (victim === undefined) throw new Error('unreachable');
    const runner = workers.find((w) => w.started(victim.pair));
    if (runner === undefined) throw new Error(`no worker logged the start of ${victim.pair}`);
    runner.child.kill('SIGKILL');
    const createsAtKill = createsIn(victim);

    await until(async () => (await fleet.jobs()).filter((job) => job.state === 'completed').length === PAIRS, 1_100_000, 'every job to complete', 1_000);
    const ranMs = performance.now() - started;
    const survivors = workers.filter((w) => w !== runner);
    for (const worker of survivors) worker.child.kill('SIGTERM');
    expect((await runner.done).signal).toBe('SIGKILL');
    expect((await Promise.all(survivors.map((w) => w.done))).map((e) => e.code)).toEqual([0, 0]);

    const jobs = await fleet.jobs();
    expect(jobs.map((job) => job.state)).toEqual(Array.from({ length: PAIRS }, () => 'completed'));
    expect(jobs.find((job) => job.pair === victim.pair)?.retryCount, 'the killed run\'s job came back once').toBe(1);
    expect(survivors.filter((w) => w.started(victim.pair)), 'a surviving worker took the pair over').toHaveLength(1);
    const store = fleet.store();
    for (const tenant of fleet.tenants) {
      const statuses = store.runs({ pair: tenant.pair }).map((run) => run.status).sort();
      expect(statuses, tenant.pair).toEqual(tenant === victim ? ['interrupted', 'ok'] : ['ok']);
    }
    const totals = await expectEveryTenantOnce(fleet);
    // What the journal made of the killed run's writes: the resumed run closed those left open.
    const journal: Record<string, number> = {};
    for (const entry of store.journal({ pair: victim.pair })) journal[`${entry.operation}:${entry.state}`] = (journal[`${entry.operation}:${entry.state}`] ?? 0) + 1;
    expect(store.openIntents(victim.pair)).toEqual([]);
    console.info(JSON.stringify({
      test: 'workers: 30 × 1,000, one worker SIGKILLed',
      runSeconds: Math.round(ranMs / 1000),
      killed: { pair: victim.pair, createsAtKill },
      journal,
      ...totals,
      retries: jobs.reduce((n, job) => n + job.retryCount, 0),
    }));
  });
});
