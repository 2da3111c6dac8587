import { printJson } from './command-kit.js';
import type { CliContext } from './context.js';
import { worstExitCode } from './exit-codes.js';
import { renderRunSummary } from './render-run.js';
import { runPairWithReport, type PairRunOptions, type PairRunOutcome, type PairToRun } from './run-pair.js';
import type { Session } from './session.js';
import { stopExitCode } from './stop-request.js';

export interface RunPairsOptions extends Omit<PairRunOptions, 'signal'> {
  readonly json: boolean;
}

/** The `--json` document of one or more runs: the exit code, and each run's report and files. */
export function runsJson(command: string, exitCode: number, outcomes: readonly PairRunOutcome[]): unknown {
  return { command, exitCode, runs: outcomes.map((o) => ({ ...o.report, files: o.written })) };
}

/** Prints a finished run's summary, unless the command prints one JSON document at the end. */
export function printRunSummary(context: CliContext, outcome: PairRunOutcome, json: boolean): void {
  if (!json) context.out(renderRunSummary(outcome.report, outcome.written, context.cwd));
}

/** The most severe exit code of the runs (and of `more`); with `json`, the one JSON document printed. */
export function finishRuns(context: CliContext, command: string, outcomes: readonly PairRunOutcome[], options: { json: boolean; more?: readonly number[] }): number {
  const exitCode = worstExitCode([...outcomes.map((o) => o.exitCode), ...(options.more ?? [])]);
  if (options.json) printJson(context, runsJson(command, exitCode, outcomes));
  return exitCode;
}

/**
 * Runs pairs one after the other (they may share a connection and its rate budget), prints a
 * summary of each (or one JSON document), and returns the most severe exit code.
 */
export async function runPairsOnce(session: Session, pairs: readonly PairToRun[], options: RunPairsOptions): Promise<number> {
  const { context } = session;
  const outcomes: PairRunOutcome[] = [];
  for (const pair of pairs) {
    if (context.signal.aborted) break;
    const outcome = await runPairWithReport(session, pair, { ...options, signal: context.signal });
    outcomes.push(outcome);
    printRunSummary(context, outcome, options.json);
  }
  const skipped = outcomes.length < pairs.length ? [stopExitCode(context.signal) ?? 0] : [];
  return finishRuns(context, options.command, outcomes, { json: options.json, more: skipped });
}
