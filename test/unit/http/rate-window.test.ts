import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/clock.js';
import { createRateWindow } from '../../../src/http/rate-window.js';

const WINDOW = 15 * 60_000;
const at = (h: number, m: number, s = 0): number => Date.UTC(2026, 0, 5, h, m, s);

function setup(options: { requests?: number; fixed?: boolean; start?: number } = {}) {
  const clock = createManualClock(options.start ?? at(9, 3));
  const window = createRateWindow({ budget: { requests: options.requests ?? 3, windowMs: WINDOW }, fixed: options.fixed ?? false, clock });
  return { clock, window };
}

describe('createRateWindow', () => {
  it('lets the budget through and then waits until the aligned window end', () => {
    const { window } = setup();
    for (let i = 0; i < 3; i += 1) {
      expect(window.waitTime()).toBe(0);
      window.take();
    }
    expect(window.waitTime()).toBe(at(9, 15) - at(9, 3));
  });

  it('starts counting again in the next window', () => {
    const { clock, window } = setup();
    for (let i = 0; i < 3; i += 1) window.take();
    clock.advance(window.waitTime());
    expect(window.waitTime()).toBe(0);
    expect(window.take().sentInWindow).toBe(1);
  });

  it('stops when the vendor says nothing remains, whatever its own count', () => {
    const { window } = setup({ requests: 300 });
    const ticket = window.take();
    window.observe(ticket, { remaining: 0, resetAt: at(9, 15) });
    expect(window.waitTime()).toBe(at(9, 15) - at(9, 3));
  });

  it('counts requests sent after an observation against what the vendor said remained', () => {
    const { window } = setup({ requests: 300 });
    const first = window.take();
    window.take();
    window.observe(first, { remaining: 2, resetAt: at(9, 15) });
    expect(window.waitTime()).toBe(0);
    window.take();
    expect(window.waitTime()).toBeGreaterThan(0);
  });

  it('ignores an answer about a window that is over', () => {
    const { clock, window } = setup({ requests: 300 });
    const old = window.take();
    clock.advance(at(9, 15) - at(9, 3));
    window.observe(old, { remaining: 0, resetAt: at(9, 15) });
    expect(window.waitTime()).toBe(0);
  });

  it('follows a vendor whose clock is ahead into its next window', () => {
    const { clock, window } = setup({ requests: 3 });
    clock.advance(at(9, 14, 50) - at(9, 3));
    window.take();
    window.take();
    const third = window.take();
    expect(window.waitTime()).toBe(10_000);
    // The vendor has already rolled over: its reset names 09:30, and it allows 2 more.
    window.observe(third, { remaining: 2, resetAt: at(9, 30) });
    expect(window.windowEnd()).toBe(at(9, 30));
    expect(window.waitTime()).toBe(0);
  });

  it('ends its window with a vendor whose clock is behind', () => {
    const { window } = setup({ requests: 3 });
    const ticket = window.take();
    window.observe(ticket, { remaining: 100, resetAt: at(9, 10) });
    expect(window.windowEnd()).toBe(at(9, 10));
  });

  it('raises a default budget to what the headers show, but never a budget the user set', () => {
    const learned = setup({ requests: 300 });
    learned.window.observe(learned.window.take(), { remaining: 999, resetAt: at(9, 15) });
    expect(learned.window.budget()).toEqual({ requests: 1000, windowMs: WINDOW });
    const fixed = setup({ requests: 300, fixed: true });
    fixed.window.observe(fixed.window.take(), { remaining: 999, resetAt: at(9, 15) });
    expect(fixed.window.budget()).toEqual({ requests: 300, windowMs: WINDOW });
  });

  it('holds every request until the reset of a limit answer', () => {
    const { window } = setup({ requests: 300 });
    window.limited(window.take(), at(9, 7, 30));
    expect(window.waitTime()).toBe(at(9, 7, 30) - at(9, 3));
  });

  it('lowers its budget to what a vendor without limit headers accepted before refusing', () => {
    const { window } = setup({ requests: 300 });
    for (let i = 0; i < 19; i += 1) window.take();
    window.limited(window.take(), at(9, 4));
    expect(window.budget().requests).toBe(19);
  });

  it('keeps its budget after a limit answer when the vendor reports what remains', () => {
    const { window } = setup({ requests: 300 });
    window.observe(window.take(), { remaining: 5, resetAt: at(9, 15) });
    window.limited(window.take(), at(9, 15));
    expect(window.budget().requests).toBe(300);
  });
});
