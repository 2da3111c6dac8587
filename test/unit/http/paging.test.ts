import { describe, expect, it } from 'vitest';
import { pageByNumber, pageByOffset } from '../../../src/http/paging.js';

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** A server holding `total` records that returns at most `cap` per call. */
function offsetServer(total: number, cap = Number.POSITIVE_INFINITY) {
  const calls: [number, number][] = [];
  const fetch = (offset: number, limit: number): Promise<number[]> => {
    calls.push([offset, limit]);
    const size = Math.max(0, Math.min(limit, cap, total - offset));
    return Promise.resolve(Array.from({ length: size }, (_, i) => offset + i));
  };
  return { calls, fetch };
}

describe('pageByOffset', () => {
  it.each([
    [0, 1],
    [30, 2],
    [100, 2],
    [137, 2],
    [250, 3],
    [1000, 11],
  ])('reads %i records in %i calls (⌊N/100⌋ + 1, a short first page adds one)', async (total, calls) => {
    const server = offsetServer(total);
    expect(await drain(pageByOffset(100, server.fetch))).toHaveLength(total);
    expect(server.calls).toHaveLength(calls);
  });

  it('survives a server that silently returns fewer than asked', async () => {
    const server = offsetServer(120, 50);
    expect(await drain(pageByOffset(100, server.fetch))).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(server.calls).toEqual([[0, 100], [50, 100], [100, 100]]);
  });

  it('fetches the next page only when the caller gets there', async () => {
    const server = offsetServer(300);
    for await (const item of pageByOffset(100, server.fetch)) if (item === 5) break;
    expect(server.calls).toHaveLength(1);
  });
});

describe('pageByNumber', () => {
  it('stops once the announced total is read', async () => {
    const pages: number[] = [];
    const items = await drain(pageByNumber(1000, (page) => {
      pages.push(page);
      return Promise.resolve({ items: Array.from({ length: page < 3 ? 1000 : 500 }, () => page), total: 2500 });
    }));
    expect(items).toHaveLength(2500);
    expect(pages).toEqual([1, 2, 3]);
  });

  it('stops at a short page when no total is given, and at an empty page always', async () => {
    const short = await drain(pageByNumber(10, () => Promise.resolve({ items: [1, 2, 3] })));
    expect(short).toEqual([1, 2, 3]);
    const empty = await drain(pageByNumber(10, () => Promise.resolve({ items: [], total: 50 })));
    expect(empty).toEqual([]);
  });
});
