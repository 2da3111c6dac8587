import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../../src/canonical/customer.js';
import { lossinessBetween } from '../../../src/mapping/lossiness.js';
import { runPair } from '../../../src/sync/index.js';
import type { SyncSide } from '../../../src/sync/types.js';
import { API_VENDOR_IDS, type ApiVendorId } from '../../../src/vendors/ids.js';
import { pairSettings, simulated, tempStore, type SimulatedSide } from '../../helpers/pair.js';
import { valueAt } from '../../helpers/records.js';
import { newCsvPath, spreadsheetSide } from '../../helpers/spreadsheet.js';

const N = 300;

/** Every client of a side, contacts included, decoded, by native id. */
async function decodedWithContacts(side: SyncSide): Promise<Map<string, Customer>> {
  const out = new Map<string, Customer>();
  for await (const raw of side.connector.listClients({ includeContacts: true })) out.set(side.mapping.nativeIdOf(raw) ?? '', side.mapping.decode(raw).customer);
  return out;
}

/*
 * A full export of a platform to a CSV file, and that file migrated into a fresh account of the
 * same platform, gives the same clients, field by field, for every field the lossiness matrix says
 * survives both ways.
 */
describe.each(API_VENDOR_IDS)('an export of %s to a CSV file and back into a fresh account', (vendor: ApiVendorId) => {
  const started: SimulatedSide[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.simulator.close()));
  });

  it('gives the same clients field by field for every field that survives both ways; exporting again rewrites nothing', { timeout: 540_000 }, async () => {
    const original = await simulated(vendor, 'original', { clients: N, seed: 5, rateLimit: false });
    const fresh = await simulated(vendor, 'fresh', { clients: 0, rateLimit: false });
    started.push(original, fresh);
    const file = newCsvPath();
    const exportStore = tempStore().store;
    const importStore = tempStore().store;
    const exportPair = pairSettings({ name: `${vendor}-csv`, contacts: true });
    // Markers at once, so that every client carries its external id (the original's) when compared.
    const importPair = pairSettings({ name: `csv-${vendor}`, contacts: true, markers: 'immediate' });

    const originalSide = await original.side();
    const exported = await runPair({ pair: exportPair, from: originalSide, to: await spreadsheetSide('export', file), store: exportStore, command: 'migrate' });
    expect(exported.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(exported.actions.filter((a) => a.kind === 'invalid')).toEqual([]);
    const exportedCount = exported.outcomes.filter((o) => o.status === 'created').length;
    expect(exportedCount).toBe(N);

    // Exporting again finds every row as written: the file is read, never rewritten.
    const bytes = readFileSync(file);
    const again = await runPair({ pair: exportPair, from: await original.side(), to: await spreadsheetSide('export', file), store: exportStore, command: 'migrate' });
    expect(again.calls.export).toMatchObject({ callsByKind: { create: 0, update: 0, delete: 0 } });
    expect(readFileSync(file).equals(bytes)).toBe(true);

    const csvSide = await spreadsheetSide('export', file);
    const freshSide = await fresh.side();
    const imported = await runPair({ pair: importPair, from: csvSide, to: freshSide, store: importStore, command: 'migrate' });
    expect(imported.unreadable).toEqual([]);
    expect(imported.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(imported.outcomes.filter((o) => o.status === 'created').length).toBe(N);
    // Importing again writes nothing.
    fresh.simulator.log.clear();
    const second = await runPair({ pair: importPair, from: await spreadsheetSide('export', file), to: await fresh.side(), store: importStore, command: 'migrate' });
    expect(second.plan.counts).toMatchObject({ create: 0, update: 0, marker: 0, skip: N });
    expect(fresh.simulator.log.entries.filter((e) => e.method !== 'GET')).toEqual([]);

    const toCsv = lossinessBetween(originalSide.mapping, csvSide.mapping);
    const fromCsv = lossinessBetween(csvSide.mapping, freshSide.mapping);
    const survivesBack = new Set(fromCsv.entries.filter((e) => e.fate === 'survives').map((e) => e.path));
    const survivors = toCsv.entries.filter((e) => e.fate === 'survives' && survivesBack.has(e.path)).map((e) => e.path);
    expect(survivors.length).toBeGreaterThan(20);

    const before = await decodedWithContacts(await original.side());
    const after = await decodedWithContacts(await fresh.side());
    const originalIdOf = new Map(exportStore.links('original').map((link) => [link.externalId, link.nativeId]));
    let compared = 0;
    let reportedDropped = 0;
    let records = 0;
    for (const link of importStore.links('fresh')) {
      const was = before.get(originalIdOf.get(link.externalId) ?? '');
      const now = after.get(link.nativeId);
      if (was === undefined || now === undefined) throw new Error(`${link.externalId} is not in both accounts`);
      records += 1;
      // A dropped issue names one field (`contacts[1].phone (fresh)`): it excuses that field's
      // path, in any item of a list, and no other field of the same list.
      const dropped = new Set(
        [...(exported.outcomes.find((o) => o.externalId === link.externalId)?.dropped ?? []), ...(imported.outcomes.find((o) => o.externalId === link.externalId)?.dropped ?? [])].map((d) => (d.field.split(' ')[0] ?? '').replace(/\[\d+\]/g, '[]')),
      );
      for (const path of survivors) {
        // Read-only facts are the fresh account's own (its creation time, no documents yet).
        if (path.startsWith('facts.')) continue;
        if (dropped.has(path)) {
          reportedDropped += 1;
          continue;
        }
        // A client without an external id of its own is known by its derived one (ef-1001) from then on.
        const expected = path === 'externalClientId' ? (was.externalClientId ?? link.externalId) : valueAt(was, path);
        expect(valueAt(now, path), `${link.externalId} ${path}`).toEqual(expected);
        compared += 1;
      }
    }
    expect(records).toBe(N);
    // Every surviving value is equal, or the run reported that very field dropped for that record
    // (a value one hop could not hold): none is lost without a word. With this seed none is: the
    // 60 custom values whose label EF cannot hold keep their name and value, and are compared.
    expect(compared + reportedDropped).toBe(N * survivors.filter((p) => !p.startsWith('facts.')).length);
    expect(reportedDropped, `${String(reportedDropped)} of ${String(compared + reportedDropped)} values reported dropped`).toBe(0);
    exportStore.close();
    importStore.close();
  });
});
