import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { isSyncError } from '../errors/index.js';
import type { CliContext } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { createProgram } from './program.js';

/* The command line, once main.ts has its stop signals in hand: parses, runs and returns the exit code. */

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Runs the command in `argv`; `signal` is aborted by the first SIGINT/SIGTERM. */
export async function runCli(argv: readonly string[], signal: AbortSignal): Promise<number> {
  let exitCode: number = EXIT.ok;
  const context: CliContext = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    errRaw: (text) => process.stderr.write(text),
    // eslint-disable-next-line no-restricted-properties -- the CLI entry hands the environment to config loading
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY,
    columns: process.stderr.columns,
    signal,
    setExitCode: (code) => {
      exitCode = code;
    },
  };

  const program = createProgram(context, packageJson.version);
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isSyncError(error)) {
      context.err(`client-sync: ${error.message}`);
      return exitCodeFor(error);
    }
    context.err(`client-sync: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    context.err('This is a bug in client-sync; please report it with the command you ran.');
    return EXIT.internal;
  }
}
