import { Option, type Command } from 'commander';
import { isCanonicalPath } from '../../config/resolve-pair.js';
import type { PairOverrides } from '../../config/types.js';
import { ConfigError } from '../../errors/index.js';
import { withSession, type CommandEnv } from '../command-kit.js';
import { runPairsOnce } from '../run-pairs.js';
import { migrationPair } from '../select-pairs.js';

interface MigrateFlags {
  from: string;
  to: string;
  dryRun?: boolean;
  contacts?: boolean;
  exclude?: string[];
  matchExisting?: 'auto' | 'review' | 'off';
  markers?: 'deferred' | 'immediate';
  skipArchived?: boolean;
  allowMassArchive?: boolean;
  json?: boolean;
}

/** The pair settings the flags ask for; everything else keeps the engine's defaults. */
function overridesOf(flags: MigrateFlags): PairOverrides {
  const bad = (flags.exclude ?? []).filter((path) => !isCanonicalPath(path));
  if (bad.length > 0) throw new ConfigError(bad.map((path) => ({ key: '--exclude', message: `'${path}' is not a canonical field (see: client-sync mappings)` })));
  return {
    ...(flags.contacts === true ? { contacts: true } : {}),
    ...(flags.exclude === undefined ? {} : { exclude: flags.exclude }),
    ...(flags.matchExisting === undefined ? {} : { matchExisting: flags.matchExisting }),
    ...(flags.markers === undefined ? {} : { markers: flags.markers }),
    ...(flags.skipArchived === true ? { includeArchived: false } : {}),
  };
}

/** `client-sync migrate --from A --to B`: a one-shot, one-way copy, safe to run again. */
export function registerMigrateCommand(program: Command, env: CommandEnv): void {
  program
    .command('migrate')
    .description('copy every client from one connection to another, once (safe to re-run: it resumes and never duplicates)')
    .requiredOption('--from <connection>', 'source connection (a name from the config)')
    .requiredOption('--to <connection>', 'target connection')
    .option('--dry-run', 'plan and report, write nothing')
    .option('--contacts', 'copy contact persons too (Billomat: one extra call per client)')
    .option('--exclude <field...>', 'canonical fields to leave alone (see: client-sync mappings)')
    .addOption(new Option('--match-existing <mode>', 'link clients that already exist in the target').choices(['auto', 'review', 'off']))
    .addOption(new Option('--markers <when>', 'when to write the external id into the target').choices(['deferred', 'immediate']))
    .option('--skip-archived', 'leave archived clients behind')
    .option('--allow-mass-archive', 'go ahead even when the run would archive more than the pair allows')
    .option('--json', 'print the result as JSON on standard output')
    .addHelpText('after', '\nExamples:\n  client-sync migrate --from factuursturen --to billomat --dry-run\n  client-sync migrate --from fs --to bm --json > result.json')
    .action(async (flags: MigrateFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        const pair = migrationPair(session.config, flags.from, flags.to, overridesOf(flags));
        const exitCode = await runPairsOnce(session, [pair], {
          command: 'migrate',
          dryRun: flags.dryRun === true,
          allowMassArchive: flags.allowMassArchive === true,
          json: flags.json === true,
        });
        env.context.setExitCode(exitCode);
      });
    });
}
