import PQueue from 'p-queue';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import type { RateBudget } from '../vendors/types.js';
import { createRateWindow, type RateSignal, type WindowTicket } from './rate-window.js';
import { createSharedWindows } from './shared-windows.js';
import type { SharedBudgetSlot } from './shared-budget.js';

/**
 * One limiter per connection, never at module scope (Octokit keeps its Bottleneck per client).
 * p-queue bounds concurrency and keeps order; the window accounting runs on the injected Clock, so
 * a test with a manual clock crosses 15-minute windows without sleeping. Waiting is serialized: one
 * request at a time sleeps for the window, so a manual clock is advanced once, not once per waiter.
 * With a shared budget, a request also takes one request of the shared window (shared-windows.ts)
 * after its local slot is free, and waits for the shared window's end when that one is full.
 */
export interface RateLimiter {
  /** Runs `task` under the connection's concurrency limit. */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Inside a scheduled task: waits until the budget allows a request, then takes a slot. */
  acquire(signal?: AbortSignal): Promise<Acquired>;
  /** Feeds what an answer's headers said about the limit. */
  observe(ticket: WindowTicket, signal: RateSignal): void;
  /** A limit answer to the request of `ticket`: holds every request until `time` (epoch ms). */
  limited(ticket: WindowTicket, time: number): void;
  /** The end of the current window (epoch ms). */
  windowEnd(): number;
  /** Requests that may still go in the current window without waiting. */
  available(): number;
  /** The budget as now known (raised when the vendor's headers show more). */
  budget(): RateBudget;
}

export interface Acquired {
  readonly ticket: WindowTicket;
  /** Time spent waiting for the window or a reset, in ms. */
  readonly waitedMs: number;
}

export interface RateLimiterOptions {
  readonly budget: RateBudget;
  /** The user set the budget: vendor headers may not raise it. */
  readonly fixedBudget: boolean;
  readonly concurrency: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** A single wait longer than this is not waited out: `acquire` throws RateWaitTooLongError. */
  readonly maxWaitMs: number;
  /** A budget shared with every connection that spends the same vendor quota, in any process. */
  readonly shared?: SharedBudgetSlot | undefined;
}

/** The budget allows the next request only after a wait longer than the connection accepts. */
export class RateWaitTooLongError extends Error {
  override readonly name = 'RateWaitTooLongError';
  constructor(readonly waitMs: number, readonly maxWaitMs: number) {
    super(`the next request may go in ${Math.ceil(waitMs / 1000)} s, longer than the ${Math.round(maxWaitMs / 1000)} s this connection waits`);
  }
}

// How many recent answers the end-of-window guard looks at, and the most of a window it may hold back.
const LATENCY_SAMPLES = 16;
const MAX_GUARD_SHARE = 0.05;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock, logger } = options;
  const queue = new PQueue({ concurrency: options.concurrency });
  const window = createRateWindow({ budget: options.budget, fixed: options.fixedBudget, clock });
  const shared = options.shared === undefined ? undefined : createSharedWindows({ slot: options.shared, clock, logger, budget: () => window.budget() });
  let gate: Promise<unknown> = Promise.resolve();
  /*
   * A vendor counts a request in the window it arrives in, not the one its slot was taken from: one
   * sent just before a window ends may arrive in the next, which is then one over (a limit answer).
   * So a request is not sent when the answers of recent requests took longer than what is left of the
   * window: it waits for the next one. Clock time from a slot to its answer bounds when it arrived.
   */
  const takenAt = new WeakMap<WindowTicket, number>();
  const latencies: number[] = [];
  const guardMs = (): number => Math.min(Math.max(0, ...latencies), window.budget().windowMs * MAX_GUARD_SHARE);

  async function waitForSlot(signal: AbortSignal | undefined): Promise<Acquired> {
    let waitedMs = 0;
    const sleep = async (wait: number, message: string): Promise<void> => {
      if (wait > options.maxWaitMs) throw new RateWaitTooLongError(wait, options.maxWaitMs);
      logger.info({ waitMs: wait, until: new Date(clock.now() + wait).toISOString() }, message);
      await clock.sleep(wait, signal);
      waitedMs += wait;
    };
    const take = (): WindowTicket => {
      const ticket = window.take();
      takenAt.set(ticket, clock.now());
      return ticket;
    };
    for (;;) {
      for (let wait = window.waitTime(); wait > 0; wait = window.waitTime()) await sleep(wait, 'waiting for the rate window');
      const left = window.windowEnd() - clock.now();
      if (left <= guardMs()) {
        await sleep(left, 'the rate window ends before this request would arrive: waiting for the next one');
        continue;
      }
      if (shared === undefined) return { ticket: take(), waitedMs };
      signal?.throwIfAborted();
      const taken = await shared.take();
      // A limit answer that came while PostgreSQL answered holds this request too (its shared slot is spent, on the safe side).
      if (taken.ok && window.waitTime() > 0) continue;
      if (taken.ok) {
        const ticket = take();
        shared.bind(ticket, taken.windowStart);
        return { ticket, waitedMs };
      }
      if (taken.waitMs > 0) await sleep(taken.waitMs, 'waiting for the shared rate window');
    }
  }

  return {
    schedule: (task, signal) => queue.add(task, signal === undefined ? {} : { signal }),
    acquire(signal) {
      const turn = gate.then(() => waitForSlot(signal));
      gate = turn.catch(() => undefined);
      return turn;
    },
    observe(ticket, signal) {
      const at = takenAt.get(ticket);
      takenAt.delete(ticket);
      if (at !== undefined) {
        latencies.push(clock.now() - at);
        if (latencies.length > LATENCY_SAMPLES) latencies.shift();
      }
      window.observe(ticket, signal);
      shared?.observe(ticket, signal);
    },
    limited(ticket, time) {
      window.limited(ticket, time);
      shared?.limited(time);
    },
    windowEnd: () => window.windowEnd(),
    available: () => Math.min(window.available(), shared?.available() ?? Number.POSITIVE_INFINITY),
    budget: () => window.budget(),
  };
}
