import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping, type Mapping } from '../../src/mapping/index.js';
import { createBillomatConnector } from '../../src/vendors/billomat/index.js';
import type { VendorConnector } from '../../src/vendors/types.js';
import { createLeakWatch, createManualClock, noJitter, SECRETS, type ManualClock } from './support.js';

/*
 * Billomat's budget: 300 requests per account in fixed 15-minute windows (XX:00, :15, :30, :45),
 * `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (epoch seconds of the next window) on every
 * answer, 429 when it is used up (https://www.billomat.com/en/api/basics/rate-limiting/).
 * Time is a manual clock: sleeping advances it at once, so nothing here waits for real.
 */

const ORIGIN = 'https://mybillomatid.billomat.net';
const WINDOW = 15 * 60_000;
const watch = createLeakWatch();
let mapping: Mapping;

beforeAll(async () => {
  mapping = await loadMapping('billomat');
});

afterEach(() => {
  nock.cleanAll();
});

function connector(clock: ManualClock): VendorConnector {
  return createBillomatConnector({
    name: 'bm-main',
    vendor: 'billomat',
    baseUrl: `${ORIGIN}/api`,
    credentials: { kind: 'billomat', apiKey: SECRETS.bmApiKey },
    mapping,
    clock,
    logger: watch.logger,
    random: noJitter,
  });
}

interface FakeBillomat {
  /** Requests the fake counted, per window start (ISO time). */
  readonly perWindow: Map<string, number>;
  /** Clock time of every request it answered. */
  readonly times: number[];
  limitAnswers: number;
}

/**
 * A Billomat that counts like the real one: per fixed window on the shared clock, `used` requests
 * already spent by other integrations at the start, `limit` per window.
 */
function fakeBillomat(clock: ManualClock, options: { limit: number; usedByOthers?: number }): FakeBillomat {
  const fake: FakeBillomat = { perWindow: new Map(), times: [], limitAnswers: 0 };
  nock(ORIGIN)
    .persist()
    .get(/^\/api\/clients\/\d+$/)
    .reply((uri) => {
      const now = clock.now();
      const windowStart = Math.floor(now / WINDOW) * WINDOW;
      const key = new Date(windowStart).toISOString();
      const used = (fake.perWindow.get(key) ?? 0) + (fake.perWindow.has(key) ? 0 : (options.usedByOthers ?? 0)) + 1;
      const reset = String((windowStart + WINDOW) / 1000);
      if (used > options.limit) {
        fake.limitAnswers += 1;
        return [429, { errors: { error: `Maximum number of requests (${options.limit} per 15 minutes) reached.` } }, { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': reset }];
      }
      fake.perWindow.set(key, used);
      fake.times.push(now);
      const id = uri.split('/').pop() ?? '';
      return [200, { client: { id } }, { 'X-Rate-Limit-Remaining': String(options.limit - used), 'X-Rate-Limit-Reset': reset }];
    });
  return fake;
}

describe('Billomat rate budget', () => {
  it('spreads 1,000 calls over 15-minute windows of at most 300 without a single limit answer', async () => {
    const clock = createManualClock(); // 2026-01-05 09:00:00 UTC
    const start = clock.now();
    const fake = fakeBillomat(clock, { limit: 300 });
    const c = connector(clock);
    for (let id = 1; id <= 1000; id += 1) expect(await c.getClient(String(id))).toEqual({ id: String(id) });

    expect([...fake.perWindow]).toEqual([
      ['2026-01-05T09:00:00.000Z', 300],
      ['2026-01-05T09:15:00.000Z', 300],
      ['2026-01-05T09:30:00.000Z', 300],
      ['2026-01-05T09:45:00.000Z', 100],
    ]);
    expect(fake.limitAnswers).toBe(0);
    // The first call of each later window goes exactly at the window's start, not a moment later.
    expect([fake.times[300], fake.times[600], fake.times[900]].map((at) => (at ?? 0) - start)).toEqual([WINDOW, 2 * WINDOW, 3 * WINDOW]);
    expect(clock.now() - start).toBe(3 * WINDOW);
    expect(c.stats()).toEqual({ calls: 1000, callsByKind: { list: 0, get: 1000, create: 0, update: 0, delete: 0, other: 0 }, limitResponses: 0, retries: 0, rateWaitMs: 3 * WINDOW, callsPerWindow: [300, 300, 300, 100], windowMs: WINDOW });
    expect(c.rateBudget()).toEqual({ requests: 300, windowMs: WINDOW });
  }, 60_000);

  it('pauses exactly until the reset of a 429 and then goes on', async () => {
    const clock = createManualClock();
    clock.advance(3 * 60_000 + 12_000); // 09:03:12, another integration has spent the window
    const reset = Date.UTC(2026, 0, 5, 9, 15, 0) / 1000;
    const times: number[] = [];
    nock(ORIGIN)
      .get('/api/clients/1')
      .reply(() => {
        times.push(clock.now());
        return [429, { errors: { error: 'Maximum number of requests (300 per 15 minutes) reached. Try again in 708 seconds.' } }, { 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(reset) }];
      })
      .get('/api/clients/1')
      .reply(() => {
        times.push(clock.now());
        return [200, { client: { id: '1' } }, { 'X-Rate-Limit-Remaining': '299', 'X-Rate-Limit-Reset': String(reset + 900) }];
      });
    const c = connector(clock);
    expect(await c.getClient('1')).toEqual({ id: '1' });
    expect(times.map((at) => new Date(at).toISOString())).toEqual(['2026-01-05T09:03:12.000Z', '2026-01-05T09:15:00.000Z']);
    expect(c.stats()).toMatchObject({ calls: 2, limitResponses: 1, retries: 1, rateWaitMs: 708_000 });
  });

  it('waits the seconds a 429 body names when the reset header is missing', async () => {
    const clock = createManualClock();
    const times: number[] = [];
    nock(ORIGIN)
      .get('/api/clients/1')
      .reply(() => {
        times.push(clock.now());
        return [429, { errors: { error: 'Maximum number of requests (300 per 15 minutes) reached. Try again in 246 seconds.' } }];
      })
      .get('/api/clients/1')
      .reply(() => {
        times.push(clock.now());
        return [200, { client: { id: '1' } }];
      });
    const c = connector(clock);
    await c.getClient('1');
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBe(246_000);
  });

  it('shares the window with other integrations by following X-Rate-Limit-Remaining', async () => {
    const clock = createManualClock();
    const fake = fakeBillomat(clock, { limit: 300, usedByOthers: 290 });
    const c = connector(clock);
    for (let id = 1; id <= 20; id += 1) await c.getClient(String(id));
    expect([...fake.perWindow]).toEqual([
      ['2026-01-05T09:00:00.000Z', 300],
      ['2026-01-05T09:15:00.000Z', 300],
    ]);
    expect(fake.limitAnswers).toBe(0);
  });

  it('raises its budget when the headers show a registered app allowance', async () => {
    const clock = createManualClock();
    const fake = fakeBillomat(clock, { limit: 1000 });
    const c = connector(clock);
    for (let id = 1; id <= 400; id += 1) await c.getClient(String(id));
    expect([...fake.perWindow]).toEqual([['2026-01-05T09:00:00.000Z', 400]]);
    expect(c.rateBudget()).toEqual({ requests: 1000, windowMs: WINDOW });
    expect(c.stats().rateWaitMs).toBe(0);
  }, 30_000);

  it('never lets a credential into a log line or an error', () => {
    expect(watch.lines.length).toBeGreaterThan(20);
    expect(watch.leaks()).toEqual([]);
  });
});
