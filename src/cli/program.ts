import { Command, Option } from 'commander';
import { LOG_LEVELS } from '../logging/pino-logger.js';
import type { CommandEnv } from './command-kit.js';
import { registerCheckCommand } from './commands/check.js';
import { registerDecideCommands, registerLinkCommands } from './commands/decide.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerInitCommand } from './commands/init.js';
import { registerMappingsCommand } from './commands/mappings.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerPlanCommand } from './commands/plan.js';
import { registerReviewCommand } from './commands/review.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerStateCommand } from './commands/state.js';
import { registerScheduleCommand } from './commands/schedule.js';
import { registerStatusCommand } from './commands/status.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerUiCommand } from './commands/ui.js';
import { registerUndoCommand } from './commands/undo.js';
import { registerVerifyCommand } from './commands/verify.js';
import { registerWorkerCommand } from './commands/worker.js';
import type { CliContext } from './context.js';

/** Builds the commander program; main.ts runs it and owns the process. */
export function createProgram(context: CliContext, version: string): Command {
  const env: CommandEnv = { context, version };
  const program = new Command('client-sync')
    .description('Move and keep client records in step between EenvoudigFactureren, FactuurSturen.nl and Billomat.')
    .version(version)
    .option('-c, --config <file>', 'configuration file (default: client-sync.yaml; without one, the built-in sandbox)')
    .addOption(new Option('--log-level <level>', 'how much to log on standard error').choices(LOG_LEVELS).default('info'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.out(s.trimEnd()), writeErr: (s) => context.err(s.trimEnd()) });
  registerMigrateCommand(program, env);
  registerSyncCommand(program, env);
  registerUndoCommand(program, env);
  registerWorkerCommand(program, env);
  registerScheduleCommand(program, env);
  registerPlanCommand(program, env);
  registerVerifyCommand(program, env);
  registerStatusCommand(program, env);
  registerReviewCommand(program, env);
  registerDecideCommands(program, env);
  registerLinkCommands(program, env);
  registerUiCommand(program, env);
  registerCheckCommand(program, env);
  registerMappingsCommand(program, context);
  registerSandboxCommand(program, env);
  registerStateCommand(program, env);
  registerInitCommand(program, env);
  registerDemoCommand(program, env);
  return program;
}
