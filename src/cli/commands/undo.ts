import type { Command } from 'commander';
import type { ClientSyncConfig } from '../../config/types.js';
import { ConfigError } from '../../errors/index.js';
import { withSession, type CommandEnv } from '../command-kit.js';
import type { PairToRun } from '../run-pair.js';
import { runPairsOnce } from '../run-pairs.js';
import { migrationPair } from '../select-pairs.js';

interface UndoFlags {
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
}

/**
 * The pair a run belongs to: a configured pair, or the implicit `migrate-<from>-<to>` pair of a
 * migration (found again by trying the config's connections, since names may hold dashes).
 */
export function pairOfRun(config: ClientSyncConfig, pair: string, runId: string): PairToRun {
  const configured = config.pairs[pair];
  if (configured !== undefined) return configured;
  const names = Object.keys(config.connections);
  for (const from of names) {
    for (const to of names) {
      if (from !== to && pair === `migrate-${from}-${to}`) return migrationPair(config, from, to);
    }
  }
  throw new ConfigError([{ file: config.file, key: 'run-id', message: `run ${runId} belongs to pair ${pair}, which this config does not have (pairs: ${Object.keys(config.pairs).join(', ') || 'none'})` }]);
}

/** `client-sync undo <run-id>`: takes back what a run wrote, through the normal apply. */
export function registerUndoCommand(program: Command, env: CommandEnv): void {
  program
    .command('undo')
    .description('take back what a run wrote: created clients deleted (archived where they have documents), updated ones given back their values, archived ones made active, markers cleared')
    .argument('<run-id>', 'the run to take back (see: client-sync status)')
    .option('--dry-run', 'show the plan, write nothing')
    .option('--force', 'take back records changed since the run too (by default they are left alone and listed)')
    .option('--json', 'print the result as JSON on standard output')
    .addHelpText('after', [
      '',
      'Examples:',
      '  client-sync status                                  # lists the runs you can undo',
      '  client-sync undo 20260105T090000-1a2b3c4d --dry-run # the plan: what would be taken back, what left alone',
      '  client-sync undo 20260105T090000-1a2b3c4d',
    ].join('\n'))
    .action(async (runId: string, flags: UndoFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        const entry = session.store().journal({ runId })[0];
        if (entry === undefined) {
          throw new ConfigError([{ key: 'run-id', message: `run ${runId} has no journal here: it wrote nothing, is not in this state store, or is older than the journal keeps (30 days)` }]);
        }
        const pair = pairOfRun(session.config, entry.pair, runId);
        const exitCode = await runPairsOnce(session, [pair], {
          command: 'undo',
          dryRun: flags.dryRun === true,
          allowMassArchive: false,
          json: flags.json === true,
          undo: { runId, force: flags.force === true },
        });
        env.context.setExitCode(exitCode);
      });
    });
}
