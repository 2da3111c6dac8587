import { describe, expect, it } from 'vitest';
import { createProgressDisplay, describeProgress } from '../../../src/cli/progress.js';
import type { ProgressEvent } from '../../../src/sync/types.js';

function harness(tty: boolean, columns = 200) {
  const raw: string[] = [];
  const lines: string[] = [];
  let now = 0;
  const display = createProgressDisplay({ tty, write: (text) => raw.push(text), line: (text) => lines.push(text), label: 'nightly', now: () => now, columns });
  return { display, raw, lines, advance: (ms: number) => (now += ms) };
}

const apply = (done: number, extra: Partial<ProgressEvent> = {}): ProgressEvent => ({ phase: 'apply', connection: 'bm', done, total: 100, calls: 7, rateWaitMs: 65_000, ...extra });

describe('the progress display', () => {
  it('says counts, calls, the time waited for rate windows and the ETA', () => {
    expect(describeProgress(apply(40, { etaMs: 90_000 }))).toBe('40/100 · 7 calls · rate wait 1m 05s · ETA 1m 30s');
  });

  it('draws a bar on a terminal, redrawing its own line', () => {
    const { display, raw } = harness(true);
    display.update(apply(50));
    const line = raw.at(-1) ?? '';
    expect(line.startsWith('\r\x1b[2K')).toBe(true);
    expect(line.slice(5)).toMatch(/^nightly apply bm\s+█{10}░{10}\s+50% 50\/100/);
  });

  it('estimates the time left from the pace of the phase when the engine gives no ETA', () => {
    const { display, raw, advance } = harness(true);
    display.update(apply(0));
    advance(10_000);
    display.update(apply(25));
    expect(raw.at(-1)).toContain('ETA 30s');
  });

  it('gives up the bar before the counts on a narrow terminal', () => {
    const { display, raw } = harness(true, 60);
    display.update(apply(50));
    expect(raw.at(-1)).not.toContain('█');
    expect(raw.at(-1)).toContain('50/100 · 7 calls · rate wait 1m 05s');
  });

  it('does not redraw faster than it is useful', () => {
    const { display, raw, advance } = harness(true);
    display.update(apply(1));
    display.update(apply(2));
    advance(150);
    display.update(apply(3));
    expect(raw.filter((text) => text.includes('/100'))).toHaveLength(2);
  });

  it('keeps a finished phase on screen and starts a new line for the next', () => {
    const { display, raw } = harness(true);
    display.update({ phase: 'read', connection: 'fs', done: 10, total: 10, calls: 1, rateWaitMs: 0 });
    display.update(apply(0));
    expect(raw).toContain('\n');
  });

  it('writes a log line above the bar and draws the bar again', () => {
    const { display, raw } = harness(true);
    display.update(apply(5));
    const logged: string[] = [];
    display.interrupt(() => logged.push('a log line'));
    expect(logged).toEqual(['a log line']);
    expect(raw.slice(-2)[0]).toBe('\r\x1b[2K');
    expect(raw.at(-1)).toContain('5/100');
  });

  it('writes plain lines without a terminal: at the start, each quarter and the end of a phase', () => {
    const { display, lines } = harness(false);
    for (let done = 0; done <= 100; done += 5) display.update(apply(done));
    display.finish();
    expect(lines.map((line) => line.split(' · ')[0])).toEqual([
      'nightly apply bm: 0/100',
      'nightly apply bm: 25/100',
      'nightly apply bm: 50/100',
      'nightly apply bm: 75/100',
      'nightly apply bm: 100/100',
    ]);
  });
});
