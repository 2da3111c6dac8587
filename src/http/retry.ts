import type { VendorErrorCode } from '../errors/index.js';

/**
 * When a request is tried again, and how long to wait first (stripe-node's documented rules,
 * Octokit's do-not-retry list). Pure functions: the HTTP client owns the loop and the clock.
 *
 * | outcome                                   | idempotent (GET, PUT, DELETE, EF partial POST) | create (POST) |
 * |-------------------------------------------|------------------------------------------------|---------------|
 * | rate limited (429, FactuurSturen 403+0)   | wait for the reset, retry                      | same: the vendor refused before doing anything |
 * | 5xx, 408, timeout, reset after sending    | backoff, retry                                 | never: VENDOR_OUTCOME_UNKNOWN |
 * | connection refused / DNS (never sent)     | backoff, retry                                 | never: VENDOR_UNAVAILABLE |
 * | 400, 401, 403, 404, 409, 410, 422 …       | never                                          | never |
 */
export type RetryMode =
  /** Safe to send twice: reads, PUT, DELETE, partial updates that create nothing. */
  | 'idempotent'
  /** Creates something: only a rate-limit refusal is retried. */
  | 'create'
  /** One attempt, no waiting (credential checks). */
  | 'none';

export interface RetryPolicy {
  /** Retries after a failure other than a rate limit. Default 3 (Octokit, stripe). */
  readonly maxRetries: number;
  /** Retries after rate-limit answers; each one waits for the vendor's reset. */
  readonly maxLimitRetries: number;
  /** First backoff step. */
  readonly baseDelayMs: number;
  /** Longest backoff step. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  maxLimitRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/** Codes that are never retried, whatever the method (Octokit's `doNotRetry`, as error codes). */
export const DO_NOT_RETRY: ReadonlySet<VendorErrorCode> = new Set<VendorErrorCode>([
  'VENDOR_AUTH',
  'VENDOR_NOT_FOUND',
  'VENDOR_REJECTED',
  'VENDOR_DELETE_REFUSED',
  'VENDOR_RESPONSE_INVALID',
  'VENDOR_OUTCOME_UNKNOWN',
]);

/** A failed attempt, as the retry decision needs to see it. */
export interface FailedAttempt {
  readonly code: VendorErrorCode;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Rate-limit answers so far, this one included. */
  readonly limitAnswers: number;
}

/** Whether to send the request again. */
export function shouldRetry(failure: FailedAttempt, mode: RetryMode, policy: RetryPolicy): boolean {
  if (mode === 'none') return false;
  if (failure.code === 'VENDOR_RATE_LIMITED') return failure.limitAnswers <= policy.maxLimitRetries;
  if (DO_NOT_RETRY.has(failure.code)) return false;
  if (mode === 'create') return false;
  const retriesSoFar = failure.attempt - failure.limitAnswers;
  return retriesSoFar <= policy.maxRetries;
}

/**
 * Exponential backoff `base·2^(n-1)`, capped at `max`, with jitter ×[0.5, 1] and never below
 * `base` (stripe's `_getSleepTimeInMS`). `retry` is 1 for the first retry; `random` returns [0, 1).
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const jittered = exponential * (0.5 + random() / 2);
  return Math.round(Math.max(policy.baseDelayMs, jittered));
}
