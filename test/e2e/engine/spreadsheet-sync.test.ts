import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runPair } from '../../../src/sync/index.js';
import { pairSettings, simulated, tempStore, writesIn, type SimulatedSide } from '../../helpers/pair.js';
import { newCsvPath, spreadsheetSide } from '../../helpers/spreadsheet.js';

const N = 40;

/*
 * A two-way sync between a platform and a spreadsheet: a row's id column is its native id, so an
 * edit of a cell reaches the platform, an edit on the platform reaches that row, and nothing else
 * in the file moves.
 */
describe('a two-way sync between FactuurSturen and a CSV file', () => {
  const started: SimulatedSide[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.simulator.close()));
  });

  it('carries an edited cell to the platform and a platform edit to its row, rewriting the file once', { timeout: 300_000 }, async () => {
    const platform = await simulated('factuursturen', 'fs', { clients: N, seed: 3, rateLimit: false });
    started.push(platform);
    const file = newCsvPath();
    const { store } = tempStore();
    const pair = pairSettings({ name: 'fs-sheet', mode: 'two-way' });

    const first = await runPair({ pair, from: await platform.side(), to: await spreadsheetSide('sheet', file), store, command: 'sync' });
    expect(first.outcomes.filter((o) => o.status === 'created').length).toBe(N);
    const rowOf = new Map(store.links('sheet').map((link) => [link.externalId, link.nativeId]));
    const clientOf = new Map(store.links('fs').map((link) => [link.externalId, link.nativeId]));
    const [edited, other] = [...rowOf.keys()];
    if (edited === undefined || other === undefined) throw new Error('too few links');

    // A user changes a city in the file; someone changes a city on the platform.
    const userSheet = await spreadsheetSide('sheet', file);
    await userSheet.connector.updateClient(rowOf.get(edited) ?? '', { city: 'Nieuwstad' });
    const fsSide = await platform.side();
    await fsSide.connector.updateClient(clientOf.get(other) ?? '', { city: 'Oudedorp' });
    const before = readFileSync(file, 'utf8').split('\r\n');

    platform.simulator.log.clear();
    const sheetSide = await spreadsheetSide('sheet', file);
    const second = await runPair({ pair, from: await platform.side(), to: sheetSide, store, command: 'sync' });
    expect(second.outcomes.filter((o) => o.status === 'updated').map((o) => o.externalId).sort()).toEqual([edited, other].sort());
    expect(writesIn(platform.simulator)).toBe(1);
    expect(sheetSide.connector.stats().callsByKind).toMatchObject({ create: 0, update: 1 });

    const fsNow = await (await platform.side()).connector.getClient(clientOf.get(edited) ?? '');
    expect(fsNow?.city).toBe('Nieuwstad');
    const sheetNow = await (await spreadsheetSide('sheet', file)).connector.getClient(rowOf.get(other) ?? '');
    expect(sheetNow?.city).toBe('Oudedorp');
    // Every other line of the file is as it was; the row ids did not move.
    const after = readFileSync(file, 'utf8').split('\r\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i]).length).toBe(1);
    expect(store.links('sheet').map((link) => link.nativeId).sort()).toEqual([...rowOf.values()].sort());
    store.close();
  });
});
