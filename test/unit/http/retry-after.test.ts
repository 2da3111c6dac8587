import { describe, expect, it } from 'vitest';
import { parseCount, parseResetEpoch, parseRetryAfter } from '../../../src/http/retry-after.js';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:00:30 GMT', NOW)).toBe(30_000);
  });

  it('reads an HTTP-date in the past as no wait', () => {
    expect(parseRetryAfter('Mon, 05 Jan 2026 08:59:00 GMT', NOW)).toBe(0);
  });

  it.each([undefined, '', 'soon', '-5'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('parseResetEpoch', () => {
  it('reads Billomat epoch seconds as epoch milliseconds', () => {
    expect(parseResetEpoch('1767604500')).toBe(1_767_604_500_000);
  });

  it('accepts a value that is already in milliseconds', () => {
    expect(parseResetEpoch('1767604500000')).toBe(1_767_604_500_000);
  });

  it('ignores anything that is not a number', () => {
    expect(parseResetEpoch('Mon, 05 Jan 2026 09:15:00 GMT')).toBeUndefined();
  });
});

describe('parseCount', () => {
  it('reads a whole number and refuses anything else', () => {
    expect([parseCount('299'), parseCount(' 0 '), parseCount('-1'), parseCount('1.5'), parseCount(undefined)]).toEqual([299, 0, undefined, undefined, undefined]);
  });
});
