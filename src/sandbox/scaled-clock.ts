import type { Clock } from '../clock.js';

/**
 * A clock that runs `scale` times faster than real time, for rehearsals and tests that must cross
 * vendor rate windows without waiting for them: with `scale: 900` a Billomat 15-minute window
 * (VENDORS.md §3.4) passes in one real second.
 */
export interface ScaledClock extends Clock {
  /** How many vendor milliseconds pass per real millisecond. */
  readonly scale: number;
}

/**
 * Creates a scaled clock: `now()` is `base` plus the real time elapsed since creation times `scale`,
 * and `sleep(ms)` waits `ms / scale` real milliseconds. The simulator stamps records, computes rate
 * windows and reset headers with it, and exposes it so a connector talking to the simulator can be
 * handed the same clock (its waits then shrink by the same factor).
 */
export function createScaledClock(scale: number, base: number = Date.now()): ScaledClock {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`time scale must be a positive number, got ${scale}`);
  const startedAt = performance.now();
  const now = (): number => Math.floor(base + (performance.now() - startedAt) * scale);
  return { scale, now, sleep: (ms, signal) => scaledSleep(now, () => scale, ms, signal) };
}

/**
 * Sleeps `ms` of vendor time on a clock whose vendor time runs `scale()` times faster than real time.
 * Timers may fire a fraction of a millisecond early, which a large scale turns into seconds of vendor
 * time: it waits again until the clock has really reached the target, so a connector that sleeps until
 * a rate window resets never wakes up inside the old window.
 */
export function scaledSleep(now: () => number, scale: () => number, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
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
      timer = setTimeout(wait, Math.ceil(left / scale()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    wait();
  });
}
