#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { isSyncError } from '../errors/index.js';
import type { CliContext } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { createProgram } from './program.js';
import { STOP_SIGNALS, StopRequest, type StopSignal } from './stop-request.js';

/* The command line's entry: the only place in client-sync that exits the process. */

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// The first SIGINT/SIGTERM asks the running command to stop gracefully (finish the write in flight,
// journal the rest, write the report); a second one ends the process at once.
const stop = new AbortController();
for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
  process.on(name, () => {
    if (!stop.signal.aborted) {
      process.stderr.write(`\nclient-sync: ${name} received: finishing the write in flight, then stopping (send it again to stop at once)\n`);
      stop.abort(new StopRequest(name));
      return;
    }
    // eslint-disable-next-line no-restricted-properties -- a second signal: the user insists
    process.exit(STOP_SIGNALS[name]);
  });
}

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
  signal: stop.signal,
  setExitCode: (code) => {
    exitCode = code;
  },
};

async function main(argv: readonly string[]): Promise<number> {
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

// Exit only once stdout has drained: a piped --json result must not be cut short.
const finish = (code: number): void => {
  process.stdout.write('', () => {
    // eslint-disable-next-line no-restricted-properties -- the one place that sets the exit code
    process.exit(code);
  });
};
main(process.argv).then(finish, (error: unknown) => {
  process.stderr.write(`client-sync: ${String(error)}\n`);
  finish(EXIT.internal);
});
