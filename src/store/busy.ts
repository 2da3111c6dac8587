import { systemClock, type Clock } from '../clock.js';
import { StateStoreBusyError } from '../errors/index.js';

/**
 * PostgreSQL's answers that mean "another session got in the way; the same statements again will
 * do": deadlock_detected (40P01) and serialization_failure (40001). Anything else is not retried.
 */
const BUSY_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);

/** Whether an error (or its cause) is PostgreSQL's deadlock or serialization failure. */
export function isStoreBusy(error: unknown): boolean {
  for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && BUSY_SQLSTATES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** How often and how long a busy operation is tried again. */
export interface BusyRetry {
  /** Tries in all, the first included. Default 5. */
  readonly attempts?: number;
  /** The pause before the second try; each later one doubles, jittered. Default 100 ms. */
  readonly baseDelayMs?: number;
  /** Draws the jitter, in [0, 1). Injectable for tests. */
  readonly random?: () => number;
}

/**
 * What to do after try `attempt` of `operation` failed with `error`: the pause before the next try
 * (between half and one and a half times an exponential bound, so busy processes drift apart), or a
 * throw — the error itself when it is not a busy answer, {@link StateStoreBusyError} after the last try.
 */
function pauseAfter(operation: () => string, attempt: number, error: unknown, options: BusyRetry): number {
  if (!isStoreBusy(error)) throw error;
  const attempts = options.attempts ?? 5;
  if (attempt >= attempts) throw busyError(operation(), attempts, error);
  return Math.round((options.baseDelayMs ?? 100) * 2 ** (attempt - 1) * (0.5 + (options.random ?? Math.random)()));
}

/**
 * Runs `work` (a self-contained statement or transaction: safe to run again from the start), and
 * runs it again when PostgreSQL answers deadlock or serialization failure, a bounded number of
 * times. Past the last try it fails with {@link StateStoreBusyError}, naming `operation`.
 */
export async function retryWhileBusy<T>(operation: string, work: () => Promise<T>, options: BusyRetry & { readonly clock?: Pick<Clock, 'sleep'> } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      await (options.clock ?? systemClock).sleep(pauseAfter(() => operation, attempt, error, options));
    }
  }
}

/** The error for an operation that stayed busy through `attempts` tries. */
export function busyError(operation: string, attempts: number, cause: unknown): StateStoreBusyError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StateStoreBusyError(`state store busy: ${operation} met "${detail}" ${attempts} times; other processes were using the same rows. Nothing was lost: try again.`, { cause, context: { operation, attempts } });
}

/**
 * {@link retryWhileBusy} for the synchronous store: the pause blocks the thread (Atomics.wait), as the
 * store's statements do. `beforeRetry` ends what the failed try left open (a ROLLBACK). `operation` is
 * asked only when the error is written: the store's every statement passes here.
 */
export function retrySyncWhileBusy<T>(operation: () => string, work: () => T, beforeRetry: () => void, options: BusyRetry = {}): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (isStoreBusy(error)) beforeRetry();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseAfter(operation, attempt, error, options));
    }
  }
}

/** A short name of what a batch of statements does, for the busy error: "INSERT INTO links". */
export function operationOf(sqls: readonly string[]): string {
  for (const sql of sqls) {
    const match = /^\s*(INSERT INTO|UPDATE|DELETE FROM|WITH \w+ AS \(DELETE FROM)\s+(\w+)/i.exec(sql) ?? /^\s*(SELECT)\b[\s\S]*?\bFROM\s+(\w+)/i.exec(sql);
    if (match !== null) return `${(match[1] ?? '').replace(/^WITH \w+ AS \(/i, '')} ${match[2] ?? ''}`;
  }
  return 'a state store statement';
}
