import type { Clock } from '../clock.js';
import type { RateBudget } from '../vendors/types.js';

/**
 * Fixed-window request accounting on an injectable Clock. Windows are aligned to multiples of the
 * window length since the epoch, which for Billomat's 15 minutes gives exactly the documented
 * XX:00 / :15 / :30 / :45 windows (VENDORS.md §3.4) and for FactuurSturen's hour the full hour
 * (docs/wire-decisions.md). Vendor headers correct the local view: `remaining` caps what is
 * left, a reset time moves the window's end to the vendor's clock, and a remaining count larger
 * than our default raises the budget (a registered Billomat app gets more than 300).
 */
export interface RateWindow {
  /** How long the next request must wait, in ms (0 = may go now). Does not take a slot. */
  waitTime(): number;
  /** Takes a slot in the current window; call only when `waitTime()` is 0. */
  take(): WindowTicket;
  /** What a vendor answer said about the limit. */
  observe(ticket: WindowTicket, signal: RateSignal): void;
  /**
   * A limit answer to the request of `ticket`: no request before `time` (epoch ms). A vendor that
   * never says what remains (EenvoudigFactureren) has shown its limit: the budget drops to what it
   * accepted in this window, unless the user set the budget.
   */
  limited(ticket: WindowTicket, time: number): void;
  /** The end of the current window (epoch ms): where to wait when a limit answer names no reset. */
  windowEnd(): number;
  /** Requests that may still go in the current window without waiting. */
  available(): number;
  budget(): RateBudget;
}

/** Rate-limit facts from an answer's headers; times are epoch ms. */
export interface RateSignal {
  readonly remaining?: number | undefined;
  readonly resetAt?: number | undefined;
}

export interface WindowTicket {
  readonly sequence: number;
  /** Requests taken in the window up to and including this one. */
  readonly sentInWindow: number;
  readonly windowEnd: number;
}

export interface RateWindowOptions {
  readonly budget: RateBudget;
  /** A budget the user set: headers may lower what is left but never raise it. */
  readonly fixed: boolean;
  readonly clock: Clock;
}

// A reset header counts in whole seconds; two window ends this close are the same window.
const SAME_WINDOW_MS = 1000;

export function createRateWindow(options: RateWindowOptions): RateWindow {
  const { clock, fixed } = options;
  const windowMs = options.budget.windowMs;
  let requests = options.budget.requests;
  const alignedEnd = (now: number): number => Math.floor(now / windowMs) * windowMs + windowMs;

  let end = alignedEnd(clock.now());
  let sent = 0;
  let sequence = 0;
  let pausedUntil = 0;
  // The vendor's word on what is left, as of the request numbered `observedAt`.
  let vendorRemaining: number | undefined;
  let observedAt = 0;
  // Whether the vendor ever said what remains: then its headers, not our count, carry the truth.
  let vendorCounts = false;

  const startWindow = (newEnd: number): void => {
    end = newEnd;
    sent = 0;
    vendorRemaining = undefined;
  };
  const roll = (now: number): void => {
    if (now >= end) startWindow(alignedEnd(now));
  };
  const vendorAllows = (): boolean => vendorRemaining === undefined || vendorRemaining - (sequence - observedAt) > 0;

  return {
    waitTime() {
      const now = clock.now();
      roll(now);
      if (pausedUntil > now) return pausedUntil - now;
      if (sent >= requests || !vendorAllows()) return Math.max(1, end - now);
      return 0;
    },
    take() {
      roll(clock.now());
      sent += 1;
      sequence += 1;
      return { sequence, sentInWindow: sent, windowEnd: end };
    },
    observe(ticket, signal) {
      const now = clock.now();
      roll(now);
      const { remaining, resetAt } = signal;
      let sameWindow = ticket.windowEnd === end;
      if (resetAt !== undefined && resetAt > now) {
        if (resetAt > end + SAME_WINDOW_MS) {
          // The vendor already counts in a later window than ours (its clock runs ahead): follow it.
          startWindow(resetAt);
          sameWindow = false;
        } else if (resetAt < end - SAME_WINDOW_MS) {
          // The vendor's window ends before ours (its clock runs behind): end ours with it.
          end = resetAt;
        }
      } else if (resetAt !== undefined || !sameWindow) {
        return; // an answer about a window that is over
      }
      if (remaining === undefined || ticket.sequence < observedAt) return;
      vendorCounts = true;
      vendorRemaining = remaining;
      observedAt = ticket.sequence;
      // Our requests in this window plus what the vendor still allows is a floor of its real limit.
      if (!fixed && sameWindow && ticket.sentInWindow + remaining > requests) requests = ticket.sentInWindow + remaining;
    },
    limited(ticket, time) {
      if (!fixed && !vendorCounts && ticket.windowEnd === end && ticket.sentInWindow > 1) requests = Math.min(requests, ticket.sentInWindow - 1);
      pausedUntil = Math.max(pausedUntil, time);
      vendorRemaining = 0;
      observedAt = sequence;
      if (time > clock.now() && time < end - SAME_WINDOW_MS) end = time;
    },
    windowEnd() {
      roll(clock.now());
      return end;
    },
    available() {
      const now = clock.now();
      roll(now);
      if (pausedUntil > now) return 0;
      const ours = requests - sent;
      const theirs = vendorRemaining === undefined ? ours : vendorRemaining - (sequence - observedAt);
      return Math.max(0, Math.min(ours, theirs));
    },
    budget: () => ({ requests, windowMs }),
  };
}
