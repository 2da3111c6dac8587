#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { isSyncError } from '../errors/index.js';
import type { CliContext } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { createProgram } from './program.js';

/* The command line's entry: the only place in client-sync that exits the process. */

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const context: CliContext = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // eslint-disable-next-line no-restricted-properties -- the CLI entry hands the environment to config loading
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY,
};

async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram(context, packageJson.version);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
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

// eslint-disable-next-line no-restricted-properties -- the one place that sets the exit code
main(process.argv).then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`client-sync: ${String(error)}\n`);
  // eslint-disable-next-line no-restricted-properties -- last resort
  process.exit(EXIT.internal);
});
