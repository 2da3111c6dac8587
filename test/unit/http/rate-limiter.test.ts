import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/clock.js';
import { createRateLimiter } from '../../../src/http/rate-limiter.js';
import { silentLogger } from '../../../src/logging/logger.js';

const WINDOW = 60_000;

function setup(options: { requests: number; concurrency?: number; maxWaitMs?: number }) {
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const limiter = createRateLimiter({
    budget: { requests: options.requests, windowMs: WINDOW },
    fixedBudget: true,
    concurrency: options.concurrency ?? 2,
    clock,
    logger: silentLogger,
    maxWaitMs: options.maxWaitMs ?? 10 * WINDOW,
  });
  return { clock, limiter };
}

describe('createRateLimiter', () => {
  it('runs at most `concurrency` tasks at once', async () => {
    const { limiter } = setup({ requests: 100, concurrency: 2 });
    let running = 0;
    let most = 0;
    const task = async (): Promise<void> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, () => limiter.schedule(task)));
    expect(most).toBe(2);
  });

  it('advances a manual clock once for waiters of the same window, not once per waiter', async () => {
    const { clock, limiter } = setup({ requests: 2, concurrency: 4 });
    const start = clock.now();
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limiter.schedule(async () => {
          await limiter.acquire();
          sentAt.push(clock.now() - start);
        }),
      ),
    );
    expect(sentAt).toEqual([0, 0, WINDOW, WINDOW, 2 * WINDOW, 2 * WINDOW]);
  });

  it('reports the time each request waited', async () => {
    const { limiter } = setup({ requests: 1 });
    expect((await limiter.acquire()).waitedMs).toBe(0);
    expect((await limiter.acquire()).waitedMs).toBe(WINDOW);
  });

  it('refuses a wait longer than the connection accepts', async () => {
    const { limiter } = setup({ requests: 10, maxWaitMs: WINDOW });
    limiter.limited((await limiter.acquire()).ticket, Date.UTC(2026, 0, 5, 12, 0, 0));
    await expect(limiter.acquire()).rejects.toMatchObject({ name: 'RateWaitTooLongError', waitMs: 3 * 3_600_000 });
  });

  it('stops waiting when the signal aborts', async () => {
    const { limiter } = setup({ requests: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('stopped');
  });
  it('sends a request that would arrive after the window ends at the start of the next one', async () => {
    const { clock, limiter } = setup({ requests: 10 });
    const start = clock.now();
    const { ticket } = await limiter.acquire();
    // The answer came 3 s after the slot was taken …
    clock.advance(3_000);
    limiter.observe(ticket, {});
    // … so with 2 s left in the window the next request would likely be counted in the next one.
    clock.advance(WINDOW - 5_000);
    const late = await limiter.acquire();
    expect(late.waitedMs).toBe(2_000);
    expect(late.ticket.windowEnd).toBe(start + 2 * WINDOW);
    expect(late.ticket.sentInWindow).toBe(1);
  });
});
