import { afterAll, describe, expect, it } from 'vitest';
import { createXmlReader, xmlRootContent } from '../../../src/http/index.js';
import type { RawRecord } from '../../../src/mapping/record-codec.js';
import { runPair } from '../../../src/sync/index.js';
import { API_VENDOR_IDS, type ApiVendorId } from '../../../src/vendors/ids.js';
import { fixtureJson, fixtureText } from '../../helpers/fixtures.js';
import { listingOnly, pairSettings, simulated, tempStore, type SimulatedSide } from '../../helpers/pair.js';

/*
 * Issue 17: the vendors' own documentation examples (seeds 001, 002, 003) migrate into every vendor's
 * account — created, not refused — with a data-quality finding where a documentation number fails a
 * plausibility check (EF's VAT number BE 0123.456.789, FactuurSturen's NL001234567B01, Billomat's
 * IBAN "IBAN" and BIC "SWIFT/BIC").
 */

const readXml = createXmlReader({ listPaths: new Set() });
const xmlFixture = (path: string): RawRecord => (xmlRootContent(readXml(fixtureText(path))) ?? {}) as RawRecord;

const EXAMPLES: readonly { from: ApiVendorId; name: string; raw: () => RawRecord; findings: readonly string[] }[] = [
  { from: 'eenvoudigfactureren', name: 'seed 001 (XML)', raw: () => xmlFixture('golden/eenvoudigfactureren/seed-001-client.xml'), findings: ['tax.vatNumber'] },
  { from: 'factuursturen', name: 'seed 002 (JSON)', raw: () => fixtureJson('golden/factuursturen/seed-002-create.json'), findings: ['tax.vatNumber'] },
  { from: 'billomat', name: 'seed 003 (XML)', raw: () => xmlFixture('golden/billomat/seed-003-get.xml'), findings: ['banking.iban', 'banking.bic'] },
];

const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

const field = (f: { field: string }): string => f.field.split(' ')[0] ?? '';

describe.each(EXAMPLES.flatMap((example) => API_VENDOR_IDS.map((to) => [example.from, example.name, to] as const)))("%s's documentation example (%s) migrated into %s", (from, name, to) => {
  const example = EXAMPLES.find((e) => e.from === from && e.name === name);
  it('is created with its findings in the report, and refused for nothing', { timeout: 60_000 }, async () => {
    const source = await simulated(from, 'source', { clients: 0, rateLimit: false });
    const target = await simulated(to, 'target', { clients: 0, rateLimit: false });
    started.push(source, target);
    const sourceSide = await source.side();
    const raw: RawRecord = { ...example?.raw(), [sourceSide.mapping.identity.nativeId]: '777' };
    const { store } = tempStore();
    const result = await runPair({ pair: pairSettings({ name: `${from}-${to}` }), from: listingOnly(sourceSide, raw), to: await target.side(), store, command: 'migrate' });
    store.close();

    expect(result.actions.filter((a) => a.kind === 'invalid')).toEqual([]);
    expect(result.outcomes.map((o) => o.status)).toEqual(['created']);
    expect(target.simulator.store.count()).toBe(1);
    const read = result.quality?.sides.find((s) => s.connection === 'source' && s.stage === 'read');
    const found = read?.rules.flatMap((r) => r.findings).filter((f) => f.kind === 'plausibility').map(field) ?? [];
    expect(found).toEqual(expect.arrayContaining([...(example?.findings ?? [])]));
  });
});
