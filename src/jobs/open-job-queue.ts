import pg from 'pg';
import PgBoss from 'pg-boss';
import { ConfigError, isSyncError } from '../errors/index.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { retryWhileBusy } from '../store/busy.js';
import { redactStoreLocation } from '../store/location.js';
import { DEFAULT_SYNC_JOB_SETTINGS, ensureSyncQueue, type SyncJobSettings } from './sync-queue.js';

/**
 * The advisory lock (64-bit form) every client-sync process takes while it starts pg-boss and creates
 * the queue: "client-s" in ASCII, read as a 64-bit number. pg-boss's own schema migration takes
 * a lock of its own, but creating a queue does not, and two processes creating the same queue at once
 * deadlock (seen in a fleet of schedulers and workers starting together, as in a Kubernetes rollout).
 */
const QUEUE_SETUP_LOCK = '7164216991605337459'; // 0x636c69656e742d73, "client-s"

export interface JobQueueOptions {
  /**
   * How often this process looks for jobs whose worker died (expired while active) and hands them back
   * for a retry, among other upkeep. Only one process does it per interval. Default 60 s.
   */
  readonly maintenanceIntervalSeconds?: number;
  /** The `application_name` PostgreSQL shows for the queue's connections. */
  readonly applicationName?: string;
  /** Where the queue's own errors go (a lost connection, a failed upkeep); pg-boss retries by itself. */
  readonly logger?: Logger;
  /** The settings the sync queue is created with, if this process is the first to create it. */
  readonly queue?: SyncJobSettings;
}

/**
 * Starts pg-boss on the state store's PostgreSQL database (its tables live in the `pgboss` schema,
 * created or migrated on first start) and makes sure the sync queue exists. Both happen under one
 * advisory lock, so any number of schedulers and workers may start at the same instant; a deadlock
 * or serialization failure met anyway is tried again, then fails as `STATE_STORE_BUSY`. The caller
 * stops the queue.
 */
export async function openJobQueue(url: string, options: JobQueueOptions = {}): Promise<PgBoss> {
  try {
    // A fresh pg-boss each try: one whose start failed part-way takes itself for started.
    return await retryWhileBusy('starting the job queue', () => underSetupLock(url, async () => {
      const boss = newJobQueue(url, options);
      try {
        await boss.start();
        await ensureSyncQueue(boss, options.queue ?? DEFAULT_SYNC_JOB_SETTINGS);
        return boss;
      } catch (error) {
        await boss.stop({ graceful: false }).catch(() => undefined);
        throw error;
      }
    }));
  } catch (error) {
    if (isSyncError(error)) throw error;
    // pg's messages name host and port, never the password; ours names the redacted URL.
    throw new ConfigError([{ key: 'state', message: `cannot open the job queue in ${redactStoreLocation(url)}: ${error instanceof Error ? error.message : String(error)}` }]);
  }
}

function newJobQueue(url: string, options: JobQueueOptions): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    application_name: options.applicationName ?? 'client-sync',
    // A few connections per process: workers fetch and complete one job at a time.
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // Finished jobs stay in the job table (where a job id is unique) for a week before pg-boss archives
    // them, so a tick enqueued twice days apart still finds its first job.
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
  });
  // Without a listener, an 'error' event would throw and end the process.
  const logger = options.logger ?? silentLogger;
  boss.on('error', (error) => logger.error({ code: 'INTERNAL' }, `job queue: ${error.message}`));
  return boss;
}

/** Runs `work` while this process holds the queue-setup lock, on a connection of its own (closing it frees the lock). */
async function underSetupLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'client-sync queue setup' });
  // An error on an idle connection must not end the process; the query in flight fails by itself.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${QUEUE_SETUP_LOCK}::bigint)`);
    return await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}
