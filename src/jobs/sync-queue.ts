import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { z } from 'zod';

/*
 * The pg-boss queue the scheduler fills and the workers drain: one job per pair and tick. A job holds
 * only the pair's name and the tick's time; every worker reads connections and credentials from its
 * own configuration, so no secret ever sits in PostgreSQL's job table.
 */

/** The queue of pair runs. */
export const SYNC_QUEUE = 'client-sync-pair-runs';

/** What a job asks for: run this configured pair for the tick at this time. */
export interface SyncJob {
  readonly pair: string;
  /** ISO 8601 time of the scheduler tick the job was enqueued for. */
  readonly tick: string;
}

const SyncJobSchema = z.strictObject({
  pair: z.string().min(1),
  tick: z.iso.datetime(),
});

/** Reads a job's data, which another process wrote into PostgreSQL. */
export function parseSyncJob(data: unknown): SyncJob {
  return SyncJobSchema.parse(data);
}

/**
 * The job id of a pair's run for a tick: a name-based UUID (the layout of RFC 9562 version 5) of
 * `pair@tick`. It is the job table's primary key, so a second enqueue of the same pair and tick (a
 * second scheduler, a restarted one) inserts nothing, whatever state the first job is in. pg-boss 10's
 * `singletonKey` would not do: under the `standard` policy it constrains nothing, and under
 * `short`/`singleton`/`stately` only while a job is queued or active, so an enqueue after the first
 * job finished would run the pair twice for one tick.
 */
export function syncJobId(job: SyncJob): string {
  const bytes = createHash('sha1').update(`client-sync:${job.pair}@${job.tick}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** How long a job may run and how it is retried. */
export interface SyncJobSettings {
  /**
   * A job active this long is taken for dead (its worker was killed or lost) and retried by another
   * worker. Longer than the longest run: a live run about to outlast it stops after its write in
   * flight and gives the job back, and the retry resumes the pair.
   */
  readonly expireInSeconds: number;
  /** Retries after the first attempt (vendor down, pair locked by a live run, worker died). */
  readonly retryLimit: number;
  /** The first retry's delay; each later one doubles it, with jitter (pg-boss `retryBackoff`). */
  readonly retryDelaySeconds: number;
}

/**
 * Defaults for real accounts: a run through a 300-calls-per-15-minutes budget can take an hour or more,
 * so a job is taken for dead after 4 hours; retries start at 30 s and double 8 times (about 2 to 4
 * hours in all), by when later ticks have long since run the pair again.
 */
export const DEFAULT_SYNC_JOB_SETTINGS: SyncJobSettings = { expireInSeconds: 4 * 3600, retryLimit: 8, retryDelaySeconds: 30 };

/** pg-boss's send options for a job with these settings. */
export function sendOptionsOf(job: SyncJob, settings: SyncJobSettings): PgBoss.SendOptions {
  return {
    id: syncJobId(job),
    // A readable label for people looking at the job table; the id is what keeps the job unique.
    singletonKey: `${job.pair}@${job.tick}`,
    expireInSeconds: settings.expireInSeconds,
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
  };
}

/**
 * Creates the queue if it is not there (pg-boss inserts nothing into a queue that does not exist).
 * The `standard` policy: a pair's runs never overlap because of the state store's run lock, not the
 * queue; pg-boss's `singleton` policy would block the queue's head while a pair is running.
 */
export async function ensureSyncQueue(boss: PgBoss, settings: SyncJobSettings = DEFAULT_SYNC_JOB_SETTINGS): Promise<void> {
  // A read first: the queue exists on every start but the very first, and creating it takes locks.
  if ((await boss.getQueue(SYNC_QUEUE)) !== null) return;
  await boss.createQueue(SYNC_QUEUE, {
    name: SYNC_QUEUE,
    policy: 'standard',
    expireInSeconds: settings.expireInSeconds,
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
  });
}
