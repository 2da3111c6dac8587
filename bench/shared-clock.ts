import type { Clock } from '../src/clock.js';

/*
 * One vendor clock for the simulators (in the bench's main process) and the engine (in a child
 * process per run). The sandbox's own scaled clock counts from `performance.now()`, which each
 * process starts at its own origin; at a time scale of 900 a millisecond of disagreement is most of
 * a vendor second, enough to put a request in the wrong rate window. Linux's monotonic clock
 * (`process.hrtime`) is one clock for every process on the machine, so both sides compute the same
 * vendor time from the same segment.
 */

/** A piece of vendor time running at a constant speed: vendor = vendorAt + (real - realAt) × scale. */
export interface ClockSegment {
  readonly scale: number;
  /** Vendor time (epoch ms) at `realAt`. */
  readonly vendorAt: number;
  /** The machine's monotonic clock in ms (`process.hrtime`), shared by every process. */
  readonly realAt: number;
}

/** The machine's monotonic clock, in milliseconds. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface SharedClock extends Clock {
  /** The current segment, to hand to a child process. */
  segment(): ClockSegment;
  /** Changes the speed from now on (between runs only: a running child keeps its segment). */
  setScale(scale: number): void;
}

function sleepOn(now: () => number, scaleOf: () => number, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    // As in the sandbox's scaled clock: a timer may fire a little early, which a large scale turns
    // into vendor seconds, so wait again until the clock has really reached the target.
    const target = now() + Math.max(0, ms);
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const wait = (): void => {
      const left = target - now();
      if (left <= 0) {
        signal?.removeEventListener('abort', onAbort);
        resolve();
        return;
      }
      timer = setTimeout(wait, Math.ceil(left / scaleOf()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    wait();
  });
}

/** The main process's clock: starts at `vendorStart` and can change speed between runs. */
export function createSharedClock(scale: number, vendorStart: number): SharedClock {
  let current: ClockSegment = { scale, vendorAt: vendorStart, realAt: monotonicMs() };
  const now = (): number => Math.floor(current.vendorAt + (monotonicMs() - current.realAt) * current.scale);
  return {
    now,
    sleep: (ms, signal) => sleepOn(now, () => current.scale, ms, signal),
    segment: () => current,
    setScale(next) {
      if (!Number.isFinite(next) || next <= 0) throw new RangeError(`time scale must be positive, got ${next}`);
      current = { scale: next, vendorAt: now(), realAt: monotonicMs() };
    },
  };
}

/** A child's clock: the segment it was handed, at that segment's speed. */
export function clockOf(segment: ClockSegment): Clock {
  const now = (): number => Math.floor(segment.vendorAt + (monotonicMs() - segment.realAt) * segment.scale);
  return { now, sleep: (ms, signal) => sleepOn(now, () => segment.scale, ms, signal) };
}
