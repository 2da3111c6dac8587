import { hostname } from 'node:os';
import type { Command } from 'commander';
import type { SyncJob, SyncJobRun } from '../../jobs/index.js';
import { redactStoreLocation } from '../../store/index.js';
import { withSession, type CommandEnv } from '../command-kit.js';
import { EXIT } from '../exit-codes.js';
import { jobQueueLocation, positiveIntFlag, secondsFlag } from '../job-queue-options.js';
import { renderRunSummary } from '../render-run.js';
import { runPairWithReport } from '../run-pair.js';
import { runsJson } from '../run-pairs.js';
import type { Session } from '../session.js';

interface WorkerFlags {
  store?: string;
  concurrency: string;
  expiryCheck: string;
  json?: boolean;
}

/**
 * `client-sync worker`: takes pair runs from the job queue in PostgreSQL until SIGTERM/SIGINT. Each
 * job names a configured pair; the run is the one `sync` does (same engine, store, report), with this
 * worker's config supplying connections and credentials.
 */
export function registerWorkerCommand(program: Command, env: CommandEnv): void {
  program
    .command('worker')
    .description('run pair syncs from the job queue in PostgreSQL until stopped (start as many workers as you like, on any machines)')
    .option('--store <postgres-url>', "the PostgreSQL database of the state store and the job queue (default: the config's state)")
    .option('--concurrency <n>', 'pair runs at a time in this process', '1')
    .option('--expiry-check <duration>', 'how often to look for jobs whose worker died, to hand them to another', '60s')
    .option('--json', 'print each run as one JSON line on standard output')
    .addHelpText('after', [
      '',
      'Examples:',
      '  client-sync worker                                  # state: must be a postgres:// URL',
      '  client-sync worker --store "$CLIENT_SYNC_STATE" --concurrency 2',
      '  client-sync schedule --once                         # enqueue one run of every pair now',
      'SIGTERM or Ctrl-C: no new job is taken; a run in flight stops after its write in flight and its job goes back to the queue.',
    ].join('\n'))
    .action(async (flags: WorkerFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        const location = jobQueueLocation(session, flags.store);
        const concurrency = positiveIntFlag(flags.concurrency, '--concurrency');
        const expiryCheck = secondsFlag(flags.expiryCheck, '--expiry-check');
        env.context.setExitCode(await work(session, { location, concurrency, expiryCheck, json: flags.json === true }));
      });
    });
}

async function work(session: Session, options: { location: string; concurrency: number; expiryCheck: number; json: boolean }): Promise<number> {
  const { context, logger } = session;
  // Opened before the queue: a store that cannot be reached or migrated fails the command at once.
  const store = session.store();
  // The job queue (pg-boss, pg) is loaded by the commands that use it, not at every start-up.
  const { openJobQueue, runSyncWorkers, servingRun } = await import('../../jobs/index.js');
  const boss = await openJobQueue(options.location, { maintenanceIntervalSeconds: options.expiryCheck, applicationName: `client-sync worker ${hostname()}:${process.pid}`, logger });
  try {
    logger.info({ store: redactStoreLocation(options.location), pid: process.pid }, 'worker started');
    // The run `sync` does (runPairWithReport): this worker's config, connections, store and reports.
    const run = async (job: SyncJob, signal: AbortSignal): Promise<SyncJobRun> => {
      const pair = session.config.pairs[job.pair];
      if (pair === undefined) return { status: 'failed', error: { code: 'CONFIG_INVALID', message: `this worker's config has no pair named '${job.pair}'` } };
      const outcome = await runPairWithReport(session, pair, { command: 'sync', dryRun: false, allowMassArchive: false, signal });
      if (options.json) context.out(JSON.stringify(runsJson('worker', outcome.exitCode, [outcome])));
      else context.out(renderRunSummary(outcome.report, outcome.written, context.cwd));
      const { result } = outcome.report;
      return { status: result.status, runId: result.runId, error: result.error };
    };
    await runSyncWorkers(boss, { concurrency: options.concurrency, run, servedBy: (job) => servingRun(store, job), signal: context.signal, logger });
  } finally {
    // Already stopped after a stop request; this is for a queue that failed before one.
    await boss.stop({ graceful: false });
  }
  session.note('client-sync: worker stopped.');
  return EXIT.ok;
}
