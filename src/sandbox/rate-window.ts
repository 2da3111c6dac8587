import type { Clock } from '../clock.js';

/** A request budget as a vendor enforces it: at most `requests` per fixed window of `windowMs`. */
export interface RateLimitOptions {
  readonly requests: number;
  readonly windowMs: number;
}

/** The outcome of counting one request. */
export interface RateDecision {
  readonly allowed: boolean;
  /** Requests left in the current window after this one. */
  readonly remaining: number;
  /** Clock time (ms) at which the next window starts. */
  readonly resetAt: number;
}

/** A running fixed-window counter. */
export interface RateWindow {
  readonly limit: RateLimitOptions;
  /** Counts a request against the current window (a refused request is not counted). */
  take(): RateDecision;
  /** The current state without counting. */
  peek(): RateDecision;
}

/**
 * A fixed-window counter aligned to the epoch, the way Billomat counts (windows start at XX:00,
 * :15, :30, :45; unused quota is not carried over, VENDORS.md §3.4) and the way we model the
 * FactuurSturen hourly budget (the clock hour, wire-decisions.md). Time comes from the simulator's
 * clock, so a scaled or manual clock moves the windows.
 */
export function createRateWindow(limit: RateLimitOptions, clock: Clock): RateWindow {
  if (limit.requests < 0 || limit.windowMs <= 0) throw new RangeError('a rate limit needs requests >= 0 and windowMs > 0');
  let windowStart = Number.NaN;
  let used = 0;
  const roll = (): number => {
    const now = clock.now();
    const start = Math.floor(now / limit.windowMs) * limit.windowMs;
    if (start !== windowStart) {
      windowStart = start;
      used = 0;
    }
    return start + limit.windowMs;
  };
  return {
    limit,
    take() {
      const resetAt = roll();
      if (used >= limit.requests) return { allowed: false, remaining: 0, resetAt };
      used++;
      return { allowed: true, remaining: limit.requests - used, resetAt };
    },
    peek() {
      const resetAt = roll();
      return { allowed: used < limit.requests, remaining: Math.max(0, limit.requests - used), resetAt };
    },
  };
}
