import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../../src/canonical/customer.js';
import { lossinessBetween } from '../../../src/mapping/lossiness.js';
import type { Mapping } from '../../../src/mapping/mapping.js';
import type { RawRecord } from '../../../src/mapping/record-codec.js';
import { holdsValue } from '../../../src/sync/dropped-fields.js';
import { runPair } from '../../../src/sync/index.js';
import { API_VENDOR_IDS, type ApiVendorId, type VendorId } from '../../../src/vendors/ids.js';
import { buildCustomer, fieldPlans } from '../../helpers/arbitraries.js';
import { fixtureJson } from '../../helpers/fixtures.js';
import { listingOnly, pairSettings, simulated, tempStore, type SimulatedSide } from '../../helpers/pair.js';

/*
 * Issue 17: every value a source record holds and the target does not receive is counted in the
 * report, per record and per field, in every direction. For a record that fills every field its
 * vendor reads (lists included), the run's `dropped` must equal the lossiness matrix's dropped fields
 * the record held — no more (nothing reported that arrived) and no less (nothing lost in silence).
 */

const DEFINED_CUSTOM_FIELD: Partial<Record<VendorId, string>> = { eenvoudigfactureren: 'myreference', billomat: 'Kundengruppe' };

/** A canonical record with a value in every field `source` reads that `target` could hold too. */
function fullRecord(source: Mapping, target: Mapping): Customer {
  const paths = [...source.fields.values()].filter((f) => f.reads && f.writes && !f.path.startsWith('facts.') && f.path !== 'externalClientId').map((f) => f.path);
  const plans = fieldPlans(paths, source, [source, target]);
  const flat: Record<string, unknown> = {};
  const lists: Record<string, Record<string, unknown>> = {};
  for (const plan of plans) {
    const [value] = fc.sample(plan.arbitrary, { seed: 17, numRuns: 1 });
    const bracket = plan.path.indexOf('[]');
    if (bracket < 0) flat[plan.path] = value;
    else (lists[plan.path.slice(0, bracket)] ??= {})[plan.path.slice(bracket + 3)] = value;
  }
  const customer = buildCustomer(flat, source.vendor) as Record<string, unknown>;
  for (const [list, item] of Object.entries(lists)) customer[list] = [buildCustomer(item, source.vendor)];
  // A custom value only has a place where the account defines a field of that name (the simulators'
  // default accounts define these); one it does not define is reported too, but is not lossiness.
  const defined = DEFINED_CUSTOM_FIELD[target.vendor];
  if (Array.isArray(customer.customValues) && defined !== undefined) customer.customValues = [{ name: defined, value: 'Invented value' }];
  return customer;
}

const normal = (field: string): string => (field.split(' ')[0] ?? '').replace(/\[\d+\]/g, '[]');

const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

const DIRECTIONS = API_VENDOR_IDS.flatMap((from) => API_VENDOR_IDS.filter((to) => to !== from).map((to) => [from, to] as const));

describe.each(DIRECTIONS)('a record with every field set, migrated from %s to %s', (from: ApiVendorId, to: ApiVendorId) => {
  it("reports as dropped exactly the lossiness matrix's dropped fields the record held", { timeout: 60_000 }, async () => {
    const source = await simulated(from, 'source', { clients: 0, rateLimit: false });
    const target = await simulated(to, 'target', { clients: 0, rateLimit: false });
    started.push(source, target);
    const sourceSide = await source.side();
    const targetSide = await target.side();

    const full = fullRecord(sourceSide.mapping, targetSide.mapping);
    const encoded = sourceSide.mapping.encode(full, 'test', { mode: 'create' });
    expect(encoded.issues).toEqual([]);
    const raw: RawRecord = { ...encoded.body, [sourceSide.mapping.identity.nativeId]: '4242' };
    const held = sourceSide.mapping.decode(raw, `${from}:4242`);
    expect(held.issues).toEqual([]);

    const { store } = tempStore();
    const pair = pairSettings({ name: `${from}-${to}`, contacts: true, customValues: true });
    const result = await runPair({ pair, from: listingOnly(sourceSide, raw), to: targetSide, store, command: 'migrate' });
    store.close();

    const matrix = lossinessBetween(sourceSide.mapping, targetSide.mapping);
    // The external id is not a field that travels: it is the link itself (state store and marker).
    const expected = matrix.entries.filter((e) => e.fate === 'dropped' && e.path !== 'externalClientId' && holdsValue(held.customer, e.path)).map((e) => e.path).sort();
    const outcome = result.outcomes.find((o) => o.records.includes(`${from}:4242`));
    expect(outcome?.status).toBe('created');
    expect(expected.length).toBeGreaterThan(0);
    expect(Object.keys(result.dropped).map(normal).sort()).toEqual(expected);
    expect([...new Set((outcome?.dropped ?? []).map((d) => normal(d.field)))].sort()).toEqual(expected);
    console.info(`[issue 17] ${from} → ${to}: a record with every field set; ${String(expected.length)} fields reported dropped, equal to the matrix's dropped fields it held (matrix: ${String(matrix.counts.dropped)} dropped)`);
  });
});

describe("FactuurSturen's documented example client (seed 002), migrated to EenvoudigFactureren", () => {
  it('reports every value EenvoudigFactureren does not receive — the contact person, the mobile number, the e-mail intro, the reference lines … — per record and per field', { timeout: 60_000 }, async () => {
    const source = await simulated('factuursturen', 'source', { clients: 0, rateLimit: false });
    const target = await simulated('eenvoudigfactureren', 'target', { clients: 0, rateLimit: false });
    started.push(source, target);
    const sourceSide = await source.side();
    const targetSide = await target.side();
    const raw: RawRecord = { ...fixtureJson('golden/factuursturen/seed-002-create.json'), clientnr: '4243' };
    const held = sourceSide.mapping.decode(raw, 'factuursturen:4243');
    expect(held.issues).toEqual([]);

    const { store } = tempStore();
    const result = await runPair({ pair: pairSettings({ name: 'fs-ef' }), from: listingOnly(sourceSide, raw), to: targetSide, store, command: 'migrate' });
    store.close();

    const outcome = result.outcomes.find((o) => o.records.includes('factuursturen:4243'));
    expect(outcome?.status).toBe('created');
    const matrix = lossinessBetween(sourceSide.mapping, targetSide.mapping);
    const expected = matrix.entries.filter((e) => e.fate === 'dropped' && e.path !== 'externalClientId' && holdsValue(held.customer, e.path)).map((e) => e.path).sort();
    const reported = [...new Set((outcome?.dropped ?? []).map((d) => normal(d.field)))].sort();
    expect(reported).toEqual(expected);
    expect(Object.keys(result.dropped).map(normal).sort()).toEqual(expected);
    // The issue's own list: what the documented example holds and EenvoudigFactureren has no place for.
    expect(reported).toEqual(expect.arrayContaining(['contactPerson.firstName', 'contactPerson.lastName', 'channels.mobile', 'documentDefaults.emailIntro', 'documentDefaults.referenceLines']));
    console.info(`[issue 17] factuursturen seed 002 → eenvoudigfactureren: ${String(reported.length)} fields reported dropped (matrix lists ${String(matrix.entries.filter((e) => e.fate === 'dropped').length)}): ${reported.join(', ')}`);
    // And the written client lacks them indeed (no contact person, no mobile).
    const [written] = target.simulator.store.list();
    expect(written?.name).toBe('Johnny Bravo Inc.');
    expect(JSON.stringify(written)).not.toContain('John Doe');
    expect(JSON.stringify(written)).not.toContain('0612');
  });
});
