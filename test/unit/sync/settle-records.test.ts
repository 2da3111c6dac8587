import { describe, expect, it } from 'vitest';
import { loadMapping } from '../../../src/mapping/index.js';
import type { Snapshot } from '../../../src/store/types.js';
import { fieldKeys, fieldSetBetween, fingerprint, project } from '../../../src/sync/fields.js';
import { createRawSpill } from '../../../src/sync/raw-spill.js';
import { settleIfUnchanged } from '../../../src/sync/settle-records.js';
import { toSideRecord } from '../../../src/sync/side-records.js';
import type { SyncSide } from '../../../src/sync/types.js';

/** An invented FactuurSturen client, as the connector lists one. */
const RAW = {
  clientnr: '7', contact: 'Anna de Vries', showcontact: 'true', company: 'Bakkerij Voorbeeld', address: 'Dorpsstraat 1', zipcode: '1234 AB', city: 'Utrecht',
  phone: '030 1234567', email: 'info@voorbeeld.nl', active: 'true', currency: 'EUR', top: '14', timestamp: '2020-01-02 10:00:00',
};

async function setup(): Promise<{ side: SyncSide; decodes: () => number; tracked: ReturnType<typeof fieldSetBetween> }> {
  const mapping = await loadMapping('factuursturen');
  let count = 0;
  const counted = { ...mapping, decode: (...args: Parameters<typeof mapping.decode>) => ((count += 1), mapping.decode(...args)) };
  const billomat = await loadMapping('billomat');
  const tracked = fieldSetBetween(mapping, billomat, { contacts: false, customValues: true, exclude: [], updatesOnly: true });
  return { side: { name: 'fs', mapping: counted, connector: {} as SyncSide['connector'] }, decodes: () => count, tracked };
}

function snapshotOf(values: Record<string, unknown>, fields: readonly string[]): Snapshot {
  return { pair: 'p', connection: 'fs', externalId: 'fs-7', record: { values, fields }, fingerprint: fingerprint(values), syncedAt: 0 };
}

describe('what a run keeps of a record it read', () => {
  it('lets go of the decoded customer of a linked record that reads as its snapshot, and decodes it again only when asked', async () => {
    const { side, decodes, tracked } = await setup();
    const record = toSideRecord(side, RAW, new Map([['7', 'fs-7']]));
    if (record?.customer === undefined) throw new Error('the record did not decode');
    const values = project(record.customer, tracked);
    const input = { side, tracked, trackedKeys: fieldKeys(tracked), snapshots: new Map([['fs-7', snapshotOf(values, fieldKeys(tracked))]]), linked: (id: string) => id === 'fs-7' };
    expect(decodes()).toBe(1);
    const kept = settleIfUnchanged(input, record);
    expect(kept.settled).toEqual({ fingerprint: fingerprint(values), hasCustomValues: false, customValues: undefined });
    // No customer is held: it is a getter that decodes the raw record again.
    expect(Object.getOwnPropertyDescriptor(kept, 'customer')?.value).toBeUndefined();
    expect(decodes()).toBe(1);
    expect(kept.customer).toEqual(record.customer);
    expect(decodes()).toBe(2);
    expect([kept.externalId, kept.label, kept.name, kept.raw]).toEqual([record.externalId, record.label, record.name, RAW]);
  });

  it('puts the raw record of a settled record out of memory when given a spill, and reads it back when asked', async () => {
    const { side, decodes, tracked } = await setup();
    const record = toSideRecord(side, RAW, new Map([['7', 'fs-7']]));
    if (record?.customer === undefined) throw new Error('the record did not decode');
    const values = project(record.customer, tracked);
    const spill = createRawSpill();
    let reads = 0;
    const counting = { ...spill, get: (key: number) => ((reads += 1), spill.get(key)) };
    try {
      const kept = settleIfUnchanged({ side, tracked, trackedKeys: fieldKeys(tracked), snapshots: new Map([['fs-7', snapshotOf(values, fieldKeys(tracked))]]), linked: () => true, spill: counting }, record);
      expect(kept.settled?.fingerprint).toBe(fingerprint(values));
      expect(Object.getOwnPropertyDescriptor(kept, 'raw')?.value).toBeUndefined();
      expect(reads).toBe(0);
      const raw = kept.raw;
      expect(raw).toEqual(RAW);
      expect(raw).not.toBe(RAW);
      expect(kept.customer).toEqual(record.customer);
      expect([reads, decodes()]).toEqual([2, 2]);
    } finally {
      spill.close();
    }
  });

  it('keeps a record whole when it changed since its snapshot, has none, or is not linked', async () => {
    const { side, tracked } = await setup();
    const record = toSideRecord(side, RAW, new Map([['7', 'fs-7']]));
    if (record?.customer === undefined) throw new Error('the record did not decode');
    const values = project(record.customer, tracked);
    const base = { side, tracked, trackedKeys: fieldKeys(tracked), linked: (id: string) => id === 'fs-7' };
    const changed = settleIfUnchanged({ ...base, snapshots: new Map([['fs-7', snapshotOf({ ...values, 'billingAddress.city': 'Zwolle' }, fieldKeys(tracked))]]) }, record);
    const none = settleIfUnchanged({ ...base, snapshots: new Map() }, record);
    const unlinked = settleIfUnchanged({ ...base, linked: () => false, snapshots: new Map([['fs-7', snapshotOf(values, fieldKeys(tracked))]]) }, record);
    const otherFields = settleIfUnchanged({ ...base, snapshots: new Map([['fs-7', snapshotOf(values, ['name'])]]) }, record);
    for (const kept of [changed, none, unlinked, otherFields]) {
      expect(kept).toBe(record);
      expect(kept.settled).toBeUndefined();
    }
  });
});
