import { Cron } from 'croner';
import { untilAborted } from '../clock.js';

/** Work done on a cron pattern. */
export interface CronTask {
  readonly pattern: string;
  /** Names the timer (croner's `name`), for people reading a debugger or a dump. */
  readonly name: string;
  /**
   * The work of one tick, given the tick's scheduled time (not the moment the timer fired: processes
   * on other machines name the same tick). While it is going, later ticks of this task are skipped.
   */
  readonly tick: (scheduled: Date) => Promise<void>;
  /** Told of a tick skipped because the previous one is still going. */
  readonly skipped?: () => void;
}

/**
 * The one cron loop of `sync --schedule` and `schedule`: one timer per task until `signal` is
 * aborted, then no new tick starts, and this returns once the ticks in flight have ended — so what
 * they use (a job queue, a store) is still open while they finish. `started` is told of each timer and its next tick.
 */
export async function runOnCron(tasks: readonly CronTask[], signal: AbortSignal, started: (task: CronTask, next: Date | null, index: number) => void): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const crons = tasks.map((task) =>
    new Cron(task.pattern, { name: task.name, protect: task.skipped ?? true }, async (self) => {
      if (signal.aborted) return;
      const scheduled = self.previousRuns(1, new Date(Date.now() + 1))[0] ?? new Date();
      const going = task.tick(scheduled);
      inFlight.add(going);
      try {
        await going;
      } finally {
        inFlight.delete(going);
      }
    }),
  );
  crons.forEach((cron, i) => {
    const task = tasks[i];
    if (task !== undefined) started(task, cron.nextRun(), i);
  });
  await untilAborted(signal);
  for (const cron of crons) cron.stop();
  await Promise.allSettled([...inFlight]);
}
