/**
 * Pair runs as jobs on PostgreSQL (pg-boss 10): the scheduler enqueues one job per pair and tick,
 * any number of workers on any number of machines take them.
 */
export { SYNC_QUEUE, DEFAULT_SYNC_JOB_SETTINGS, ensureSyncQueue, syncJobId, type SyncJob, type SyncJobSettings } from './sync-queue.js';
export { enqueueTick, type EnqueuedTick } from './enqueue-tick.js';
export { runSyncWorkers, runLimitMs, servingRun, SyncJobFailedError, type SyncJobRun, type SyncWorkerOptions } from './sync-worker.js';
export { openJobQueue, type JobQueueOptions } from './open-job-queue.js';
