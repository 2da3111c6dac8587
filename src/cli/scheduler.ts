import { toSyncError } from '../errors/index.js';
import { runOnCron } from './cron-loop.js';
import { EXIT } from './exit-codes.js';
import { renderRunSummary } from './render-run.js';
import { runPairWithReport, type PairRunOptions, type PairToRun } from './run-pair.js';
import { runsJson } from './run-pairs.js';
import type { Session } from './session.js';

/** A pair and the cron pattern it runs on. */
export interface ScheduledPair {
  readonly pair: PairToRun;
  readonly pattern: string;
}

export interface ScheduleOptions extends Omit<PairRunOptions, 'signal' | 'command'> {
  /** One JSON line per run on standard output (JSON Lines). */
  readonly json: boolean;
}

/**
 * `sync --schedule`: runs pairs on their cron patterns until the process is asked to stop.
 * - A pair never overlaps itself: a tick that comes while its run is queued or going is skipped.
 * - Runs happen one at a time, in tick order: pairs may share a connection and its rate budget.
 * - SIGTERM/SIGINT stops the timers, lets the run in flight finish the write it is doing (the engine
 *   journals the rest and returns `stopped`), writes its report, and then returns 0: a service
 *   that was asked to stop did what it should.
 */
export async function runOnSchedule(session: Session, jobs: readonly ScheduledPair[], options: ScheduleOptions): Promise<number> {
  const { context, logger } = session;
  let chain: Promise<void> = Promise.resolve();

  const runOne = async (job: ScheduledPair): Promise<void> => {
    if (context.signal.aborted) return;
    try {
      const outcome = await runPairWithReport(session, job.pair, { ...options, command: 'sync', signal: context.signal });
      if (options.json) context.out(JSON.stringify(runsJson('sync', outcome.exitCode, [outcome])));
      else context.out(renderRunSummary(outcome.report, outcome.written, context.cwd));
    } catch (error) {
      // A run that cannot even start (its connection cannot be opened) must not end the service.
      const failure = toSyncError(error);
      logger.error({ pair: job.pair.name, code: failure.code }, `run could not start: ${failure.message}`);
    }
  };
  const enqueue = (job: ScheduledPair): Promise<void> => {
    const next = chain.then(() => runOne(job));
    chain = next;
    return next;
  };

  await runOnCron(
    jobs.map((job) => ({
      pattern: job.pattern,
      name: `client-sync:${job.pair.name}`,
      // The tick's promise stays pending while the run is queued or going: croner skips ticks meanwhile.
      tick: () => enqueue(job),
      skipped: () => logger.warn({ pair: job.pair.name }, 'the previous run of this pair is still going: this tick is skipped'),
    })),
    context.signal,
    (task, next, i) => session.note(`client-sync: ${jobs[i]?.pair.name ?? ''} runs on "${task.pattern}"; next run ${next?.toISOString() ?? 'never'}. Stop with Ctrl-C or SIGTERM.`),
  );
  await chain;
  session.note('client-sync: stopped.');
  return EXIT.ok;
}
