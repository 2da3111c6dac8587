/**
 * One small error taxonomy for the whole product. Every error a user can meet carries a stable
 * `code` (documented in the README, safe to match on), a `kind` that tells the engine and the CLI
 * what to do with it, and a context of ids and counts only — never names, e-mails or credentials.
 */

/** Stable error codes. Never rename one: scripts and dashboards match on them. */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'MAPPING_INVALID',
  'VENDOR_AUTH',
  'VENDOR_NOT_FOUND',
  'VENDOR_REJECTED',
  'VENDOR_DELETE_REFUSED',
  'VENDOR_RATE_LIMITED',
  'VENDOR_UNAVAILABLE',
  'VENDOR_OUTCOME_UNKNOWN',
  'VENDOR_RESPONSE_INVALID',
  'RECORD_INVALID',
  'RECONCILE_CONFLICT',
  'RUN_LOCKED',
  'SAFETY_STOP',
  'STATE_STORE_BUSY',
  'STATE_STORE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * - `config`: the user must change something (config, credentials, mapping) before anything runs;
 * - `transient`: worth trying again later (rate limit, vendor down, unknown outcome);
 * - `permanent`: this record will fail the same way until its data changes;
 * - `internal`: a bug in client-sync.
 */
export type ErrorKind = 'config' | 'transient' | 'permanent' | 'internal';

/** Context values are ids, counts and codes: small, safe to log and to store. */
export type ErrorContext = Readonly<Record<string, string | number | boolean | undefined>>;

const SYNC_ERROR = Symbol.for('client-sync.error');

export interface SyncErrorOptions {
  readonly cause?: unknown;
  readonly context?: ErrorContext;
}

/** Base class of every error client-sync raises on purpose. */
export class SyncError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly context: ErrorContext;
  readonly [SYNC_ERROR] = true;

  constructor(code: ErrorCode, kind: ErrorKind, message: string, options: SyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.context = options.context ?? {};
  }

  /** A plain object for reports and `--json` output. */
  toJSON(): { code: ErrorCode; kind: ErrorKind; message: string; context: ErrorContext } {
    return { code: this.code, kind: this.kind, message: this.message, context: this.context };
  }
}

/** True for any client-sync error, even one from another copy of the package (cross-realm). */
export function isSyncError(value: unknown): value is SyncError {
  return (
    value instanceof SyncError ||
    (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SYNC_ERROR] === true)
  );
}

/** Wraps anything thrown into a SyncError; unknown throwables become INTERNAL. */
export function toSyncError(value: unknown): SyncError {
  if (isSyncError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new InternalError(message, { cause: value });
}

/** A bug: something client-sync itself got wrong. */
export class InternalError extends SyncError {
  constructor(message: string, options: SyncErrorOptions = {}) {
    super('INTERNAL', 'internal', message, options);
  }
}
