import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonRecord } from '../../src/sandbox/index.js';
import type { StateStore } from '../../src/store/index.js';
import { runPair, type RunResult } from '../../src/sync/index.js';
import type { ApiVendorId } from '../../src/vendors/ids.js';
import { pairSettings, tempStore } from '../helpers/pair.js';
import { valueAt } from '../helpers/records.js';
import { startSide, type Side } from './support.js';

/*
 * Records as a vendor might really hold them, planted in the source without the vendor's validation:
 * over-long and empty fields, invalid codes, control characters, broken Unicode and wrong types. Each
 * is refused by itself with the record, the field and the rule named, and nothing of it is written;
 * right-to-left text, emoji, combining marks and HTML are data and arrive exactly as held.
 */

const started: Side[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

type FieldRole = 'name' | 'note' | 'email' | 'country' | 'iban' | 'vat' | 'city' | 'zip' | 'street';
const FIELDS: Readonly<Record<ApiVendorId, Readonly<Record<FieldRole, string>>>> = {
  factuursturen: { name: 'company', note: 'notes', email: 'email', country: 'country', iban: 'bankcode', vat: 'taxnumber', city: 'city', zip: 'zipcode', street: 'address' },
  billomat: { name: 'name', note: 'note', email: 'email', country: 'country_code', iban: 'bank_iban', vat: 'vat_number', city: 'city', zip: 'zip', street: 'street' },
  eenvoudigfactureren: { name: 'name', note: 'private_note', email: 'email_address', country: 'country_code', iban: 'sepa_collection', vat: 'tax_code', city: 'city', zip: 'postal_code', street: 'street' },
};
const CANONICAL: Readonly<Record<FieldRole, string>> = {
  name: 'name', note: 'notes.text', email: 'channels.email', country: 'billingAddress.countryCode', iban: 'banking.iban', vat: 'tax.vatNumber', city: 'billingAddress.city', zip: 'billingAddress.postalCode', street: 'billingAddress.street',
};

interface Case {
  readonly role: FieldRole;
  /** The raw value (a function of the vendor where the vendor's form differs). */
  readonly value: unknown;
}
const IBAN_CHECKSUM_WRONG = 'BE00123456789999';
const CASES = {
  'a NUL character': { role: 'city', value: 'Gent\u0000' },
  'an ANSI escape sequence': { role: 'name', value: 'Acme \u001b[31mRED' },
  'a C1 control character': { role: 'street', value: 'Main\u0085Street' },
  'a lone surrogate': { role: 'name', value: 'bad \ud800 surrogate' },
  'an unknown country': { role: 'country', value: 'XX' },
  'a boolean for a name': { role: 'name', value: true },
  'an object for a postal code': { role: 'zip', value: { code: '9000' } },
  'a list for a city': { role: 'city', value: ['Gent', 'Brugge'] },
  'a VAT number as a number too large to be exact': { role: 'vat', value: JSON.parse('123456789012345678901') as number },
  'a 400-character name': { role: 'name', value: 'X'.repeat(400) },
  'an empty name': { role: 'name', value: '' },
  'a name of spaces': { role: 'name', value: '   ' },
  'an invalid e-mail address': { role: 'email', value: 'not-an-email@' },
  'an IBAN whose check digits do not match': { role: 'iban', value: IBAN_CHECKSUM_WRONG },
  'a VAT number that fails its checksum': { role: 'vat', value: 'BE0123456788' },
  'right-to-left text': { role: 'name', value: 'شركة الأمل للتجارة' },
  'emoji with joiners': { role: 'name', value: 'Café 🍕 Zoë 👩‍👩‍👧' },
  'combining marks (not normalised)': { role: 'name', value: 'Cafe\u0301 Zoe\u0308 A\u030A' },
  'HTML and script in a note': { role: 'note', value: '<script>alert(1)</script><img src=x onerror=alert(2)> & </note>' },
  'a number for a name': { role: 'name', value: 12345 },
} as const satisfies Record<string, Case>;
type CaseName = keyof typeof CASES;

/** How a case ends for one pair: refused with this field and rule, or carried with this value. */
type Expected = { readonly refused: RegExp } | { readonly carried: unknown };
const REFUSED_BY_ANY: Readonly<Partial<Record<CaseName, RegExp>>> = {
  'a NUL character': /control character/,
  'an ANSI escape sequence': /control character/,
  'a C1 control character': /control character/,
  'a lone surrogate': /lone surrogate/,
  'an unknown country': /country/,
  'a boolean for a name': /a text/,
  'an object for a postal code': /a text/,
  'a list for a city': /a text/,
  'a VAT number as a number too large to be exact': /cannot be read exactly/,
};

function expectationFor(name: CaseName, to: ApiVendorId): Expected {
  const refusedByAny = REFUSED_BY_ANY[name];
  if (refusedByAny !== undefined) return { refused: refusedByAny };
  const value = CASES[name].value;
  switch (name) {
    case 'a 400-character name':
      return to === 'billomat' ? { carried: value } : { refused: to === 'eenvoudigfactureren' ? /at most 75 characters/ : /at most 50 characters/ };
    case 'an empty name':
    case 'a name of spaces':
      // Blank reads as "no name": EenvoudigFactureren requires one; elsewhere the client simply has none.
      return to === 'eenvoudigfactureren' ? { refused: /required by eenvoudigfactureren/ } : { carried: undefined };
    // Plausibility checks (issue 17): a value that fails one is carried, with a data-quality finding.
    case 'an IBAN whose check digits do not match':
      return { carried: IBAN_CHECKSUM_WRONG };
    case 'a number for a name':
      return { carried: '12345' };
    default:
      return { carried: value };
  }
}

/** The raw field value as `vendor` holds it (EenvoudigFactureren keeps the IBAN inside its SEPA block). */
function rawField(vendor: ApiVendorId, role: FieldRole, value: unknown): JsonRecord {
  if (vendor === 'eenvoudigfactureren' && role === 'iban') return { sepa_collection: { name: 'Acme', iban: value } };
  return { [FIELDS[vendor][role]]: value };
}

const PAIRS: readonly (readonly [ApiVendorId, ApiVendorId])[] = [
  ['factuursturen', 'eenvoudigfactureren'],
  ['billomat', 'eenvoudigfactureren'],
  ['eenvoudigfactureren', 'factuursturen'],
  ['factuursturen', 'billomat'],
];

describe.each(PAIRS)('records with hostile values, held by %s and migrated to %s', (from, to) => {
  let source: Side;
  let target: Side;
  let store: StateStore;
  let result: RunResult;
  const planted = new Map<CaseName, string>();
  let good: string[] = [];

  beforeAll(async () => {
    source = await startSide(from, 'source', { clients: 3, seed: `hostile/${from}` });
    target = await startSide(to, 'target', { clients: 0 });
    started.push(source, target);
    good = source.simulator.store.list().map((raw) => String(raw[from === 'eenvoudigfactureren' ? 'client_id' : from === 'factuursturen' ? 'clientnr' : 'id']));
    for (const [name, { role, value }] of Object.entries(CASES) as [CaseName, Case][]) {
      planted.set(name, source.simulator.store.insert({ ...rawField(from, 'name', `Hostile ${name}`), ...rawField(from, role, value) }));
    }
    store = tempStore().store;
    result = await runPair({ pair: pairSettings({ name: 'p' }), from: await source.side(), to: await target.side(), store, command: 'migrate' });
  });

  const label = (name: CaseName): string => `${from}:${planted.get(name) ?? '?'}`;
  const outcomeOf = (name: CaseName): RunResult['outcomes'][number] | undefined => result.outcomes.find((o) => o.records.includes(label(name)));
  const targetRecordOf = (name: CaseName): JsonRecord | undefined => {
    const externalId = store.links('source').find((l) => l.nativeId === planted.get(name))?.externalId;
    const nativeId = store.links('target').find((l) => l.externalId === externalId)?.nativeId;
    return nativeId === undefined ? undefined : target.simulator.store.get(nativeId);
  };

  it('finishes the run, with every well-formed record created', () => {
    expect(result.status).toBe('partial');
    for (const id of good) expect(result.outcomes.find((o) => o.records.includes(`${from}:${id}`))?.status).toBe('created');
  });

  it.each(Object.keys(CASES) as CaseName[])('%s is refused by itself, naming the record, field and rule, or arrives exactly as held', async (name) => {
    const expected = expectationFor(name, to);
    const outcome = outcomeOf(name);
    if ('refused' in expected) {
      expect(outcome?.status, 'outcome').toBe('invalid');
      const issues = result.actions.find((a) => a.externalId === outcome?.externalId)?.issues ?? [];
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) expect(issue.record).toBe(label(name));
      expect(issues.map((i) => `${i.field}: ${i.rule}`).join('; ')).toMatch(new RegExp(`^${CANONICAL[CASES[name].role].replace('.', '\\.')}[^;]*: .*${expected.refused.source}`));
      expect(targetRecordOf(name), 'nothing written for it').toBeUndefined();
      expect(store.failures('p').find((f) => f.externalId === outcome?.externalId)?.code).toBe('RECORD_INVALID');
      return;
    }
    expect(outcome?.status, 'outcome').toBe('created');
    const held = targetRecordOf(name);
    expect(held).toBeDefined();
    const customer = (await target.mapping()).decode(held ?? {}).customer;
    expect(valueAt(customer, CANONICAL[CASES[name].role])).toEqual(expected.carried);
  });

  it('writes nothing but the creates of the records it could read and the target can hold', () => {
    const refused = (Object.keys(CASES) as CaseName[]).filter((name) => 'refused' in expectationFor(name, to)).length;
    expect(target.simulator.store.count()).toBe(good.length + Object.keys(CASES).length - refused);
    const writes = target.simulator.log.entries.filter((e) => e.method !== 'GET');
    expect(writes.filter((e) => e.method !== 'POST' || e.path !== '/clients')).toEqual([]);
    expect(writes.filter((e) => e.status >= 200 && e.status < 300)).toHaveLength(target.simulator.store.count());
  });
});

describe('a linked record that turns hostile in the source', () => {
  it('is refused whole: the target keeps its old values, even of the fields that changed validly', async () => {
    const source = await startSide('billomat', 'source', { clients: 4, seed: 'hostile-update' });
    const target = await startSide('factuursturen', 'target', { clients: 0 });
    started.push(source, target);
    const { store } = tempStore();
    const pair = pairSettings({ name: 'p' });
    await runPair({ pair, from: await source.side(), to: await target.side(), store, command: 'migrate' });
    const [record] = source.simulator.store.list();
    const link = store.links('source').find((l) => l.nativeId === String(record?.id));
    const targetId = store.links('target').find((l) => l.externalId === link?.externalId)?.nativeId ?? '';
    const before = target.simulator.store.get(targetId);
    source.simulator.store.insert({ ...record, city: 'Zwolle', street: 'Kerkstraat\u00001' });
    target.simulator.log.clear();

    const result = await runPair({ pair, from: await source.side(), to: await target.side(), store, command: 'sync' });

    expect(result.outcomes.find((o) => o.externalId === link?.externalId)).toMatchObject({ status: 'invalid' });
    expect(result.unreadable).toEqual([{ record: `billomat:${String(record?.id)}`, issues: [expect.objectContaining({ field: 'billingAddress.street (billomat street)', rule: 'contains a control character' })] }]);
    expect(target.simulator.log.entries.filter((e) => e.method !== 'GET')).toEqual([]);
    expect(target.simulator.store.get(targetId)).toEqual(before);
  });
});
