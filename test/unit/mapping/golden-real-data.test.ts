import { beforeAll, describe, expect, it } from 'vitest';
import { createXmlReader, xmlRootContent } from '../../../src/http/index.js';
import { loadMappings } from '../../../src/mapping/index.js';
import type { Mapping } from '../../../src/mapping/mapping.js';
import { createPlaceholderMatcher } from '../../../src/mapping/placeholders.js';
import type { RawRecord } from '../../../src/mapping/record-codec.js';
import { VENDOR_IDS, type VendorId } from '../../../src/vendors/ids.js';
import { fixtureJson, fixtureText } from '../../helpers/fixtures.js';

/*
 * Issue 17: real vendor data as it is. Each shape a vendor's own answers or documentation hold, in JSON
 * and in XML where the vendor speaks both, read and written back the way the vendor holds it. The
 * values are invented with the shape of the real ones (no real person's data).
 */

let mappings: Record<VendorId, Mapping>;
beforeAll(async () => {
  mappings = await loadMappings();
});

const placeholders = createPlaceholderMatcher();

/** The connectors' own XML reader: values kept as sent (whitespace too), every leaf a string. */
const readXml = createXmlReader({ listPaths: new Set() });

/** A fixture's XML text with some elements' values replaced, parsed the way the connectors parse it. */
function xmlWith(path: string, replace: Readonly<Record<string, string>>): RawRecord {
  let text = fixtureText(path);
  for (const [element, value] of Object.entries(replace)) {
    const pattern = new RegExp(`<${element}>[^<]*</${element}>|<${element}/>`);
    expect(pattern.test(text), `${path} has <${element}>`).toBe(true);
    text = text.replace(pattern, `<${element}>${value}</${element}>`);
  }
  return (xmlRootContent(readXml(text)) ?? {}) as RawRecord;
}

function billomatJson(overrides: RawRecord): RawRecord {
  const list = fixtureJson('golden/billomat/list-one-client.json') as { clients: { client: RawRecord } };
  return { ...list.clients.client, ...overrides };
}

function efJson(overrides: RawRecord): RawRecord {
  return { ...fixtureJson('golden/eenvoudigfactureren/seed-001-client.json'), ...overrides };
}

const fieldsOf = (items: readonly { field: string }[]): string[] => items.map((i) => i.field.split(' ')[0] ?? '');

describe('golden: Billomat answers as they are', () => {
  // The issue's recorded values (a test address of a fictitious company, no person's), and invented ones of the same shape.
  const uncheckedSets = [
    { bank_iban: 'DE1234567', vat_number: 'DE1234567', email: 'testemailvonfirma@-acme.com' },
    { bank_iban: 'DE1234567', vat_number: 'DE1234567', email: 'kontakt@-beispiel.de' },
  ];
  const shapes: [string, Record<string, string>, () => RawRecord][] = uncheckedSets.flatMap((unchecked) => [
    ['JSON', unchecked, () => billomatJson(unchecked)] as [string, Record<string, string>, () => RawRecord],
    ['XML', unchecked, () => xmlWith('golden/billomat/seed-003-get.xml', unchecked)] as [string, Record<string, string>, () => RawRecord],
  ]);
  for (const [format, unchecked, raw] of shapes) {
    it(`reads an unchecked IBAN, VAT number and e-mail address ${unchecked.email ?? ''} (${format}) with findings, and writes them back to Billomat unchanged`, () => {
      const decoded = mappings.billomat.decode(raw(), 'billomat:1');
      expect(decoded.issues).toEqual([]);
      // (The fixtures' other values may fail a check too; these three must.)
      expect(fieldsOf(decoded.findings)).toEqual(expect.arrayContaining(['banking.iban', 'channels.email', 'tax.vatNumber']));
      expect(decoded.findings.every((f) => f.kind === 'plausibility')).toBe(true);
      const back = mappings.billomat.encode(decoded.customer, 'billomat:1', { mode: 'create' });
      expect(back.issues).toEqual([]);
      expect(back.body).toMatchObject(unchecked);
    });
  }

  it("writes seed 003's own example (VAT DE123456789, IBAN 'IBAN', BIC 'SWIFT/BIC') back to Billomat", () => {
    const decoded = mappings.billomat.decode(xmlWith('golden/billomat/seed-003-get.xml', {}), 'billomat:1');
    expect(decoded.issues).toEqual([]);
    expect(fieldsOf(decoded.findings)).toEqual(expect.arrayContaining(['banking.bic', 'banking.iban']));
    const back = mappings.billomat.encode(decoded.customer, 'billomat:1', { mode: 'create' });
    expect(back.issues).toEqual([]);
    expect(back.body).toMatchObject({ vat_number: 'DE123456789', bank_iban: 'IBAN', bank_swift: 'SWIFT/BIC' });
  });

  for (const [format, raw] of [
    ['JSON', (date: string) => billomatJson({ sepa_mandate_date: date })],
    ['XML', (date: string) => xmlWith('golden/billomat/seed-003-get.xml', { sepa_mandate_date: date })],
  ] as const) {
    it(`reads a .NET "no date" and a MySQL zero date sepa_mandate_date as not set, and a date-time as its date (${format})`, () => {
      for (const none of ['0001-01-01T00:00:00+01:00', '0000-00-00']) {
        const sentinel = mappings.billomat.decode(raw(none), 'billomat:1');
        expect(sentinel.issues, none).toEqual([]);
        expect(sentinel.customer.banking?.mandate?.signedOn, none).toBeUndefined();
        const back = mappings.billomat.encode(sentinel.customer, 'billomat:1', { mode: 'create' });
        expect(back.issues, none).toEqual([]);
        expect(back.body.sepa_mandate_date ?? '', none).toBe('');
      }
      const dateTime = mappings.billomat.decode(raw('2019-03-14T00:00:00+01:00'), 'billomat:1');
      expect(dateTime.issues).toEqual([]);
      expect(dateTime.customer.banking?.mandate?.signedOn).toBe('2019-03-14');
      expect(mappings.billomat.encode(dateTime.customer, 'billomat:1', { mode: 'create' }).issues).toEqual([]);
    });
  }
});

describe('golden: EenvoudigFactureren placeholders', () => {
  for (const [format, raw] of [
    ['JSON', () => efJson({ tax_code: 'geen btw', email_address: 'x@y' })],
    ['XML', () => xmlWith('golden/eenvoudigfactureren/seed-001-client.xml', { tax_code: 'geen btw', email_address: 'x@y' })],
  ] as const) {
    it(`reads "geen btw" and "x@y" (${format}) as not set, each with a finding, and copies neither`, () => {
      const source = raw();
      const decoded = mappings.eenvoudigfactureren.decode(source, 'eenvoudigfactureren:1001', { placeholders });
      expect(decoded.issues).toEqual([]);
      expect(decoded.customer.tax?.vatNumber).toBeUndefined();
      expect(decoded.customer.channels?.email).toBeUndefined();
      expect(decoded.findings.filter((f) => f.kind === 'placeholder').map((f) => [f.field.split(' ')[0], f.kind, f.actual])).toEqual([
        ['tax.vatNumber', 'placeholder', '"geen btw"'],
        ['channels.email', 'placeholder', '"x@y"'],
      ]);
      // The source record itself is not changed.
      expect(source).toMatchObject({ tax_code: 'geen btw', email_address: 'x@y' });
      const toFs = mappings.factuursturen.encode(decoded.customer, 'eenvoudigfactureren:1001', { mode: 'create' });
      expect(toFs.issues).toEqual([]);
      expect(toFs.body).not.toHaveProperty('taxnumber');
      expect(mappings.billomat.encode(decoded.customer, 'eenvoudigfactureren:1001', { mode: 'create' }).issues).toEqual([]);
    });
  }

  const blanks = { tax_code: ' '.repeat(10), email_address: ' '.repeat(80) };
  for (const [format, raw] of [
    ['JSON', () => efJson(blanks)],
    ['XML', () => xmlWith('golden/eenvoudigfactureren/seed-001-client.xml', blanks)],
  ] as const) {
    it(`reads whitespace-only values (a VAT number of 10 spaces, an e-mail address of 80) as not set, with a finding each (${format})`, () => {
      const decoded = mappings.eenvoudigfactureren.decode(raw(), 'eenvoudigfactureren:1001', { placeholders });
      expect(decoded.issues).toEqual([]);
      expect(decoded.customer.tax?.vatNumber).toBeUndefined();
      expect(decoded.customer.channels?.email).toBeUndefined();
      expect(decoded.findings.filter((f) => f.kind === 'placeholder').map((f) => [f.field.split(' ')[0], f.rule, f.actual])).toEqual([
        ['tax.vatNumber', 'whitespace only, read as not set', '10 characters of white space'],
        ['channels.email', 'whitespace only, read as not set', '80 characters of white space'],
      ]);
      for (const to of VENDOR_IDS) expect(mappings[to].encode(decoded.customer, 'eenvoudigfactureren:1001', { mode: 'create' }).issues, to).toEqual([]);
    });
  }

  it('takes a placeholder as a value when the pair takes it off the list, and finds a pair\'s own placeholder', () => {
    const own = createPlaceholderMatcher({ add: ['onbekend adres'], remove: ['geen btw'] });
    const decoded = mappings.eenvoudigfactureren.decode(efJson({ tax_code: 'geen btw', street: 'Onbekend adres' }), 'eenvoudigfactureren:1001', { placeholders: own });
    expect(decoded.customer.tax?.vatNumber).toBe('geen btw');
    expect(decoded.customer.billingAddress?.street).toBeUndefined();
    expect(decoded.findings.filter((f) => f.kind === 'placeholder').map((f) => f.field.split(' ')[0])).toEqual(['billingAddress.street']);
    // "geen btw" is now a value: it is kept, and fails the VAT plausibility check like any other.
    expect(decoded.findings.filter((f) => f.kind === 'plausibility').map((f) => f.field.split(' ')[0])).toContain('tax.vatNumber');
  });

  it('never reads the client\'s name as a placeholder', () => {
    const decoded = mappings.eenvoudigfactureren.decode(efJson({ name: '-' }), 'eenvoudigfactureren:1001', { placeholders });
    expect(decoded.customer.name).toBe('-');
  });
});

describe('golden: FactuurSturen', () => {
  for (const [format, raw] of [
    ['JSON', () => ({ ...fixtureJson('golden/factuursturen/client.json'), bankcode: '123456789' })],
    ['XML', () => xmlWith('golden/factuursturen/client.xml', { bankcode: '123456789' })],
  ] as const) {
    it(`reports a bank number where an IBAN is documented (${format}), and writes it back to FactuurSturen`, () => {
      const decoded = mappings.factuursturen.decode(raw(), 'factuursturen:1');
      expect(decoded.issues).toEqual([]);
      expect(decoded.findings.filter((f) => f.field.startsWith('banking.iban')).map((f) => [f.kind, f.rule.split(' (')[0]])).toEqual([['plausibility', 'a valid IBAN']]);
      const back = mappings.factuursturen.encode(decoded.customer, 'factuursturen:1', { mode: 'create' });
      expect(back.issues).toEqual([]);
      expect(back.body.bankcode).toBe('123456789');
    });
  }
});

describe("the vendors' documentation examples migrate into every vendor", () => {
  const examples: [VendorId, string, () => RawRecord][] = [
    ['eenvoudigfactureren', 'seed 001 (XML)', () => xmlWith('golden/eenvoudigfactureren/seed-001-client.xml', {})],
    ['eenvoudigfactureren', 'seed 001 (JSON)', () => fixtureJson('golden/eenvoudigfactureren/seed-001-client.json')],
    ['factuursturen', 'seed 002 (JSON)', () => fixtureJson('golden/factuursturen/seed-002-create.json')],
    ['billomat', 'seed 003 (XML)', () => xmlWith('golden/billomat/seed-003-get.xml', {})],
  ];
  for (const [from, name, raw] of examples) {
    for (const to of VENDOR_IDS) {
      it(`${from}'s example of ${name} can be written to ${to}, with findings rather than refusals`, () => {
        const decoded = mappings[from].decode(raw(), `${from}:example`, { placeholders });
        expect(decoded.issues).toEqual([]);
        const encoded = mappings[to].encode(decoded.customer, `${from}:example`, { mode: 'create' });
        expect(encoded.issues).toEqual([]);
        if (from === 'eenvoudigfactureren' && to !== 'eenvoudigfactureren') {
          // EF's documented VAT number BE 0123.456.789 fails its checksum: a finding, and it is written.
          expect(encoded.findings.map((f) => f.field.split(' ')[0])).toContain('tax.vatNumber');
          expect(Object.values(encoded.body).some((v) => typeof v === 'string' && v.replace(/[\s.]/g, '') === 'BE0123456789')).toBe(true);
        }
        if (from === 'factuursturen' && to !== 'factuursturen') {
          // FactuurSturen's documented VAT number NL001234567B01 fails its check: a finding, and it is written.
          expect(encoded.findings.filter((f) => f.field.startsWith('tax.vatNumber')).map((f) => [f.kind, f.rule.split(' (')[0]])).toEqual([['plausibility', 'a valid VAT number']]);
          expect(Object.values(encoded.body)).toContain('NL001234567B01');
        }
      });
    }
  }
});
