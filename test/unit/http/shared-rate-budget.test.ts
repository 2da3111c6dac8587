import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../../src/clock.js';
import { createPostgresRateBudget } from '../../../src/http/postgres-rate-budget.js';
import { createRateLimiter, type Acquired, type RateLimiter } from '../../../src/http/rate-limiter.js';
import { rateBudgetKey, type SharedRateBudget } from '../../../src/http/shared-budget.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { freshDatabase } from '../../helpers/postgres.js';

/*
 * The shared rate budget against a real PostgreSQL server: two budgets opened on one database stand
 * for two processes. Time is a clock whose sleepers wake only when the test moves it, so "five now,
 * five after the window's end" is counted, not timed.
 */

const WINDOW = 900_000;
// How long a test waits for the limiters to reach a state (each step is a PostgreSQL round trip; a
// loaded machine makes them slow, never different).
const WAIT = { timeout: 15_000, interval: 20 };
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const SECOND_WINDOW = START + WINDOW;

interface GatedClock extends Clock {
  /** Moves time to `time` and wakes every sleeper whose time has come. */
  advanceTo(time: number): void;
  readonly sleepers: number;
}

function createGatedClock(start: number): GatedClock {
  let now = start;
  const sleepers = new Set<{ until: number; wake: () => void }>();
  return {
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
      return new Promise<void>((resolve, reject) => {
        const sleeper = { until: now + ms, wake: resolve };
        sleepers.add(sleeper);
        signal?.addEventListener('abort', () => {
          sleepers.delete(sleeper);
          reject(signal.reason as Error);
        }, { once: true });
      });
    },
    advanceTo(time) {
      now = time;
      for (const sleeper of [...sleepers]) {
        if (sleeper.until > now) continue;
        sleepers.delete(sleeper);
        sleeper.wake();
      }
    },
    get sleepers() {
      return sleepers.size;
    },
  };
}

let url: string;
const budgets: SharedRateBudget[] = [];
beforeAll(async () => {
  url = await freshDatabase('rate_budget');
});
afterAll(async () => {
  await Promise.all(budgets.map((budget) => budget.close()));
});

/** A budget of its own pool, as another process would have. */
function openBudget(): SharedRateBudget {
  const budget = createPostgresRateBudget({ url });
  budgets.push(budget);
  return budget;
}

function limiterOn(budget: SharedRateBudget, key: string, clock: Clock, options: { requests?: number; maxWaitMs?: number } = {}): RateLimiter {
  return createRateLimiter({
    budget: { requests: options.requests ?? 5, windowMs: WINDOW },
    fixedBudget: true,
    concurrency: 10,
    clock,
    logger: silentLogger,
    maxWaitMs: options.maxWaitMs ?? 10 * WINDOW,
    shared: { budget, key },
  });
}

async function rows(key: string): Promise<{ window_start: string; requests: number; used: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ window_start: string; requests: number; used: number }>(
      'SELECT window_start, requests, used FROM client_sync_rate_budget WHERE budget_key = $1 ORDER BY window_start',
      [key],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

async function allRows(): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>('SELECT * FROM client_sync_rate_budget')).rows;
  } finally {
    await client.end();
  }
}

const efKey = (apiKey: string): string => rateBudgetKey({ vendor: 'eenvoudigfactureren', baseUrl: 'https://eenvoudigfactureren.be/api/v1', credentials: { kind: 'apiKey', apiKey } });

describe('a rate budget shared in PostgreSQL', () => {
  it('creates its table once when eight processes take their first request on an empty database at the same instant', async () => {
    // Without the setup lock the losers of the catalogue race failed with 23505, 42P07 or 42710.
    const empty = await freshDatabase('rate_budget_setup');
    const opened = Array.from({ length: 8 }, () => createPostgresRateBudget({ url: empty }));
    try {
      const window = { key: efKey('setup-race-5c2a'), windowMs: WINDOW, windowStart: START, requests: 100 };
      const uses = await Promise.all(opened.map((budget) => budget.take(window)));
      expect(uses.map((use) => use?.used).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    } finally {
      await Promise.all(opened.map((budget) => budget.close()));
    }
  });

  it('lets ten concurrent requests of two connections on one credential through five now and five after the window ends', async () => {
    const clock = createGatedClock(START);
    const key = efKey('shared-ten-9d1e');
    const a = limiterOn(openBudget(), key, clock);
    const b = limiterOn(openBudget(), key, clock);
    const done: Acquired[] = [];
    const doneBy = [0, 0];
    const all = [a, b].flatMap((limiter, index) => Array.from({ length: 5 }, () => limiter.acquire().then((acquired) => {
      done.push(acquired);
      doneBy[index] = (doneBy[index] ?? 0) + 1;
    })));

    // Each connection alone could send five in this window; together they wait once the window holds
    // five. Which connection got how many depends on who asked first (on a busy machine one may get
    // all five): each connection with requests left has exactly one waiting (a limiter waits in turn).
    await vi.waitFor(() => {
      expect(done).toHaveLength(5);
      expect(clock.sleepers).toBe(doneBy.filter((n) => n < 5).length);
    }, WAIT);
    expect(await rows(key)).toEqual([{ window_start: String(START), requests: 5, used: 5 }]);

    clock.advanceTo(SECOND_WINDOW);
    await Promise.all(all);
    expect(done).toHaveLength(10);
    expect(done.map((acquired) => acquired.ticket.windowEnd)).toEqual([...Array<number>(5).fill(SECOND_WINDOW), ...Array<number>(5).fill(SECOND_WINDOW + WINDOW)]);
    expect(await rows(key)).toEqual([
      { window_start: String(START), requests: 5, used: 5 },
      { window_start: String(SECOND_WINDOW), requests: 5, used: 5 },
    ]);
  });

  it('does not share between different credentials', async () => {
    const clock = createGatedClock(START);
    const one = efKey('one-credential-41aa');
    const other = efKey('other-credential-77bc');
    const budget = openBudget();
    const a = limiterOn(budget, one, clock);
    const b = limiterOn(budget, other, clock);
    await Promise.all([a, b].flatMap((limiter) => Array.from({ length: 5 }, () => limiter.acquire())));
    expect(clock.sleepers).toBe(0);
    expect(await rows(one)).toEqual([{ window_start: String(START), requests: 5, used: 5 }]);
    expect(await rows(other)).toEqual([{ window_start: String(START), requests: 5, used: 5 }]);
  });

  it('makes a request wait for the end of a shared window another process filled, and no longer', async () => {
    const clock = createGatedClock(START + 60_000);
    const key = efKey('full-window-3c0f');
    const other = limiterOn(openBudget(), key, clock);
    for (let i = 0; i < 5; i++) await other.acquire();
    const mine = limiterOn(openBudget(), key, clock);

    let acquired: Acquired | undefined;
    const waiting = mine.acquire().then((result) => (acquired = result));
    await vi.waitFor(() => expect(clock.sleepers).toBe(1), WAIT);
    clock.advanceTo(SECOND_WINDOW - 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(acquired).toBeUndefined();
    clock.advanceTo(SECOND_WINDOW);
    await waiting;
    expect(acquired?.waitedMs).toBe(WINDOW - 60_000);
    expect(await rows(key)).toEqual([
      { window_start: String(START), requests: 5, used: 5 },
      { window_start: String(SECOND_WINDOW), requests: 5, used: 1 },
    ]);
  });

  it('stops waiting for a full shared window when the signal aborts, taking nothing', async () => {
    const clock = createGatedClock(START);
    const key = efKey('abort-5e2d');
    const other = limiterOn(openBudget(), key, clock);
    for (let i = 0; i < 5; i++) await other.acquire();
    const controller = new AbortController();
    const waiting = limiterOn(openBudget(), key, clock).acquire(controller.signal);
    await vi.waitFor(() => expect(clock.sleepers).toBe(1), WAIT);
    controller.abort(new Error('stopped by the user'));
    await expect(waiting).rejects.toThrow('stopped by the user');
    expect(clock.sleepers).toBe(0);
    expect(await rows(key)).toEqual([{ window_start: String(START), requests: 5, used: 5 }]);
  });

  it('refuses a wait for the shared window longer than the connection accepts', async () => {
    const clock = createGatedClock(START);
    const key = efKey('too-long-0b7e');
    const other = limiterOn(openBudget(), key, clock);
    for (let i = 0; i < 5; i++) await other.acquire();
    await expect(limiterOn(openBudget(), key, clock, { maxWaitMs: WINDOW / 2 }).acquire()).rejects.toMatchObject({ name: 'RateWaitTooLongError', waitMs: WINDOW });
  });

  it('keeps a window to the smaller budget when two connections of one credential disagree', async () => {
    const clock = createGatedClock(START);
    const key = efKey('disagree-61f4');
    const large = limiterOn(openBudget(), key, clock, { requests: 5 });
    const small = limiterOn(openBudget(), key, clock, { requests: 3 });
    await large.acquire();
    await small.acquire();
    await large.acquire();
    let sent = 3;
    const more = large.acquire().then(() => (sent += 1));
    await vi.waitFor(() => expect(clock.sleepers).toBe(1), WAIT);
    expect(sent).toBe(3);
    expect(await rows(key)).toEqual([{ window_start: String(START), requests: 3, used: 3 }]);
    clock.advanceTo(SECOND_WINDOW);
    await more;
  });

  it('holds every process back until the reset after one of them got a limit answer', async () => {
    const clock = createGatedClock(START);
    const key = efKey('limited-2a9b');
    const first = limiterOn(openBudget(), key, clock);
    const { ticket } = await first.acquire();
    first.limited(ticket, SECOND_WINDOW);
    await vi.waitFor(async () => expect(await rows(key)).toEqual([{ window_start: String(START), requests: 5, used: 5 }]), WAIT);

    let acquired: Acquired | undefined;
    const waiting = limiterOn(openBudget(), key, clock).acquire().then((result) => (acquired = result));
    await vi.waitFor(() => expect(clock.sleepers).toBeGreaterThanOrEqual(1), WAIT);
    expect(acquired).toBeUndefined();
    clock.advanceTo(SECOND_WINDOW);
    await waiting;
    expect(acquired?.waitedMs).toBe(WINDOW);
  });

  it('counts a request the vendor counted in the next window in that window too', async () => {
    const clock = createGatedClock(SECOND_WINDOW - 1_000);
    const key = efKey('straggler-8c3e');
    const limiter = limiterOn(openBudget(), key, clock);
    const { ticket } = await limiter.acquire();
    clock.advanceTo(SECOND_WINDOW + 2_000);
    // Billomat's reset header names the end of the window that counted the request.
    limiter.observe(ticket, { remaining: 299, resetAt: SECOND_WINDOW + WINDOW });
    await vi.waitFor(async () =>
      expect(await rows(key)).toEqual([
        { window_start: String(START), requests: 5, used: 1 },
        { window_start: String(SECOND_WINDOW), requests: 5, used: 1 },
      ]),
      WAIT,
    );
  });

  it('sends a request that would arrive after the window ends at the start of the next one', async () => {
    const clock = createGatedClock(START);
    const key = efKey('late-in-window-4f1a');
    const limiter = limiterOn(openBudget(), key, clock);
    const { ticket } = await limiter.acquire();
    // The answer came 10 s after the slot was taken …
    clock.advanceTo(START + 10_000);
    limiter.observe(ticket, {});
    // … so with 5 s left in the window the next request would likely arrive in the next one.
    clock.advanceTo(SECOND_WINDOW - 5_000);
    let acquired: Acquired | undefined;
    const waiting = limiter.acquire().then((result) => (acquired = result));
    await vi.waitFor(() => expect(clock.sleepers).toBe(1), WAIT);
    expect(acquired).toBeUndefined();
    clock.advanceTo(SECOND_WINDOW);
    await waiting;
    expect(acquired?.waitedMs).toBe(5_000);
    expect(acquired?.ticket.windowEnd).toBe(SECOND_WINDOW + WINDOW);
    expect(await rows(key)).toEqual([
      { window_start: String(START), requests: 5, used: 1 },
      { window_start: String(SECOND_WINDOW), requests: 5, used: 1 },
    ]);
  });

  it('keys a budget by vendor account without holding any credential', async () => {
    const apiKey = 'bm-secret-never-stored-c81f06ab';
    const otherKey = 'bm-secret-second-user-0d2c41';
    const account = (key: string, baseUrl = 'https://acme.billomat.net/api'): string => rateBudgetKey({ vendor: 'billomat', baseUrl, credentials: { kind: 'billomat', apiKey: key } });
    // Billomat counts per account (VENDORS.md §3.4): two users' keys of one account share its budget.
    expect(account(apiKey)).toBe(account(otherKey));
    expect(account(apiKey)).not.toBe(account(apiKey, 'https://other.billomat.net/api'));
    expect(account(apiKey)).toMatch(/^billomat\/[0-9a-f]{32}$/);
    expect(rateBudgetKey({ vendor: 'billomat', baseUrl: 'https://acme.billomat.net/api', credentials: { kind: 'billomat', apiKey }, group: 'billomat-acme' })).toBe('billomat/group/billomat-acme');
    const efSecret = 'ef-secret-never-stored-7f3a9c21';
    const fsSecret = 'fs-secret-never-stored-5be0d4e8';
    const fsKey = rateBudgetKey({ vendor: 'factuursturen', baseUrl: 'https://www.factuursturen.nl/api/v1', credentials: { kind: 'basic', username: 'fs-user', password: fsSecret } });

    const clock = createGatedClock(START);
    const budget = openBudget();
    for (const key of [account(apiKey), efKey(efSecret), fsKey]) await limiterOn(budget, key, clock).acquire();
    const stored = JSON.stringify(await allRows());
    for (const secret of [apiKey, efSecret, fsSecret]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(secret.slice(0, 12));
    }
    expect(stored).toContain(account(apiKey));
  });
});
