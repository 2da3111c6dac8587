import type PgBoss from 'pg-boss';
import { retryWhileBusy } from '../store/busy.js';
import { DEFAULT_SYNC_JOB_SETTINGS, SYNC_QUEUE, sendOptionsOf, type SyncJobSettings } from './sync-queue.js';

/** What one tick put on the queue. */
export interface EnqueuedTick {
  /** The tick, as the jobs carry it (ISO 8601). */
  readonly tick: string;
  /** Pairs whose job this call added. */
  readonly enqueued: readonly string[];
  /** Pairs that already had a job for this tick (another scheduler was first): nothing added. */
  readonly existing: readonly string[];
}

/**
 * Enqueues one job per pair for the tick at `tick`. Idempotent: each job's id is derived from its
 * pair and tick, so calling it again for the same tick (from this or another scheduler) adds nothing
 * (and a send met by a deadlock is safely sent again). The queue exists: {@link openJobQueue} made it.
 */
export async function enqueueTick(boss: PgBoss, pairs: readonly string[], tick: Date, settings: SyncJobSettings = DEFAULT_SYNC_JOB_SETTINGS): Promise<EnqueuedTick> {
  const iso = tick.toISOString();
  const enqueued: string[] = [];
  const existing: string[] = [];
  for (const pair of pairs) {
    const job = { pair, tick: iso };
    const id = await retryWhileBusy(`enqueueing ${pair} for tick ${iso}`, () => boss.send(SYNC_QUEUE, job, sendOptionsOf(job, settings)));
    (id === null ? existing : enqueued).push(pair);
  }
  return { tick: iso, enqueued, existing };
}
