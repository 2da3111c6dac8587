import { printJson } from './command-kit.js';
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
    if (!options.json) context.out(renderRunSummary(outcome.report, outcome.written, context.cwd));
  }
  const skipped = outcomes.length < pairs.length ? [stopExitCode(context.signal) ?? 0] : [];
  const exitCode = worstExitCode([...outcomes.map((o) => o.exitCode), ...skipped]);
  if (options.json) printJson(context, runsJson(options.command, exitCode, outcomes));
  return exitCode;
}
