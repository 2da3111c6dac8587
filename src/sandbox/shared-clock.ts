import type { Clock } from '../clock.js';
import { scaledSleep } from './scaled-clock.js';

/*
 * One vendor clock for simulators in one process and engines in others (the bench runs each
 * measured run in a child process; so do the cross-process tests). The sandbox's own scaled clock
 * counts from `performance.now()`, which each process starts at its own origin; at a time scale of
 * 900 a millisecond of disagreement is most of a vendor second, enough to put a request in the wrong
 * rate window. Linux's monotonic clock (`process.hrtime`) is one clock for every process on the
 * machine, so all sides compute the same vendor time from the same segment.
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

/** The main process's clock: starts at `vendorStart` and can change speed between runs. */
export function createSharedClock(scale: number, vendorStart: number): SharedClock {
  let current: ClockSegment = { scale, vendorAt: vendorStart, realAt: monotonicMs() };
  const now = (): number => Math.floor(current.vendorAt + (monotonicMs() - current.realAt) * current.scale);
  return {
    now,
    sleep: (ms, signal) => scaledSleep(now, () => current.scale, ms, signal),
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
  return { now, sleep: (ms, signal) => scaledSleep(now, () => segment.scale, ms, signal) };
}
