import type { Clock } from '../clock.js';
import type { ConnectorStats } from '../vendors/types.js';
import type { CallKind } from './vendor-protocol.js';

/** The counters behind `connector.stats()`; one per connector instance. */
export interface StatsRecorder {
  /** One HTTP request sent (first attempt or retry). */
  call(kind: CallKind): void;
  retry(): void;
  limitAnswer(): void;
  waited(ms: number): void;
  snapshot(): ConnectorStats;
}

/**
 * With `windows`, calls are also counted per rate window since the recorder was made (the console's
 * chart of a run's calls against the budget).
 */
export function createStatsRecorder(windows?: { readonly clock: Clock; readonly windowMs: number }): StatsRecorder {
  const startedAt = windows?.clock.now() ?? 0;
  const perWindow: number[] = [];
  const byKind: Record<CallKind, number> = { list: 0, get: 0, create: 0, update: 0, delete: 0, other: 0 };
  let calls = 0;
  let retries = 0;
  let limitResponses = 0;
  let rateWaitMs = 0;
  return {
    call(kind) {
      calls += 1;
      byKind[kind] += 1;
      if (windows !== undefined) {
        const index = Math.max(0, Math.floor((windows.clock.now() - startedAt) / windows.windowMs));
        for (let i = perWindow.length; i <= index; i++) perWindow.push(0);
        perWindow[index] = (perWindow[index] ?? 0) + 1;
      }
    },
    retry() {
      retries += 1;
    },
    limitAnswer() {
      limitResponses += 1;
    },
    waited(ms) {
      rateWaitMs += ms;
    },
    snapshot() {
      const totals = { calls, callsByKind: { ...byKind }, limitResponses, retries, rateWaitMs };
      if (windows === undefined) return totals;
      // The engine takes a snapshot after every write for its progress, and reads only the totals:
      // copying every window there made a run cost writes × windows (quadratic in the benchmark's
      // time-scaled simulators, where a window passes every millisecond). The windows are copied
      // when read, as they stood at the snapshot: only the last one can have grown since.
      const length = perWindow.length;
      const last = perWindow[length - 1];
      let copy: number[] | undefined;
      return Object.defineProperty({ ...totals, windowMs: windows.windowMs }, 'callsPerWindow', {
        enumerable: true,
        get: () => {
          if (copy === undefined) {
            copy = perWindow.slice(0, length);
            if (last !== undefined) copy[length - 1] = last;
          }
          return copy;
        },
      });
    },
  };
}
