import { ERROR_CODES, isSyncError, type ErrorCode, type SyncError } from '../errors/index.js';
import { STOP_SIGNALS } from './stop-request.js';

/**
 * Exit codes, stable and documented in the README, so cron jobs and CI can tell failures apart.
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  recordFailures: 3,
  auth: 4,
  unavailable: 5,
  locked: 6,
  safetyStop: 7,
  storeBusy: 8,
  storeUnavailable: 9,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for an error that stopped a command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (!isSyncError(error)) return EXIT.internal;
  return exitCodeForCode(error.code);
}

export function exitCodeForCode(code: SyncError['code']): ExitCode {
  switch (code) {
    case 'CONFIG_INVALID':
    case 'MAPPING_INVALID':
      return EXIT.usage;
    case 'VENDOR_AUTH':
      return EXIT.auth;
    case 'VENDOR_UNAVAILABLE':
    case 'VENDOR_RATE_LIMITED':
    case 'VENDOR_OUTCOME_UNKNOWN':
    case 'VENDOR_RESPONSE_INVALID':
      return EXIT.unavailable;
    case 'RUN_LOCKED':
      return EXIT.locked;
    case 'SAFETY_STOP':
      return EXIT.safetyStop;
    case 'STATE_STORE_BUSY':
      return EXIT.storeBusy;
    case 'STATE_STORE_UNAVAILABLE':
      return EXIT.storeUnavailable;
    case 'VENDOR_NOT_FOUND':
    case 'VENDOR_REJECTED':
    case 'VENDOR_DELETE_REFUSED':
    case 'RECORD_INVALID':
    case 'RECONCILE_CONFLICT':
      return EXIT.recordFailures;
    case 'INTERNAL':
      return EXIT.internal;
  }
}

/** The exit code for an error code carried in a result (`RunResult.error.code`), which is a plain string. */
export function exitCodeForCodeText(code: string): ExitCode {
  return isErrorCode(code) ? exitCodeForCode(code) : EXIT.internal;
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

// Most severe first: a bug, then what the user must fix, then what may pass by itself; a run cut
// short by a signal says so before "some records failed".
const SEVERITY: readonly number[] = [EXIT.internal, EXIT.usage, EXIT.auth, EXIT.unavailable, EXIT.storeUnavailable, EXIT.storeBusy, EXIT.safetyStop, EXIT.locked, STOP_SIGNALS.SIGINT, STOP_SIGNALS.SIGTERM, EXIT.recordFailures];

/** One exit code for several runs (sync of several pairs): the most severe one. */
export function worstExitCode(codes: readonly number[]): number {
  return SEVERITY.find((code) => codes.includes(code)) ?? EXIT.ok;
}
