import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueTick, openJobQueue, runLimitMs, runSyncWorkers, servingRun, SYNC_QUEUE, syncJobId, type SyncJob, type SyncJobRun } from '../../../src/jobs/index.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { createSqliteStore } from '../../../src/store/index.js';
import { freshDatabase } from '../../helpers/postgres.js';
import { until } from '../../reliability/support.js';

/* The job plumbing on a real PostgreSQL: one job per pair and tick, retries with backoff, served ticks. */

const FAST = { expireInSeconds: 30, retryLimit: 3, retryDelaySeconds: 1 };
let url = '';
let boss: PgBoss;
beforeAll(async () => {
  url = await freshDatabase('jobs');
  boss = await openJobQueue(url, { maintenanceIntervalSeconds: 1 });
});
afterAll(async () => {
  await boss.stop({ graceful: false });
});

async function jobsOf(pair: string): Promise<{ state: string; retry_count: number }[]> {
  const { rows } = await boss.getDb().executeSql(`SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'pair' = $2`, [SYNC_QUEUE, pair]);
  return rows as { state: string; retry_count: number }[];
}

describe('sync jobs on pg-boss', () => {
  it('a job id depends on the pair and the tick only', () => {
    const tick = '2026-11-21T03:00:00.000Z';
    expect(syncJobId({ pair: 'a', tick })).toBe(syncJobId({ pair: 'a', tick }));
    expect(syncJobId({ pair: 'a', tick })).not.toBe(syncJobId({ pair: 'b', tick }));
    expect(syncJobId({ pair: 'a', tick })).not.toBe(syncJobId({ pair: 'a', tick: '2026-11-21T03:15:00.000Z' }));
    expect(syncJobId({ pair: 'a', tick })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('enqueues one job per pair for a tick, however often the tick is enqueued', async () => {
    const tick = new Date('2026-11-21T03:00:00.000Z');
    const first = await enqueueTick(boss, ['once-a', 'once-b'], tick, FAST);
    const again = await enqueueTick(boss, ['once-a', 'once-b'], tick, FAST);
    expect(first).toEqual({ tick: tick.toISOString(), enqueued: ['once-a', 'once-b'], existing: [] });
    expect(again).toEqual({ tick: tick.toISOString(), enqueued: [], existing: ['once-a', 'once-b'] });
    expect(await jobsOf('once-a')).toHaveLength(1);
    // Still one job once the first has finished.
    const taken = await boss.fetch(SYNC_QUEUE, { batchSize: 10 });
    expect(taken.map((job) => job.id).sort()).toEqual(['once-a', 'once-b'].map((pair) => syncJobId({ pair, tick: tick.toISOString() })).sort());
    await boss.complete(SYNC_QUEUE, taken.map((job) => job.id));
    expect((await enqueueTick(boss, ['once-a'], tick, FAST)).enqueued).toEqual([]);
    expect(await jobsOf('once-a')).toEqual([{ state: 'completed', retry_count: 0 }]);
    expect(await jobsOf('once-b')).toEqual([{ state: 'completed', retry_count: 0 }]);
  });

  it('retries a job whose run failed (a pair locked by a live run) until a run finishes it', async () => {
    const stop = new AbortController();
    const attempts: SyncJob[] = [];
    const run = (job: SyncJob): Promise<SyncJobRun> => {
      attempts.push(job);
      return Promise.resolve(attempts.length < 3 ? { status: 'failed', error: { code: 'RUN_LOCKED', message: 'locked' } } : { status: 'ok', runId: 'r1' });
    };
    await enqueueTick(boss, ['retried'], new Date(), FAST);
    const worker = runSyncWorkers(await openJobQueue(url, { maintenanceIntervalSeconds: 1 }), {
      concurrency: 1, pollingIntervalSeconds: 0.5, run, servedBy: () => undefined, signal: stop.signal, logger: silentLogger, stopTimeoutMs: 5_000,
    });
    await until(async () => (await jobsOf('retried'))[0]?.state === 'completed', 15_000, 'job retried to be completed', 50);
    stop.abort();
    await worker;
    expect(attempts.map((job) => job.pair)).toEqual(['retried', 'retried', 'retried']);
    expect(await jobsOf('retried')).toEqual([{ state: 'completed', retry_count: 2 }]);
    // Each retry waits longer than the one before: the first after retryDelaySeconds, then doubling (pg-boss backoff).
    const { rows } = await boss.getDb().executeSql(`SELECT retry_delay, retry_backoff FROM pgboss.job WHERE name = $1 AND data->>'pair' = 'retried'`, [SYNC_QUEUE]);
    expect(rows).toEqual([{ retry_delay: FAST.retryDelaySeconds, retry_backoff: true }]);
  });

  it('gives a job back to the queue when a stop request cuts its run short', async () => {
    const stop = new AbortController();
    let started = false;
    const run = (): Promise<SyncJobRun> => {
      started = true;
      // The engine ends a run after the write in flight once the signal is aborted, and says `stopped`.
      return new Promise((resolve) => stop.signal.addEventListener('abort', () => resolve({ status: 'stopped', runId: 'r2' }), { once: true }));
    };
    await enqueueTick(boss, ['stopped'], new Date(), FAST);
    const worker = runSyncWorkers(await openJobQueue(url, { maintenanceIntervalSeconds: 1 }), {
      concurrency: 1, pollingIntervalSeconds: 0.5, run, servedBy: () => undefined, signal: stop.signal, logger: silentLogger, stopTimeoutMs: 5_000,
    });
    await until(() => started, 15_000, 'the run to start', 50);
    stop.abort();
    await worker;
    expect(await jobsOf('stopped')).toEqual([{ state: 'retry', retry_count: 0 }]);
  });

  it('stops a run about to outlast its job expiry and gives the job back, before pg-boss hands it to another worker', async () => {
    const stop = new AbortController();
    const attempts: number[] = [];
    const run = (job: SyncJob, signal: AbortSignal): Promise<SyncJobRun> => {
      // (The job the stop request gave back in the test before is taken too.)
      if (job.pair === 'outlasting') attempts.push(attempts.length + 1);
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve({ status: 'stopped' }), { once: true }));
    };
    await enqueueTick(boss, ['outlasting'], new Date(), { ...FAST, expireInSeconds: 3, retryLimit: 0 });
    const worker = runSyncWorkers(await openJobQueue(url, { maintenanceIntervalSeconds: 1 }), {
      concurrency: 1, pollingIntervalSeconds: 0.5, run, servedBy: () => undefined, signal: stop.signal, logger: silentLogger, stopTimeoutMs: 5_000,
    });
    await until(async () => (await jobsOf('outlasting'))[0]?.state === 'failed', 15_000, 'job outlasting to be failed', 50);
    stop.abort();
    await worker;
    // Stopped by the worker (3 s less the margin), not timed out by pg-boss: its message says so.
    expect(attempts).toHaveLength(1);
    const { rows } = await boss.getDb().executeSql(`SELECT output->>'message' AS message FROM pgboss.job WHERE name = $1 AND data->>'pair' = 'outlasting'`, [SYNC_QUEUE]);
    expect((rows[0] as { message: string }).message).toMatch(/outlasting .*: run stopped/);
  });

  it('leaves a run a tenth of its job expiry, at least 1 s and at most a minute, to stop in', () => {
    expect(runLimitMs(3)).toBe(2_000);
    expect(runLimitMs(15)).toBe(14_000);
    expect(runLimitMs(300)).toBe(270_000);
    expect(runLimitMs(4 * 3600)).toBe(4 * 3600_000 - 60_000);
  });

  it('completes a job whose tick a finished run already served, without running the pair', async () => {
    const stop = new AbortController();
    const runs: SyncJob[] = [];
    await enqueueTick(boss, ['served'], new Date(), FAST);
    const worker = runSyncWorkers(await openJobQueue(url, { maintenanceIntervalSeconds: 1 }), {
      concurrency: 1, pollingIntervalSeconds: 0.5, run: (job) => { runs.push(job); return Promise.resolve({ status: 'ok' }); }, servedBy: () => 'r0', signal: stop.signal, logger: silentLogger,
    });
    await until(async () => (await jobsOf('served'))[0]?.state === 'completed', 15_000, 'job served to be completed', 50);
    stop.abort();
    await worker;
    expect(runs).toEqual([]);
  });
});

describe('servingRun', () => {
  it('counts only a finished run that started at or after the tick', () => {
    let now = Date.parse('2026-11-21T03:00:00.000Z');
    const store = createSqliteStore({ file: ':memory:', now: () => now });
    const before = store.beginRun('p', 'sync');
    store.finishRun(before.id, 'ok', {});
    const tick = new Date(now + 1_000).toISOString();
    expect(servingRun(store, { pair: 'p', tick })).toBeUndefined();
    now += 2_000;
    const failed = store.beginRun('p', 'sync');
    store.finishRun(failed.id, 'failed', {});
    expect(servingRun(store, { pair: 'p', tick })).toBeUndefined();
    const after = store.beginRun('p', 'sync');
    expect(servingRun(store, { pair: 'p', tick })).toBeUndefined();
    store.finishRun(after.id, 'partial', {});
    expect(servingRun(store, { pair: 'p', tick })).toBe(after.id);
    expect(servingRun(store, { pair: 'q', tick })).toBeUndefined();
    store.close();
  });
});
