import type { Command } from 'commander';
import type PgBoss from 'pg-boss';
import type { EnqueuedTick, SyncJobSettings } from '../../jobs/index.js';
import { ConfigError, toSyncError } from '../../errors/index.js';
import { printJson, withSession, type CommandEnv } from '../command-kit.js';
import { runOnCron, type CronTask } from '../cron-loop.js';
import { EXIT } from '../exit-codes.js';
import { jobQueueLocation, positiveIntFlag, secondsFlag } from '../job-queue-options.js';
import type { ScheduledPair } from '../scheduler.js';
import { selectPairs } from '../select-pairs.js';
import type { Session } from '../session.js';
import { schedulesOf } from './sync.js';

interface ScheduleFlags {
  pair?: string[];
  once?: boolean;
  schedule?: string | true;
  store?: string;
  jobExpiry: string;
  retryDelay: string;
  retries: string;
  json?: boolean;
}

/**
 * `client-sync schedule`: the scheduler of a worker deployment. It runs no pair itself: on each cron
 * tick it enqueues one job per pair in PostgreSQL, and `client-sync worker` processes run them. Any
 * number of schedulers may run (for availability): a pair's job for a tick is enqueued once.
 */
export function registerScheduleCommand(program: Command, env: CommandEnv): void {
  program
    .command('schedule')
    .description('enqueue pair runs for `client-sync worker`: one job per pair and cron tick, in PostgreSQL')
    .option('-p, --pair <name...>', 'only these pairs (default: all)')
    .option('--once', 'enqueue one run of each pair now, and exit')
    .option('--schedule [cron]', "enqueue on this cron pattern (default: each pair's own schedule)")
    .option('--store <postgres-url>', "the PostgreSQL database of the state store and the job queue (default: the config's state)")
    .option('--job-expiry <duration>', 'a job still running after this long is taken for dead and run by another worker (a live run stops just before): set it above your longest run', '4h')
    .option('--retry-delay <duration>', "a failed job's first retry comes after this long, each later one after twice as long", '30s')
    .option('--retries <n>', 'retries of a failed job (vendor down, pair busy, worker died)', '8')
    .option('--json', 'print what each tick enqueued as JSON on standard output (one line per tick without --once)')
    .addHelpText('after', [
      '',
      'Examples:',
      '  client-sync schedule --once                       # one run of every pair, now',
      '  client-sync schedule --schedule "*/15 * * * *"    # stays up; enqueues every 15 minutes',
      '  client-sync schedule                              # each pair on the schedule: its config gives',
    ].join('\n'))
    .action(async (flags: ScheduleFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        if (flags.once === true && flags.schedule !== undefined) throw new ConfigError([{ key: '--once', message: 'cannot be combined with --schedule' }]);
        const pairs = selectPairs(session.config, flags.pair);
        const location = jobQueueLocation(session, flags.store);
        const settings: SyncJobSettings = {
          expireInSeconds: secondsFlag(flags.jobExpiry, '--job-expiry'),
          retryDelaySeconds: secondsFlag(flags.retryDelay, '--retry-delay'),
          retryLimit: positiveIntFlag(flags.retries, '--retries'),
        };
        const jobs = flags.once === true ? undefined : schedulesOf(pairs, flags.schedule ?? true);
        // The job queue (pg-boss, pg) is loaded by the commands that use it, not at every start-up.
        const { enqueueTick, openJobQueue } = await import('../../jobs/index.js');
        const boss = await openJobQueue(location, { applicationName: 'client-sync schedule', logger: session.logger, queue: settings });
        try {
          if (jobs === undefined) {
            const enqueued = await enqueueTick(boss, pairs.map((pair) => pair.name), new Date(), settings);
            if (flags.json === true) printJson(env.context, { command: 'schedule', ...enqueued });
            else session.note(describeTick(enqueued));
          } else {
            await enqueueOnSchedule(session, boss, jobs, settings, flags.json === true);
          }
        } finally {
          await boss.stop({ graceful: false });
        }
        env.context.setExitCode(EXIT.ok);
      });
    });
}

function describeTick(tick: EnqueuedTick): string {
  const lines = [`client-sync: tick ${tick.tick}: enqueued ${tick.enqueued.length === 0 ? 'nothing' : tick.enqueued.join(', ')}`];
  if (tick.existing.length > 0) lines.push(`client-sync: tick ${tick.tick}: already enqueued before: ${tick.existing.join(', ')}`);
  return lines.join('\n');
}

/** One cron timer per pattern; each tick enqueues its pairs, under the tick's scheduled time, until a stop request. */
async function enqueueOnSchedule(session: Session, boss: PgBoss, jobs: readonly ScheduledPair[], settings: SyncJobSettings, json: boolean): Promise<void> {
  const { context, logger } = session;
  const { enqueueTick } = await import('../../jobs/index.js');
  const byPattern = new Map<string, string[]>();
  for (const job of jobs) byPattern.set(job.pattern, [...(byPattern.get(job.pattern) ?? []), job.pair.name]);
  const tasks = [...byPattern].map(([pattern, names]): CronTask => ({
    pattern,
    name: `client-sync:schedule:${pattern}`,
    tick: async (tick) => {
      try {
        const enqueued = await enqueueTick(boss, names, tick, settings);
        if (json) context.out(JSON.stringify({ command: 'schedule', ...enqueued }));
        logger.info({ tick: enqueued.tick, enqueued: enqueued.enqueued.length, existing: enqueued.existing.length }, 'tick enqueued');
      } catch (error) {
        // A tick that cannot be enqueued (database away) must not end the scheduler; the next one tries again.
        const failure = toSyncError(error);
        logger.error({ code: failure.code, tick: tick.toISOString() }, `tick could not be enqueued: ${failure.message}`);
      }
    },
  }));
  const names = [...byPattern.values()];
  await runOnCron(tasks, context.signal, (task, next, i) => {
    session.note(`client-sync: ${(names[i] ?? []).join(', ')} enqueued on "${task.pattern}"; next tick ${next?.toISOString() ?? 'never'}. Stop with Ctrl-C or SIGTERM.`);
  });
  session.note('client-sync: scheduler stopped.');
}
