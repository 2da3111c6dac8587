import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createPlaceholderMatcher } from '../../../src/mapping/placeholders.js';
import { dirtyValuesOf, setDirty } from '../../../src/sandbox/generate/dirty-values.js';
import type { JsonRecord } from '../../../src/sandbox/index.js';
import { API_VENDOR_IDS } from '../../../src/vendors/ids.js';
import { simulated, type SimulatedSide } from '../../helpers/pair.js';

/*
 * Issue 17: a value that came from a vendor is always writable back to it. For every vendor: any record
 * its simulator can hold — seeded, with any of the dirty-but-real values real accounts hold — decodes
 * without a problem and encodes back to the same vendor without a refusal; and the vendor (its
 * simulator, which stores unchecked IBANs, VAT numbers and e-mail addresses as Billomat does) takes it.
 */

const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

const placeholders = createPlaceholderMatcher();

describe.each(API_VENDOR_IDS)('records %s holds, dirty values included', (vendor) => {
  it('decode and encode back to the same vendor with no refusal, and the vendor takes the body', { timeout: 120_000 }, async () => {
    const source = await simulated(vendor, 'source', { clients: 200, seed: 'dirty-round-trip', dirtyShare: 0.5, rateLimit: false });
    const target = await simulated(vendor, 'target', { clients: 0, rateLimit: false });
    started.push(source, target);
    const side = await source.side();
    const records = source.simulator.store.list();
    const dirty = dirtyValuesOf(vendor);

    // Property: any seeded record with any one or two dirty values written into it.
    fc.assert(
      fc.property(fc.nat(records.length - 1), fc.array(fc.constantFrom(...dirty), { minLength: 0, maxLength: 2 }), (index, values) => {
        const raw = structuredClone<JsonRecord>(records[index] ?? {});
        for (const value of values) setDirty(raw, value);
        const decoded = side.mapping.decode(raw, `${vendor}:${String(index)}`, { placeholders });
        expect(decoded.issues).toEqual([]);
        const back = side.mapping.encode(decoded.customer, `${vendor}:${String(index)}`, { mode: 'create' });
        expect(back.issues).toEqual([]);
      }),
      { numRuns: 300, seed: 17 },
    );

    // And the vendor takes every dirty value back: one create per value, through the real connector.
    const writer = await target.side();
    const base = records.find((r) => dirty.every((d) => !d.path.includes('.') || typeof r[d.path.split('.')[0] ?? ''] === 'object')) ?? records[0] ?? {};
    let created = 0;
    for (const value of dirty) {
      const raw = structuredClone<JsonRecord>(base);
      setDirty(raw, value);
      const decoded = side.mapping.decode(raw, `${vendor}:dirty`, { placeholders });
      const body = writer.mapping.encode(decoded.customer, `${vendor}:dirty`, { mode: 'create' });
      expect(body.issues).toEqual([]);
      await writer.connector.createClient(body.body);
      created += 1;
    }
    expect(target.simulator.store.count()).toBe(created);
    expect(created).toBe(dirty.length);
  });
});
