import PgBoss from 'pg-boss';
import { ConfigError } from '../errors/index.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { redactStoreLocation } from '../store/location.js';

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
}

/**
 * Starts pg-boss on the state store's PostgreSQL database (its tables live in the `pgboss` schema,
 * created or migrated on first start). The caller stops it.
 */
export async function openJobQueue(url: string, options: JobQueueOptions = {}): Promise<PgBoss> {
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
  try {
    await boss.start();
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    // pg's messages name host and port, never the password; ours names the redacted URL.
    throw new ConfigError([{ key: 'state', message: `cannot open the job queue in ${redactStoreLocation(url)}: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  return boss;
}
