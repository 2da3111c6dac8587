import type PgBoss from 'pg-boss';
import { untilAborted } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import type { StateStore } from '../store/types.js';
import { SYNC_QUEUE, parseSyncJob, type SyncJob } from './sync-queue.js';

/** How a pair's run for a job ended, as far as the queue cares. */
export interface SyncJobRun {
  /** `ok` and `partial` (record failures, retried by the next run) finish the job; the others retry it. */
  readonly status: 'ok' | 'partial' | 'failed' | 'stopped';
  readonly runId?: string | undefined;
  readonly error?: { readonly code: string; readonly message: string } | undefined;
}

export interface SyncWorkerOptions {
  /** Jobs run side by side in this process (each is one pair's run). */
  readonly concurrency: number;
  /** How often an idle worker asks for a job. Default 2 s. */
  readonly pollingIntervalSeconds?: number;
  /**
   * Runs the job's pair once: connections and credentials from the worker's own configuration. The
   * signal is aborted on a stop request, and shortly before the job expires.
   */
  readonly run: (job: SyncJob, signal: AbortSignal) => Promise<SyncJobRun>;
  /** The id of a finished run that already served the job's tick, if there is one (see {@link servingRun}). */
  readonly servedBy: (job: SyncJob) => string | undefined;
  /** Aborted to stop: no new job is taken, the runs in flight stop after their write in flight. */
  readonly signal: AbortSignal;
  /** How long to wait for the runs in flight after the stop request before giving their jobs back. Default 60 s. */
  readonly stopTimeoutMs?: number;
  readonly logger: Logger;
}

/** Why a job goes back to the queue: pg-boss records it and retries the job with backoff. */
export class SyncJobFailedError extends Error {
  readonly code: string;
  constructor(job: SyncJob, run: SyncJobRun) {
    const code = run.status === 'stopped' ? 'STOPPED' : (run.error?.code ?? 'INTERNAL');
    super(`${job.pair} (tick ${job.tick}): run ${run.status}${run.error === undefined ? '' : `: ${run.error.code}: ${run.error.message}`}`);
    this.name = 'SyncJobFailedError';
    this.code = code;
  }
}

/** How long a job's run may go on: its expiry, less a margin to stop and give the job back first. */
export function runLimitMs(expireInSeconds: number): number {
  const margin = Math.min(60, Math.max(1, Math.floor(expireInSeconds / 10)));
  return Math.max(1, expireInSeconds - margin) * 1000;
}

/**
 * The run that served a job's tick: a run of the pair that started at or after the tick and finished
 * `ok` or `partial` read both sides after the tick and wrote what they held, so running the pair again
 * for that tick would do nothing new. This is what keeps "once per tick" when a job comes back after
 * its run in fact finished (a run that outlasted its job's expiry, a worker killed between the end of
 * the run and the job's completion).
 */
export function servingRun(store: StateStore, job: SyncJob): string | undefined {
  const tick = Date.parse(job.tick);
  return store.runs({ pair: job.pair, limit: 50 }).find((run) => run.startedAt >= tick && (run.status === 'ok' || run.status === 'partial'))?.id;
}

/**
 * Takes sync jobs from the queue until `signal` is aborted, `concurrency` at a time, and returns once
 * the runs in flight have ended and pg-boss has stopped. A job whose run ends `ok` or `partial` is
 * completed; any other end (vendor down, the pair locked by a live run, a stop request) fails it and
 * pg-boss retries it with backoff. A worker that dies mid-run leaves its job active until it expires;
 * another worker then retries it and the run journal resumes the pair.
 */
export async function runSyncWorkers(boss: PgBoss, options: SyncWorkerOptions): Promise<void> {
  const { logger, signal } = options;
  const handle = async ([job]: PgBoss.Job<unknown>[]): Promise<Record<string, unknown>> => {
    if (job === undefined) return {};
    const data = parseSyncJob(job.data);
    const log = logger.child({ pair: data.pair, tick: data.tick, job: job.id });
    if (signal.aborted) throw new SyncJobFailedError(data, { status: 'stopped' });
    const served = options.servedBy(data);
    if (served !== undefined) {
      log.info({ run: served }, 'sync job already served by a run that started after its tick: nothing to do');
      return { servedBy: served };
    }
    log.info('sync job started');
    // pg-boss gives an expired job to another worker whether or not its run still goes on; so a run
    // that would outlast its job stops first (after the write in flight) and the retry resumes it.
    // (pg hands PostgreSQL's numeric type over as a string, whatever pg-boss's types say.)
    const expireInSeconds: unknown = job.expireInSeconds;
    const expiry = AbortSignal.timeout(runLimitMs(Number(expireInSeconds)));
    let run: SyncJobRun;
    try {
      run = await options.run(data, AbortSignal.any([signal, expiry]));
    } catch (error) {
      // A run that could not even start (a connection that cannot be opened): retried like a failed one.
      log.warn({ status: 'failed' }, `sync job failed: it goes back to the queue and is retried with backoff: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    if (run.status === 'stopped' && expiry.aborted) log.warn({ expireInSeconds: Number(expireInSeconds) }, 'the run was about to outlast its job expiry: stopped, and the retry resumes it');
    if (run.status === 'ok' || run.status === 'partial') {
      log.info({ run: run.runId, status: run.status }, 'sync job done');
      return { run: run.runId, status: run.status };
    }
    const failure = new SyncJobFailedError(data, run);
    log.warn({ run: run.runId, status: run.status, code: failure.code }, 'sync job failed: it goes back to the queue and is retried with backoff');
    throw failure;
  };

  for (let i = 0; i < options.concurrency; i++) {
    await boss.work(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, handle);
  }
  logger.info({ concurrency: options.concurrency, queue: SYNC_QUEUE }, 'worker waiting for sync jobs');
  await untilAborted(signal);
  logger.info('worker stopping: finishing the runs in flight');
  // Graceful: no new job is fetched; runs in flight end (the engine stops after the write in flight and
  // journals the rest); jobs still active at the timeout are failed back to the queue for another worker.
  await boss.stop({ graceful: true, wait: true, timeout: options.stopTimeoutMs ?? 60_000 });
}
