import type { RunResult, VerifyResult } from '../../sync/types.js';
import type { RateBudget } from '../../vendors/types.js';

/** A connection's rate budget at the end of a run, as its connector knew it. */
export interface BudgetState extends RateBudget {
  /** Calls still free in the current window without waiting. */
  readonly spare: number;
}

interface ReportBase {
  /** The report format's version; a new field may appear, a field never changes meaning. */
  readonly reportVersion: 1;
  /** The client-sync version that wrote it. */
  readonly clientSync: string;
  /** The exit code the run ended with (README, "Exit codes"). */
  readonly exitCode: number;
  /** The config file, or "built-in sandbox". */
  readonly config: string;
  readonly budgets: Readonly<Record<string, BudgetState>>;
}

/** What `migrate`, `sync` and `plan` write for each pair they run. */
export interface RunReport extends ReportBase {
  readonly kind: 'run';
  readonly result: RunResult;
}

/** What `verify` writes. */
export interface VerifyReport extends ReportBase {
  readonly kind: 'verify';
  readonly startedAt: string;
  readonly finishedAt: string;
  /** No records on one side only, no differing fields, no duplicate suspects. */
  readonly inStep: boolean;
  readonly result: VerifyResult;
}

export type Report = RunReport | VerifyReport;
