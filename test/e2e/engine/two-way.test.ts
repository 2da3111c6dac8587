import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../../src/store/index.js';
import { runPair } from '../../../src/sync/index.js';
import type { ConflictPolicy, RunResult, SyncSide } from '../../../src/sync/types.js';
import { pairSettings, simulated, tempStore, writesIn, type SimulatedSide } from '../../helpers/pair.js';

const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

let ef: SimulatedSide;
let bm: SimulatedSide;
let store: StateStore;

async function sync(conflict: ConflictPolicy = 'manual', on: StateStore = store): Promise<RunResult> {
  return runPair({ pair: pairSettings({ name: 'ef-bm', mode: 'two-way', conflict }), from: await ef.side(), to: await bm.side(), store: on, command: 'sync' });
}

/** The store, counting how the run reads snapshots: pages of them, and single ones by external id. */
function countingSnapshotReads(): { store: StateStore; pages: number; single: string[] } {
  const counts = { pages: 0, single: [] as string[] };
  const counting: StateStore = {
    ...store,
    snapshotPage: (pair, connection, page) => {
      counts.pages += 1;
      return store.snapshotPage(pair, connection, page);
    },
    snapshot: (pair, connection, externalId) => {
      counts.single.push(`${connection} ${externalId}`);
      return store.snapshot(pair, connection, externalId);
    },
    snapshots: () => {
      throw new Error('a run reads its snapshots a page at a time, never all at once');
    },
  };
  return Object.assign(counts, { store: counting });
}

function edit(side: SimulatedSide, id: string, changes: Record<string, unknown>): void {
  const current = side.simulator.store.get(id);
  if (current === undefined) throw new Error(`no record ${id}`);
  side.simulator.store.insert({ ...current, ...changes });
}

/** The native ids of one linked client on both sides. */
function linkedPair(): { efId: string; bmId: string } {
  const link = store.links('bm').find((l) => l.externalId.startsWith('ef-'));
  const efId = store.links('ef').find((l) => l.externalId === link?.externalId)?.nativeId;
  if (link === undefined || efId === undefined) throw new Error('no linked client');
  return { efId, bmId: link.nativeId };
}

/** A Billomat client's custom attribute values (object, array or "" in the payload). */
function propertyValues(record: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const nested = record?.['client-property-values'];
  if (typeof nested !== 'object' || nested === null) return [];
  const values = (nested as Record<string, unknown>)['client-property-value'];
  return (Array.isArray(values) ? values : [values]).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

function clearLogs(): void {
  ef.simulator.log.clear();
  bm.simulator.log.clear();
}

beforeEach(async () => {
  ef = await simulated('eenvoudigfactureren', 'ef', { clients: 30, seed: 41, rateLimit: false });
  bm = await simulated('billomat', 'bm', { clients: 20, seed: 42, rateLimit: false });
  started.push(ef, bm);
  store = tempStore().store;
  const first = await sync();
  expect(first.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
  await sync(); // backfills the Billomat markers of clients that came from EF
  clearLogs();
});

describe('two-way sync between EenvoudigFactureren and Billomat', () => {
  it('copies clients both ways, and a run after a completed sync writes nothing', async () => {
    const result = await sync();
    expect(writesIn(ef.simulator) + writesIn(bm.simulator)).toBe(0);
    // 30 EF clients and 20 Billomat clients on both sides, but for those one side cannot hold (refused, with the reason).
    const invalid = result.actions.filter((a) => a.kind === 'invalid');
    expect(invalid.length).toBeLessThan(3);
    expect(ef.simulator.store.count() + invalid.filter((a) => a.connection === 'ef').length).toBe(50);
    expect(bm.simulator.store.count() + invalid.filter((a) => a.connection === 'bm').length).toBe(50);
  });

  it('reads the snapshots in pages and again one by one only those of a changed client', async () => {
    const unchanged = countingSnapshotReads();
    let decodes = 0;
    const counted = async (side: SimulatedSide): Promise<SyncSide> => {
      const opened = await side.side();
      const { mapping } = opened;
      return { ...opened, mapping: { ...mapping, decode: (...args: Parameters<typeof mapping.decode>) => ((decodes += 1), mapping.decode(...args)) } };
    };
    const quiet = await runPair({ pair: pairSettings({ name: 'ef-bm', mode: 'two-way', conflict: 'manual' }), from: await counted(ef), to: await counted(bm), store: unchanged.store, command: 'sync' });
    // One page per side (fewer than a page of snapshots each), and no snapshot read whole.
    expect([unchanged.pages, unchanged.single]).toEqual([2, []]);
    // Every client decoded once as it was read; none again though the unchanged ones let go of their customers.
    expect(decodes).toBe(ef.simulator.store.count() + bm.simulator.store.count());
    expect(quiet.plan.counts.skip).toBeGreaterThan(40);

    const { efId } = linkedPair();
    const externalId = store.links('ef').find((l) => l.nativeId === efId)?.externalId ?? '';
    edit(ef, efId, { email_address: 'boekhouding@voorbeeld.be' });
    const changed = countingSnapshotReads();
    const result = await sync('manual', changed.store);
    expect(result.outcomes.filter((o) => o.status === 'updated').map((o) => o.externalId)).toEqual([externalId]);
    // Both sides' snapshots of the changed client, each read once: for the merge, kept for the undo data.
    expect(changed.single.sort()).toEqual([`bm ${externalId}`, `ef ${externalId}`]);
  });

  it('merges changes to different fields of one client made on both sides in one run', async () => {
    const { efId, bmId } = linkedPair();
    edit(ef, efId, { email_address: 'boekhouding@voorbeeld.be' });
    edit(bm, bmId, { phone: '+49 30 1234567' });
    const result = await sync();
    expect(result.outcomes.filter((o) => o.status === 'updated').map((o) => [o.connection, o.fields])).toEqual(
      expect.arrayContaining([
        ['bm', ['channels.email']],
        ['ef', ['channels.phone']],
      ]),
    );
    expect(ef.simulator.store.get(efId)?.phone_number).toBe('+49 30 1234567');
    expect(bm.simulator.store.get(bmId)?.email).toBe('boekhouding@voorbeeld.be');
    clearLogs();
    await sync();
    expect(writesIn(ef.simulator) + writesIn(bm.simulator)).toBe(0);
  });

  it('leaves a same-field conflict to a person under the manual policy, run after run', async () => {
    const { efId, bmId } = linkedPair();
    edit(ef, efId, { city: 'Leuven' });
    edit(bm, bmId, { city: 'Köln' });
    for (let run = 0; run < 2; run++) {
      const result = await sync('manual');
      const conflict = result.outcomes.find((o) => o.status === 'conflict');
      expect(conflict?.fields).toEqual(['billingAddress.city']);
      expect(writesIn(ef.simulator) + writesIn(bm.simulator)).toBe(0);
    }
    expect(ef.simulator.store.get(efId)?.city).toBe('Leuven');
    expect(bm.simulator.store.get(bmId)?.city).toBe('Köln');
  });

  it.each([
    ['prefer-from', 'Leuven'],
    ['prefer-to', 'Köln'],
  ] as const)('resolves a same-field conflict with %s', async (policy, winner) => {
    const { efId, bmId } = linkedPair();
    edit(ef, efId, { city: 'Leuven' });
    edit(bm, bmId, { city: 'Köln' });
    await sync(policy);
    expect(ef.simulator.store.get(efId)?.city).toBe(winner);
    expect(bm.simulator.store.get(bmId)?.city).toBe(winner);
    clearLogs();
    await sync(policy);
    expect(writesIn(ef.simulator) + writesIn(bm.simulator)).toBe(0);
  });

  it('resolves a same-field conflict with newest by the vendors’ own update times', async () => {
    const { efId, bmId } = linkedPair();
    edit(ef, efId, { city: 'Leuven', last_activity: '2031-03-01 10:00:00' });
    edit(bm, bmId, { city: 'Köln', updated: '2031-03-01T12:00:00+01:00' });
    await sync('newest');
    expect(ef.simulator.store.get(efId)?.city).toBe('Köln');
    edit(ef, efId, { city: 'Gent', last_activity: '2031-03-02 10:00:00' });
    edit(bm, bmId, { city: 'Bonn', updated: '2031-03-01T13:00:00+01:00' });
    await sync('newest');
    expect(bm.simulator.store.get(bmId)?.city).toBe('Gent');
  });

  it('archives on the other side a client archived on one side', async () => {
    const { efId, bmId } = linkedPair();
    edit(bm, bmId, { archived: '1' });
    const result = await sync();
    expect(result.outcomes.find((o) => o.status === 'archived')?.connection).toBe('ef');
    expect(ef.simulator.store.get(efId)?.state).toBe('archived');
  });
  it('reads Billomat’s client properties only when a write brings custom values: not for a changed city, once for a changed custom value', async () => {
    const { efId } = linkedPair();
    edit(ef, efId, { city: 'Oudenaarde-Noord' });
    const cityRun = await sync();
    expect(cityRun.outcomes.filter((o) => o.status === 'updated').map((o) => o.connection)).toEqual(['bm']);
    expect(bm.simulator.log.count({ method: 'GET', path: '/client-properties' })).toBe(0);

    clearLogs();
    const current = ef.simulator.store.get(efId)?.custom_values;
    if (!Array.isArray(current) || current.length === 0) throw new Error('the EF client has no custom fields');
    edit(ef, efId, { custom_values: current.map((item: unknown, index) => (index === 0 ? { ...(item as Record<string, unknown>), value: 'changed in EF' } : item)) });
    await sync();
    expect(bm.simulator.log.count({ method: 'GET', path: '/client-properties' })).toBe(1);
  });

  it('does not read Billomat’s client properties for custom values both sides changed and `conflict: manual` leaves to a person', async () => {
    // A client linked both ways: EF changes its custom field, Billomat gets a custom attribute value.
    const { efId, bmId } = linkedPair();
    const externalId = store.links('bm').find((l) => l.nativeId === bmId)?.externalId;
    const efValues = ef.simulator.store.get(efId)?.custom_values;
    if (!Array.isArray(efValues) || efValues.length === 0) throw new Error('the EF client has no custom fields');
    edit(ef, efId, { custom_values: efValues.map((item: unknown, index) => (index === 0 ? { ...(item as Record<string, unknown>), value: 'changed in EF' } : item)) });
    const [attribute] = bm.simulator.store.list().flatMap((record) => propertyValues(record));
    if (attribute === undefined) throw new Error('no Billomat client with a custom attribute value');
    edit(bm, bmId, { 'client-property-values': { 'client-property-value': { ...attribute, client_id: bmId, value: 'changed in Billomat' } } });

    for (let run = 0; run < 2; run += 1) {
      const result = await sync();
      expect(result.actions.filter((a) => a.kind === 'conflict').map((a) => [a.externalId, a.fields])).toEqual([[externalId, ['customValues']]]);
    }
    expect(bm.simulator.log.count({ method: 'GET', path: '/client-properties' })).toBe(0);
    expect(writesIn(ef.simulator) + writesIn(bm.simulator)).toBe(0);

    // Settled by a policy, the value is written, and the names are read for it once.
    await sync('prefer-from');
    expect(bm.simulator.log.count({ method: 'GET', path: '/client-properties' })).toBe(1);
  });
});
