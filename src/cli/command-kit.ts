import type { Command } from 'commander';
import { ConfigError, isSyncError, type SyncError } from '../errors/index.js';
import { LOG_LEVELS, type LogLevel } from '../logging/pino-logger.js';
import type { CliContext } from './context.js';
import { exitCodeFor } from './exit-codes.js';
import { openSession, type GlobalOptions, type Session } from './session.js';

/** What every command needs besides its own flags. */
export interface CommandEnv {
  readonly context: CliContext;
  readonly version: string;
}

function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/** The global options (`--config`, `--log-level`) as seen from a subcommand. */
export function globalsOf(command: Command): GlobalOptions {
  const all: Record<string, unknown> = command.optsWithGlobals();
  return {
    config: typeof all.config === 'string' ? all.config : undefined,
    logLevel: isLogLevel(all.logLevel) ? all.logLevel : undefined,
    store: typeof all.store === 'string' ? all.store : undefined,
  };
}

/**
 * Runs a command's work in a session (config loaded, logger, store and connections opened on
 * demand) and always closes it: simulators save their state, the store is released. Errors that
 * are not client-sync's own are scrubbed of credentials before they reach the terminal.
 */
export async function withSession(env: CommandEnv, command: Command, work: (session: Session) => Promise<void>): Promise<void> {
  const json = command.opts().json === true;
  let session: Session | undefined;
  try {
    session = await openSession(env.context, globalsOf(command), env.version);
    await work(session);
  } catch (error) {
    if (!isSyncError(error) && error instanceof Error && session !== undefined) {
      error.message = session.redactor.text(error.message);
      if (error.stack !== undefined) error.stack = session.redactor.text(error.stack);
    }
    // With --json the caller reads standard output: the error goes there too (and, for people, to stderr).
    if (json) printJson(env.context, { command: command.name(), exitCode: exitCodeFor(error), error: isSyncError(error) ? errorJson(error) : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } });
    throw error;
  } finally {
    await session?.close();
  }
}

function errorJson(error: SyncError): Record<string, unknown> {
  return { ...error.toJSON(), ...(error instanceof ConfigError ? { issues: error.issues } : {}) };
}

/** Prints a machine-readable result: one JSON document on standard output. */
export function printJson(context: CliContext, value: unknown): void {
  context.out(JSON.stringify(value, null, 2));
}
