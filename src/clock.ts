/**
 * Time, injectable. Rate limiters, retries and the sandbox read time only through a Clock, so tests
 * can run 1,000 calls across 15-minute windows without sleeping and assert exact clock values.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds (rejects with the signal's reason when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason as Error);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock that only moves when told to, or when something sleeps on it: `sleep(ms)` advances time
 * by `ms` at once. Deterministic time for tests and benchmarks.
 */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  /** Total time spent in sleep(), in milliseconds. */
  readonly slept: number;
}

export function createManualClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): ManualClock {
  let now = start;
  let slept = 0;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    get slept() {
      return slept;
    },
    sleep(ms, signal) {
      if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
      const step = Math.max(0, ms);
      now += step;
      slept += step;
      return Promise.resolve();
    },
  };
}

/** Resolves once `signal` is aborted (at once if it already is): how a long-running command waits for its stop request. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
