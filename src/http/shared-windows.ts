import type { Clock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import type { RateBudget } from '../vendors/types.js';
import type { RateSignal, WindowTicket } from './rate-window.js';
import type { SharedBudgetSlot, SharedWindow } from './shared-budget.js';

/**
 * One connection's view of its shared budget: which shared window a request belongs to, what the
 * vendor's answers say about it, and what is known to be left. Windows are aligned to the epoch of
 * the connection's clock, as the local window is, so every process on the same clock (the machine's,
 * or the sandbox's scaled one) agrees on where a window starts.
 *
 * A vendor counts a request in the window it arrives in, not the one its slot was taken from. A
 * request sent just before a window ends may arrive in the next one, which is then one over. The
 * limiter holds back a request that would arrive too late (rate-limiter.ts); a request the vendor
 * says it counted in a later window anyway (Billomat's reset header) is counted in that window too.
 */
export interface SharedWindows {
  /** Takes one request of the current shared window; when it is full, says how long until it ends. */
  take(): Promise<SharedTake>;
  /** Remembers the shared window of a request's local ticket, for `observe`. */
  bind(ticket: WindowTicket, windowStart: number): void;
  /** An answer's headers: a request the vendor counted in a later window is counted there too. */
  observe(ticket: WindowTicket, signal: RateSignal): void;
  /** A limit answer: every shared window until `time` is marked full, so other processes hold back too. */
  limited(time: number): void;
  /** What the last take left in the current shared window (infinite when not known). */
  available(): number;
}

export type SharedTake = { readonly ok: true; readonly windowStart: number } | { readonly ok: false; readonly waitMs: number };

export interface SharedWindowsOptions {
  readonly slot: SharedBudgetSlot;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The connection's budget as now known (the vendor default, the user's, or learned from headers). */
  readonly budget: () => RateBudget;
}

// A limit answer whose reset lies hours ahead marks at most this many windows full.
const MAX_FILLED_WINDOWS = 8;

export function createSharedWindows(options: SharedWindowsOptions): SharedWindows {
  const { slot, clock, logger } = options;
  const tickets = new WeakMap<WindowTicket, number>();
  let last: { readonly start: number; readonly left: number } | undefined;
  let lowered: number | undefined;

  const windowAt = (start: number): SharedWindow => {
    const { requests, windowMs } = options.budget();
    return { key: slot.key, windowStart: start, windowMs, requests };
  };
  const startOf = (time: number): number => {
    const { windowMs } = options.budget();
    return Math.floor(time / windowMs) * windowMs;
  };
  // Writes that no request waits for: a failure costs accuracy, not the run.
  const inBackground = (work: Promise<void>): void => {
    void work.catch((error: unknown) => {
      logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'the shared rate budget could not be updated');
    });
  };

  return {
    async take() {
      const window = windowAt(startOf(clock.now()));
      const use = await slot.budget.take(window);
      const end = window.windowStart + window.windowMs;
      const now = clock.now();
      if (use === undefined) {
        last = { start: window.windowStart, left: 0 };
        // This connection's budget may be smaller than the window's: lower it once, so the others stop too.
        if (lowered !== window.windowStart) {
          lowered = window.windowStart;
          await slot.budget.lower(window);
        }
        return { ok: false, waitMs: Math.max(1, end - now) };
      }
      last = { start: window.windowStart, left: Math.max(0, use.requests - use.used) };
      // The window ended while the statement ran: the request would go in the next one, so it takes a slot there.
      return now < end ? { ok: true, windowStart: window.windowStart } : { ok: false, waitMs: 0 };
    },
    bind(ticket, windowStart) {
      tickets.set(ticket, windowStart);
    },
    observe(ticket, signal) {
      const windowStart = tickets.get(ticket);
      tickets.delete(ticket);
      if (windowStart === undefined || signal.resetAt === undefined) return;
      // Billomat's reset header is the end of the window that counted the request (VENDORS.md §3.4). A
      // request taken near a window's end may arrive after it; the vendor then counts it in the next
      // window, which must count it too or it admits one request too many.
      const { windowMs } = options.budget();
      const counted = Math.round(signal.resetAt / windowMs) * windowMs - windowMs;
      if (counted > windowStart) inBackground(slot.budget.charge(windowAt(counted)));
    },
    limited(time) {
      const now = clock.now();
      if (time <= now) return;
      const { windowMs } = options.budget();
      // The vendor refuses until `time`: its count for the current window is used up, whatever ours says.
      const first = startOf(now);
      for (let start = first; start < time && start < first + MAX_FILLED_WINDOWS * windowMs; start += windowMs) {
        inBackground(slot.budget.fill(windowAt(start)));
      }
      last = { start: first, left: 0 };
    },
    available() {
      if (last === undefined || last.start !== startOf(clock.now())) return Number.POSITIVE_INFINITY;
      return last.left;
    },
  };
}
