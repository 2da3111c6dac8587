import type { Command } from 'commander';
import { withSession, type CommandEnv } from '../command-kit.js';
import { finishRuns, printRunSummary } from '../run-pairs.js';
import { undoRun } from '../undo-run.js';

interface UndoFlags {
  dryRun?: boolean;
  force?: boolean;
  json?: boolean;
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
        const json = flags.json === true;
        const outcome = await undoRun(session, runId, { dryRun: flags.dryRun === true, force: flags.force === true, signal: session.context.signal });
        printRunSummary(session.context, outcome, json);
        env.context.setExitCode(finishRuns(session.context, 'undo', [outcome], { json }));
      });
    });
}
