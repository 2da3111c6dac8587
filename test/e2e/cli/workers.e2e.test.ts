import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../helpers/postgres.js';
import { expectEveryClientOnce } from '../../reliability/support.js';
import { ensureBuilt } from './built-cli.js';
import { createsIn, duplicatesIn, startFleet, until, type Fleet } from './worker-fleet.js';

/*
 * `client-sync worker` × 3 (the built CLI) on one PostgreSQL, fed by `client-sync schedule --once`:
 * each pair runs exactly once for the tick, and each target account ends holding each source client
 * exactly once — also when a worker is SIGKILLed in the middle of a run, or stopped with SIGTERM.
 * And two `schedule` processes on one cron pattern enqueue each pair once per tick.
 */

const CLIENTS = 50;
// No live run comes near it, even on a machine 5 times slower than usual: a job expires only when
// its worker died (12 s, once the bound, was outlived by live 50-client runs at a load of 8 on 2 cores).
const JOB_FLAGS = ['--job-expiry', '150s', '--retry-delay', '1s'];
// The kill test needs the killed worker's job to expire within the test; the live runs beside it
// (50 clients, 2 s of vendor latency) end well before.
const KILL_JOB_FLAGS = ['--job-expiry', '40s', '--retry-delay', '1s'];
const WORKER_FLAGS = ['--expiry-check', '1s', '--log-level', 'info'];

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

describe('three workers and one tick', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({ url: await freshDatabase('workers'), pairs: 5, clients: CLIENTS, prefix: 'tick' });
  });
  afterAll(async () => fleet.close());

  it('run every pair exactly once, and every target holds every source client exactly once', { timeout: 300_000 }, async () => {
    const workers = [0, 1, 2].map(() => fleet.startWorker(WORKER_FLAGS));
    const scheduled = await fleet.cli(['schedule', '--once', '--json', '--store', fleet.url, ...JOB_FLAGS]);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect((JSON.parse(scheduled.stdout) as { enqueued: string[] }).enqueued).toEqual(fleet.tenants.map((t) => t.pair));
    await until(async () => (await fleet.jobs()).every((job) => job.state === 'completed'), 150_000, 'every job to complete');
    for (const worker of workers) worker.child.kill('SIGTERM');
    const ended = await Promise.all(workers.map((worker) => worker.done));
    expect(ended.map((e) => e.code), ended.map((e) => e.stderr.slice(-3000)).join('\n---\n')).toEqual([0, 0, 0]);

    expect(await fleet.jobs()).toEqual(fleet.tenants.map((t) => ({ pair: t.pair, state: 'completed', retryCount: 0 })));
    const store = fleet.store();
    for (const tenant of fleet.tenants) {
      expect(store.runs({ pair: tenant.pair }).map((run) => run.status), tenant.pair).toEqual(['ok']);
      const records = tenant.target.simulator.store.list().length;
      expect(createsIn(tenant), tenant.pair).toBe(records);
      expect(duplicatesIn(tenant), tenant.pair).toEqual({});
      const compared = await expectEveryClientOnce({ source: tenant.source, target: tenant.target, store });
      expect(compared.records, tenant.pair).toBe(records);
    }
    // Each pair was started by exactly one worker.
    for (const tenant of fleet.tenants) expect(workers.filter((w) => w.started(tenant.pair)), tenant.pair).toHaveLength(1);
    // A job holds the pair and the tick, nothing else; no credential is anywhere in the job table.
    const rows = await fleet.jobRows();
    expect(rows.map((row) => Object.keys(JSON.parse(row.data) as object).sort())).toEqual(fleet.tenants.map(() => ['pair', 'tick']));
    expect(fleet.secrets.filter((secret) => rows.some((row) => row.data.includes(secret) || (row.output ?? '').includes(secret)))).toEqual([]);
  });
});

describe('a worker killed in the middle of a run', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    // 40 ms per create: a run lasts long enough to be killed in the middle of it.
    fleet = await startFleet({ url: await freshDatabase('workers_kill'), pairs: 3, clients: CLIENTS, prefix: 'kill', targetFaults: { rates: { latency: 1 }, methods: ['POST'], latencyMs: 40 } });
  });
  afterAll(async () => fleet.close());

  it('leaves its pair to the others, which finish it with no client twice', { timeout: 360_000 }, async () => {
    const workers = [0, 1, 2].map(() => fleet.startWorker(WORKER_FLAGS));
    const scheduled = await fleet.cli(['schedule', '--once', '--store', fleet.url, ...KILL_JOB_FLAGS]);
    expect(scheduled.code, scheduled.stderr).toBe(0);

    // Kill the worker running the first pair to reach its tenth create.
    let killed: (typeof fleet.tenants)[number] | undefined;
    await until(() => (killed = fleet.tenants.find((t) => createsIn(t) >= 10)) !== undefined, 90_000, 'a run to be under way');
    const victim = killed;
    if (victim === undefined) throw new Error('unreachable');
    const runner = workers.find((w) => w.started(victim.pair));
    expect(runner, `the worker that runs ${victim.pair}`).toBeDefined();
    runner?.child.kill('SIGKILL');
    const createsAtKill = createsIn(victim);
    expect(createsAtKill).toBeLessThan(CLIENTS - 5);

    await until(async () => (await fleet.jobs()).every((job) => job.state === 'completed'), 180_000, 'every job to complete');
    const survivors = workers.filter((w) => w !== runner);
    for (const worker of survivors) worker.child.kill('SIGTERM');
    expect((await runner?.done)?.signal).toBe('SIGKILL');
    const stopped = await Promise.all(survivors.map((w) => w.done));
    expect(stopped.map((e) => e.code), stopped.map((e) => e.stderr.slice(-3000)).join('\n---\n')).toEqual([0, 0]);

    const jobs = await fleet.jobs();
    expect(jobs.map((job) => job.state)).toEqual(['completed', 'completed', 'completed']);
    // The killed pair's job expired once and was retried; the others ran once.
    expect(jobs.map((job) => [job.pair, job.retryCount])).toEqual(fleet.tenants.map((t) => [t.pair, t === victim ? 1 : 0]));
    expect(survivors.filter((w) => w.started(victim.pair)), 'a surviving worker took the pair over').toHaveLength(1);

    const store = fleet.store();
    for (const tenant of fleet.tenants) {
      const statuses = store.runs({ pair: tenant.pair }).map((run) => run.status).sort();
      expect(statuses, tenant.pair).toEqual(tenant === victim ? ['interrupted', 'ok'] : ['ok']);
      const records = tenant.target.simulator.store.list().length;
      expect(createsIn(tenant), `${tenant.pair}: one create per record`).toBe(records);
      expect(duplicatesIn(tenant), tenant.pair).toEqual({});
      const compared = await expectEveryClientOnce({ source: tenant.source, target: tenant.target, store });
      expect(compared.records, tenant.pair).toBe(records);
    }
  });
});

describe('a worker stopped with SIGTERM in the middle of a run', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({ url: await freshDatabase('workers_term'), pairs: 2, clients: CLIENTS, prefix: 'term', targetFaults: { rates: { latency: 1 }, methods: ['POST'], latencyMs: 40 } });
  });
  afterAll(async () => fleet.close());

  it('stops after the write in flight, exits 0, and its job goes back to the queue for the other', { timeout: 360_000 }, async () => {
    const workers = [0, 1].map(() => fleet.startWorker(WORKER_FLAGS));
    const scheduled = await fleet.cli(['schedule', '--once', '--store', fleet.url, ...JOB_FLAGS]);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    let found: (typeof fleet.tenants)[number] | undefined;
    await until(() => (found = fleet.tenants.find((t) => createsIn(t) >= 10)) !== undefined, 90_000, 'a run to be under way');
    const victim = found;
    const runner = workers.find((w) => victim !== undefined && w.started(victim.pair));
    if (victim === undefined || runner === undefined) throw new Error(`no worker logged the start of ${String(victim?.pair)}`);
    runner.child.kill('SIGTERM');
    const stopped = await runner.done;
    expect(stopped.code, stopped.stderr.slice(-3000)).toBe(0);
    const createsAtStop = createsIn(victim);
    expect(createsAtStop).toBeLessThan(CLIENTS);

    let jobs: Awaited<ReturnType<Fleet['jobs']>> = [];
    await until(async () => (jobs = await fleet.jobs()).every((job) => job.state === 'completed'), 150_000, 'every job to complete').catch((error: unknown) => {
      throw new Error(`${String(error)}; jobs: ${JSON.stringify(jobs)}; other worker: ${workers.find((w) => w !== runner)?.stderr().slice(-2000) ?? ''}`);
    });
    const other = workers.find((w) => w !== runner);
    other?.child.kill('SIGTERM');
    expect((await other?.done)?.code).toBe(0);
    expect(await fleet.jobs()).toEqual(fleet.tenants.map((t) => ({ pair: t.pair, state: 'completed', retryCount: t === victim ? 1 : 0 })));
    // No credential in the job table: not in a job's data, not in what its attempts left in its output.
    const rows = await fleet.jobRows();
    expect(fleet.secrets.filter((secret) => rows.some((row) => row.data.includes(secret) || (row.output ?? '').includes(secret)))).toEqual([]);
    const store = fleet.store();
    for (const tenant of fleet.tenants) {
      expect(store.runs({ pair: tenant.pair }).map((run) => run.status).sort(), tenant.pair).toEqual(tenant === victim ? ['ok', 'stopped'] : ['ok']);
      expect(createsIn(tenant), tenant.pair).toBe(tenant.target.simulator.store.list().length);
      expect(duplicatesIn(tenant), tenant.pair).toEqual({});
      await expectEveryClientOnce({ source: tenant.source, target: tenant.target, store });
    }
  });
});

describe('two schedulers on one cron pattern', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet({ url: await freshDatabase('workers_cron'), pairs: 2, clients: 0, prefix: 'cron' });
  });
  afterAll(async () => fleet.close());

  it('enqueue each pair once per tick, under the tick\'s scheduled time', { timeout: 120_000 }, async () => {
    const children: ChildProcess[] = [];
    const schedule = (): ReturnType<Fleet['cli']> => fleet.cli(['schedule', '--schedule', '* * * * * *', '--json', '--store', fleet.url], (child) => children.push(child));
    const runs = [schedule(), schedule()];
    // Three ticks after the first one both schedulers saw.
    await until(async () => new Set((await fleet.ticks()).map((job) => job.tick)).size >= 4, 60_000, 'four ticks', 100);
    for (const child of children) child.kill('SIGTERM');
    const ended = await Promise.all(runs);
    expect(ended.map((run) => run.code)).toEqual([0, 0]);

    const jobs = await fleet.ticks();
    const ticks = [...new Set(jobs.map((job) => job.tick))];
    for (const tick of ticks) {
      expect(new Date(tick).getUTCMilliseconds(), tick).toBe(0);
      expect(jobs.filter((job) => job.tick === tick).map((job) => job.pair), tick).toEqual(['cron-0', 'cron-1']);
    }
    // Where both schedulers were up for a tick, one enqueued its jobs and the other found them there.
    const lines = ended.flatMap((run) => run.stdout.split('\n').filter((line) => line.startsWith('{'))).map((line) => JSON.parse(line) as { tick: string; enqueued: string[]; existing: string[] });
    const both = ticks.filter((tick) => lines.filter((line) => line.tick === tick).length === 2);
    expect(both.length).toBeGreaterThan(0);
    for (const tick of both) {
      const seen = lines.filter((line) => line.tick === tick);
      expect(seen.flatMap((line) => line.enqueued).sort(), tick).toEqual(['cron-0', 'cron-1']);
      expect(seen.flatMap((line) => line.existing).sort(), tick).toEqual(['cron-0', 'cron-1']);
    }
  });
});
