import type { Command } from 'commander';
import { ConfigError } from '../../errors/index.js';
import { withSession, type CommandEnv } from '../command-kit.js';
import type { PairToRun } from '../run-pair.js';
import { runPairsOnce } from '../run-pairs.js';
import { migrationPair, selectPairs } from '../select-pairs.js';
import type { Session } from '../session.js';

interface PlanFlags {
  pair?: string[];
  from?: string;
  to?: string;
  json?: boolean;
}

/** `--from A --to B` plans the migration between them; otherwise the configured pairs. */
function pairsToPlan(session: Session, flags: PlanFlags): PairToRun[] {
  if (flags.from === undefined && flags.to === undefined) return selectPairs(session.config, flags.pair);
  if (flags.from === undefined || flags.to === undefined) throw new ConfigError([{ key: flags.from === undefined ? '--from' : '--to', message: 'is required with ' + (flags.from === undefined ? '--to' : '--from') }]);
  if (flags.pair !== undefined) throw new ConfigError([{ key: '--pair', message: 'give either --pair, or --from and --to' }]);
  return [migrationPair(session.config, flags.from, flags.to)];
}

/** `client-sync plan`: what a sync (or a migration) would do, its calls and how long they take. Writes nothing. */
export function registerPlanCommand(program: Command, env: CommandEnv): void {
  program
    .command('plan')
    .description('show what a run would do: creates, updates, archives, conflicts, the calls per connection and the time at each rate budget (writes nothing)')
    .option('-p, --pair <name...>', 'only these pairs (default: all)')
    .option('--from <connection>', 'plan the migration from this connection (with --to)')
    .option('--to <connection>', 'plan the migration to this connection (with --from)')
    .option('--json', 'print the plan as JSON on standard output')
    .addHelpText('after', '\nExamples:\n  client-sync plan\n  client-sync plan --from factuursturen --to billomat --json')
    .action(async (flags: PlanFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        const exitCode = await runPairsOnce(session, pairsToPlan(session, flags), { command: 'plan', dryRun: true, allowMassArchive: false, json: flags.json === true });
        env.context.setExitCode(exitCode);
      });
    });
}
