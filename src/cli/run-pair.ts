import type { PairOverrides } from '../config/types.js';
import { isSyncError, toSyncError } from '../errors/index.js';
import { resolvePairSettings, runPair } from '../sync/index.js';
import type { ActionKind, PlanSummary, RunCommand, RunResult, SyncSide } from '../sync/types.js';
import { EXIT, exitCodeForCodeText } from './exit-codes.js';
import type { BudgetState, RunReport } from './report/report-types.js';
import { writeReport, type WrittenReport } from './report/write-report.js';
import type { Session } from './session.js';
import { stopExitCode } from './stop-request.js';

/** One pair to run: a configured pair, or the implicit pair of `migrate --from --to`. */
export interface PairToRun {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** The column mapping of a spreadsheet side (a configured pair's `columns`). */
  readonly columns?: string | undefined;
  readonly settings: PairOverrides;
}

export interface PairRunOptions {
  readonly command: RunCommand;
  readonly dryRun: boolean;
  readonly allowMassArchive: boolean;
  readonly signal: AbortSignal;
  /** `client-sync undo`: the run to take back. */
  readonly undo?: { readonly runId: string; readonly force: boolean } | undefined;
}

export interface PairRunOutcome {
  readonly report: RunReport;
  readonly written: WrittenReport;
  readonly exitCode: number;
}

/** The exit code a finished run stands for. */
export function exitCodeOfResult(result: RunResult, signal: AbortSignal): number {
  switch (result.status) {
    case 'ok':
      return EXIT.ok;
    case 'partial':
      return EXIT.recordFailures;
    case 'stopped':
      return stopExitCode(signal) ?? EXIT.recordFailures;
    case 'failed':
      return result.error === undefined ? EXIT.internal : exitCodeForCodeText(result.error.code);
  }
}


const NO_PLAN: PlanSummary = {
  counts: Object.fromEntries((['create', 'update', 'archive', 'delete', 'marker', 'link', 'skip', 'conflict', 'invalid'] as const).map((k) => [k, 0])) as Record<ActionKind, number>,
  calls: {},
  estimatedMs: {},
  linked: 0,
};

/**
 * The result of a run the engine gave up on by throwing (auth, vendor down, lock, safety stop): it
 * hands back no RunResult then, so the report is built from what the CLI knows.
 */
function failedResult(run: PairToRun, options: PairRunOptions, sides: readonly [SyncSide, SyncSide], startedAt: string, error: { code: string; message: string }, stopped: boolean): RunResult {
  const [from, to] = sides;
  return {
    runId: undefined,
    pair: run.name,
    command: options.command,
    mode: run.settings.mode ?? 'one-way',
    dryRun: options.dryRun,
    from: { connection: from.name, vendor: from.mapping.vendor },
    to: { connection: to.name, vendor: to.mapping.vendor },
    startedAt,
    finishedAt: new Date().toISOString(),
    status: stopped ? 'stopped' : 'failed',
    plan: NO_PLAN,
    actions: [],
    outcomes: [],
    review: [],
    calls: { [from.name]: from.connector.stats(), [to.name]: to.connector.stats() },
    dropped: {},
    unreadable: [],
    ...(stopped ? {} : { error }),
  };
}

/** Fresh connectors for both sides of a pair (so a report counts that run's calls only). */
export async function openSides(session: Session, run: Pick<PairToRun, 'from' | 'to' | 'columns'>): Promise<readonly [SyncSide, SyncSide]> {
  const [fromConnection, toConnection] = await Promise.all([session.connection(run.from), session.connection(run.to)]);
  const options = { columns: run.columns };
  return [await fromConnection.side(session.logger, options), await toConnection.side(session.logger, options)];
}

/** Both sides' rate budgets and spare calls as a run left them, for its report and `status`. */
export function budgetsOf(sides: readonly SyncSide[]): Record<string, BudgetState> {
  return Object.fromEntries(sides.map(({ name, connector }) => [name, { ...connector.rateBudget(), spare: connector.spareCalls() }]));
}

/** Runs one pair once with progress, writes its report, and says which exit code it stands for. */
export async function runPairWithReport(session: Session, run: PairToRun, options: PairRunOptions): Promise<PairRunOutcome> {
  const sides = await openSides(session, run);
  const display = session.progress(run.name);
  const startedAt = new Date().toISOString();
  let result: RunResult;
  try {
    result = await runPair({
      pair: resolvePairSettings({ ...run.settings, name: run.name }),
      from: sides[0],
      to: sides[1],
      store: session.store(),
      command: options.command,
      dryRun: options.dryRun,
      allowMassArchive: options.allowMassArchive,
      undo: options.undo,
      signal: options.signal,
      logger: session.logger,
      onProgress: (event) => display.update(event),
    });
  } catch (caught) {
    // An abort that surfaces as an error (a listing cut short) is a stop, not a failure.
    const stopped = options.signal.aborted && (!isSyncError(caught) || caught.code === 'INTERNAL');
    const error = toSyncError(caught);
    if (!stopped) session.note(`client-sync: ${run.name}: ${error.message}`);
    result = failedResult(run, options, sides, startedAt, { code: error.code, message: error.message }, stopped);
  } finally {
    display.finish();
  }
  const exitCode = exitCodeOfResult(result, options.signal);
  const report: RunReport = {
    kind: 'run',
    reportVersion: 1,
    clientSync: session.version,
    exitCode,
    config: session.configName,
    budgets: budgetsOf(sides),
    result,
  };
  const written = await writeReport(session.config.reportsDirectory, report, session.reportOptions);
  return { report, written, exitCode };
}
