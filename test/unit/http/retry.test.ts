import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, shouldRetry } from '../../../src/http/retry.js';
import type { VendorErrorCode } from '../../../src/errors/index.js';

const policy = DEFAULT_RETRY_POLICY;
const first = (code: VendorErrorCode): { code: VendorErrorCode; attempt: number; limitAnswers: number } => ({ code, attempt: 1, limitAnswers: code === 'VENDOR_RATE_LIMITED' ? 1 : 0 });

describe('shouldRetry', () => {
  it.each<[VendorErrorCode, boolean, boolean]>([
    ['VENDOR_UNAVAILABLE', true, false],
    ['VENDOR_RATE_LIMITED', true, true],
    ['VENDOR_AUTH', false, false],
    ['VENDOR_NOT_FOUND', false, false],
    ['VENDOR_REJECTED', false, false],
    ['VENDOR_DELETE_REFUSED', false, false],
    ['VENDOR_RESPONSE_INVALID', false, false],
    ['VENDOR_OUTCOME_UNKNOWN', false, false],
  ])('%s: idempotent %s, create %s', (code, idempotent, create) => {
    expect(shouldRetry(first(code), 'idempotent', policy)).toBe(idempotent);
    expect(shouldRetry(first(code), 'create', policy)).toBe(create);
  });

  it('never retries in mode none, not even a rate limit', () => {
    expect(shouldRetry(first('VENDOR_RATE_LIMITED'), 'none', policy)).toBe(false);
  });

  it('allows three retries after failures and stops at the fourth failure', () => {
    const after = (attempt: number): boolean => shouldRetry({ code: 'VENDOR_UNAVAILABLE', attempt, limitAnswers: 0 }, 'idempotent', policy);
    expect([1, 2, 3, 4].map(after)).toEqual([true, true, true, false]);
  });

  it('does not count rate-limit answers against the failure retries', () => {
    expect(shouldRetry({ code: 'VENDOR_UNAVAILABLE', attempt: 6, limitAnswers: 3 }, 'idempotent', policy)).toBe(true);
  });

  it('stops after maxLimitRetries rate-limit answers', () => {
    expect(shouldRetry({ code: 'VENDOR_RATE_LIMITED', attempt: 6, limitAnswers: 6 }, 'idempotent', policy)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base with full jitter at its upper bound', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([500, 1000, 2000, 4000]);
  });

  it('halves at most with jitter but never goes below the base', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(1000);
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
  });

  it('caps the delay', () => {
    expect(backoffDelay(20, policy, () => 1)).toBe(30_000);
  });
});
