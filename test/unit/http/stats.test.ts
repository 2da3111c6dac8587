import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/clock.js';
import { createStatsRecorder } from '../../../src/http/stats.js';

function manualClock(): Clock & { now: () => number; set: (time: number) => void } {
  let now = 0;
  return { now: () => now, sleep: () => Promise.resolve(), set: (time) => (now = time) };
}

describe('a connection\'s call counts per rate window', () => {
  it('keeps each snapshot\'s windows as they stood when it was taken, however many calls follow', () => {
    const clock = manualClock();
    const stats = createStatsRecorder({ clock, windowMs: 1000 });
    stats.call('list');
    clock.set(2500);
    stats.call('create');
    const first = stats.snapshot();
    stats.call('create');
    clock.set(3100);
    stats.call('create');
    const second = stats.snapshot();
    expect(first).toMatchObject({ calls: 2, callsPerWindow: [1, 0, 1], windowMs: 1000 });
    expect(second).toMatchObject({ calls: 4, callsPerWindow: [1, 0, 2, 1] });
    // Read again, and through JSON as a report writes them: the same.
    expect(first.callsPerWindow).toEqual([1, 0, 1]);
    expect(JSON.parse(JSON.stringify(first))).toMatchObject({ callsPerWindow: [1, 0, 1] });
    expect({ ...second }.callsPerWindow).toEqual([1, 0, 2, 1]);
  });

  it('gives no windows for a connection that does not count them', () => {
    const stats = createStatsRecorder();
    stats.call('list');
    expect(stats.snapshot()).toEqual({ calls: 1, callsByKind: { list: 1, get: 0, create: 0, update: 0, delete: 0, other: 0 }, limitResponses: 0, retries: 0, rateWaitMs: 0 });
  });
});
