import { afterAll, describe, expect, it, vi } from 'vitest';
import { runPair } from '../../../src/sync/index.js';
import type { SyncSide } from '../../../src/sync/types.js';
import { pairSettings, simulated, tempStore, type SimulatedSide } from '../../helpers/pair.js';
import { newCsvPath, spreadsheetSide, writeGeneratedCsv } from '../../helpers/spreadsheet.js';

// Every rewrite of a spreadsheet file ends with a rename of its temporary file over the file.
const renames = vi.hoisted(() => ({ into: [] as string[] }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      renames.into.push(to);
      await actual.rename(from, to);
    },
  };
});

/** `side` with its creates counted while they are in flight. */
function countingCreates(side: SyncSide): { side: SyncSide; mostInFlight: () => number } {
  let inFlight = 0;
  let most = 0;
  const { connector } = side;
  return {
    side: {
      ...side,
      connector: {
        ...connector,
        async createClient(body, options) {
          inFlight += 1;
          most = Math.max(most, inFlight);
          try {
            return await connector.createClient(body, options);
          } finally {
            inFlight -= 1;
          }
        },
      },
    },
    mostInFlight: () => most,
  };
}

const N = 1000;

/*
 * A file takes writes in batches, one rewrite each: a run hands a spreadsheet connection up to 256
 * writes at once, so exporting N clients rewrites the file about N / 256 times, not N / 4. A run
 * writing to a platform keeps 4 writes in flight.
 */
describe('exporting a platform into a CSV file', () => {
  const started: SimulatedSide[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.simulator.close()));
  });

  it(`rewrites the file once per 256 clients when exporting ${String(N)}`, { timeout: 300_000 }, async () => {
    const platform = await simulated('factuursturen', 'fs', { clients: N, seed: 5, rateLimit: false });
    started.push(platform);
    const file = newCsvPath();
    const { store } = tempStore();
    const sheet = countingCreates(await spreadsheetSide('export', file));
    renames.into.length = 0;

    const result = await runPair({ pair: pairSettings({ name: 'fs-export' }), from: await platform.side(), to: sheet.side, store, command: 'migrate' });

    expect(result.outcomes.filter((o) => o.status === 'created').length).toBe(N);
    const rewrites = renames.into.filter((to) => to === file).length;
    expect(rewrites).toBeGreaterThanOrEqual(Math.ceil(N / 256));
    expect(rewrites).toBeLessThanOrEqual(Math.ceil(N / 256) + 2);
    expect(sheet.mostInFlight()).toBe(256);
    // Every client is a row of its own, with an id of its own.
    const ids: string[] = [];
    for await (const row of (await spreadsheetSide('export', file)).connector.listClients()) ids.push(String(row.id));
    expect(new Set(ids).size).toBe(N);
    expect(store.links('export').length).toBe(N);
    store.close();
  });

  it('keeps 4 writes in flight when the run writes to a platform', { timeout: 300_000 }, async () => {
    const csv = writeGeneratedCsv(300, { encoding: 'utf-8', delimiter: ',', seed: 9 });
    const platform = await simulated('factuursturen', 'fs', { clients: 0, rateLimit: false });
    started.push(platform);
    const { store } = tempStore();
    const target = countingCreates(await platform.side());

    const result = await runPair({ pair: pairSettings({ name: 'csv-fs' }), from: await spreadsheetSide('source', csv.file), to: target.side, store, command: 'migrate' });

    expect(result.outcomes.filter((o) => o.status === 'created').length).toBeGreaterThan(200);
    expect(target.mostInFlight()).toBe(4);
    store.close();
  });
});
