import type { Command } from 'commander';
import { cronProblem } from '../../config/resolve-pair.js';
import type { PairConfig } from '../../config/types.js';
import { ConfigError } from '../../errors/index.js';
import { withSession, type CommandEnv } from '../command-kit.js';
import { runPairsOnce } from '../run-pairs.js';
import { runOnSchedule, type ScheduledPair } from '../scheduler.js';
import { selectPairs } from '../select-pairs.js';

interface SyncFlags {
  pair?: string[];
  once?: boolean;
  /** `true` when given without a pattern: each pair's own `schedule`. */
  schedule?: string | true;
  dryRun?: boolean;
  allowMassArchive?: boolean;
  json?: boolean;
}

/** The cron pattern of each pair: `--schedule <cron>` for all, or each pair's own `schedule`. */
export function schedulesOf(pairs: readonly PairConfig[], schedule: string | true): ScheduledPair[] {
  if (typeof schedule === 'string') {
    const problem = cronProblem(schedule);
    if (problem !== undefined) throw new ConfigError([{ key: '--schedule', message: `not a cron pattern: ${problem} (for example "*/15 * * * *", every 15 minutes)` }]);
    return pairs.map((pair) => ({ pair, pattern: schedule }));
  }
  const unscheduled = pairs.filter((pair) => pair.schedule === undefined);
  if (unscheduled.length > 0) {
    throw new ConfigError(unscheduled.map((pair) => ({ key: `pairs.${pair.name}.schedule`, message: 'is not set: add schedule: "<cron>" to the pair, or give --schedule "<cron>"' })));
  }
  return pairs.map((pair) => ({ pair, pattern: pair.schedule ?? '' }));
}

/** `client-sync sync`: one pass of the configured pairs (cron, CI), or a long-running scheduler. */
export function registerSyncCommand(program: Command, env: CommandEnv): void {
  program
    .command('sync')
    .description('bring the configured pairs in step: one pass and exit, or keep running on a schedule')
    .option('-p, --pair <name...>', 'only these pairs (default: all)')
    .option('--once', 'one pass and exit (the default without --schedule)')
    .option('--schedule [cron]', "keep running, syncing on this cron pattern (without one: each pair's own schedule)")
    .option('--dry-run', 'plan and report, write nothing')
    .option('--allow-mass-archive', 'go ahead even when a run would archive more than the pair allows')
    .option('--json', 'print each result as JSON on standard output (one line per run with --schedule)')
    .addHelpText('after', [
      '',
      'Examples:',
      '  client-sync sync                              # every pair once (for cron, systemd timers, CronJobs)',
      '  client-sync sync --pair nightly --json',
      '  client-sync sync --schedule "*/15 * * * *"    # stays up; SIGTERM stops it after the write in flight',
    ].join('\n'))
    .action(async (flags: SyncFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        if (flags.once === true && flags.schedule !== undefined) throw new ConfigError([{ key: '--once', message: 'cannot be combined with --schedule' }]);
        const pairs = selectPairs(session.config, flags.pair);
        const options = { dryRun: flags.dryRun === true, allowMassArchive: flags.allowMassArchive === true, json: flags.json === true };
        const exitCode = flags.schedule === undefined
          ? await runPairsOnce(session, pairs, { ...options, command: 'sync' })
          : await runOnSchedule(session, schedulesOf(pairs, flags.schedule), options);
        env.context.setExitCode(exitCode);
      });
    });
}
