import { Command } from 'commander';
import { registerMappingsCommand } from './commands/mappings.js';
import type { CliContext } from './context.js';

/** Builds the commander program; main.ts runs it and owns the process. */
export function createProgram(context: CliContext, version: string): Command {
  const program = new Command('client-sync')
    .description('Move and keep client records in step between EenvoudigFactureren, FactuurSturen.nl and Billomat.')
    .version(version)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.out(s.trimEnd()), writeErr: (s) => context.err(s.trimEnd()) });
  registerMappingsCommand(program, context);
  return program;
}
