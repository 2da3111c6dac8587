import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../../src/canonical/customer.js';
import { loadMappings } from '../../../src/mapping/index.js';
import type { Mapping } from '../../../src/mapping/mapping.js';
import type { VendorId } from '../../../src/vendors/ids.js';

let mappings: Record<VendorId, Mapping>;
beforeAll(async () => {
  mappings = await loadMappings();
});

const longName = 'Bakkerij en Banketbakkerij De Gouden Korenbloem en Zonen B.V.'; // 61 characters

describe('limits before calls', () => {
  it('reports every value FactuurSturen cannot hold, naming record, field, rule and what was found', () => {
    const customer: Customer = {
      name: longName,
      billingAddress: { postalCode: '1011 AB X', countryCode: 'NL' },
      documentDefaults: { language: 'pl' },
      tax: { regime: 'exempt' },
      terms: { discountPercent: 12.345 },
    };
    const issues = mappings.factuursturen.checkLimits(customer, 'billomat:3527529');
    expect(issues).toEqual([
      { record: 'billomat:3527529', field: 'name (factuursturen company)', rule: 'at most 50 characters', actual: '61 characters' },
      { record: 'billomat:3527529', field: 'billingAddress.postalCode (factuursturen zipcode)', rule: 'at most 7 characters', actual: '9 characters' },
      { record: 'billomat:3527529', field: 'tax.regime (factuursturen tax_shifted)', rule: expect.stringContaining('a value the vendor can hold') as string, actual: '"exempt"' },
      { record: 'billomat:3527529', field: 'terms.discountPercent (factuursturen stddiscount)', rule: 'at most 2 decimals', actual: '12.345' },
    ]);
  });

  it('leaves out, and reports, a preference the target cannot hold (a language FactuurSturen does not offer)', () => {
    const result = mappings.factuursturen.encode({ name: 'x', documentDefaults: { language: 'pl' } }, 'billomat:1', { mode: 'create' });
    expect(result.issues).toEqual([]);
    expect(result.dropped).toEqual([{ record: 'billomat:1', field: 'documentDefaults.language (factuursturen default_doclang)', rule: expect.stringContaining('nl|en|de|fr|es|it') as string, actual: '"pl"' }]);
    expect(result.body).not.toHaveProperty('default_doclang');
  });

  it('writes a private client without a company name to EenvoudigFactureren under the person’s full name', () => {
    const result = mappings.eenvoudigfactureren.encode({ contactPerson: { firstName: 'Max', lastName: 'Muster' } }, 'billomat:1', { mode: 'create' });
    expect(result.issues).toEqual([]);
    expect(result.body.name).toBe('Max Muster');
  });

  it("writes an e-mail address, IBAN and VAT number that fail Billomat's plausibility checks, each with a finding", () => {
    const customer: Customer = {
      name: 'x',
      channels: { email: 'info at example.com' },
      banking: { iban: 'BE938493849384349' },
      tax: { vatNumber: 'BE0123456789' },
    };
    expect(mappings.billomat.checkLimits(customer, 'eenvoudigfactureren:1001')).toEqual([]);
    const result = mappings.billomat.encode(customer, 'eenvoudigfactureren:1001', { mode: 'create' });
    expect(result.issues).toEqual([]);
    expect(result.body).toMatchObject({ email: 'info at example.com', bank_iban: 'BE938493849384349', vat_number: 'BE0123456789' });
    expect(result.findings.map((f) => [f.field.split(' ')[0], f.kind, f.rule.split(' (')[0]])).toEqual([
      ['channels.email', 'plausibility', 'a valid e-mail address'],
      ['tax.vatNumber', 'plausibility', 'a valid VAT number'],
      ['banking.iban', 'plausibility', 'a valid IBAN'],
    ]);
    expect(result.findings.every((f) => f.source !== undefined && f.source.length > 0)).toBe(true);
  });

  it('shows only an excerpt of a value that fails a plausibility check, never the whole address or IBAN', () => {
    const result = mappings.billomat.encode({ name: 'x', channels: { email: 'jan.peeters@@voorbeeld.be' }, banking: { iban: 'BE938493849384349' } }, 'x', { mode: 'create' });
    const shown = result.findings.map((f) => f.actual).join(' ');
    expect(shown).not.toContain('peeters');
    expect(shown).not.toContain('93849384');
    expect(result.findings.map((f) => f.actual)).toEqual(['"ja…be" (25 characters)', '"BE…49" (17 characters)']);
  });

  it('refuses a record whose values fail a plausibility check when the pair sets quality: strict', () => {
    const result = mappings.billomat.encode({ name: 'x', banking: { iban: 'BE938493849384349' } }, 'eenvoudigfactureren:7', { mode: 'create', quality: 'strict' });
    expect(result.findings).toEqual([]);
    expect(result.issues).toEqual([{ record: 'eenvoudigfactureren:7', field: 'banking.iban (billomat bank_iban)', rule: expect.stringMatching(/^a valid IBAN .*quality: strict$/) as string, actual: '"BE…49" (17 characters)' }]);
    expect(result.body).not.toHaveProperty('bank_iban');
  });

  it('requires what EenvoudigFactureren requires on create (a name; a country in every address)', () => {
    const issues = mappings.eenvoudigfactureren.checkLimits({ deliveryAddress: { street: 'Gebouw X' } }, 'factuursturen:12');
    expect(issues).toEqual([
      { record: 'factuursturen:12', field: 'name (eenvoudigfactureren name)', rule: 'required by eenvoudigfactureren', actual: 'nothing' },
      { record: 'factuursturen:12', field: 'deliveryAddress.countryCode (eenvoudigfactureren delivery_address.country_code+delivery_address.country)', rule: 'required by eenvoudigfactureren', actual: 'nothing' },
    ]);
  });

  it('counts length in characters, so emoji and accents count once', () => {
    const name = `${'é'.repeat(74)}🎉`;
    expect(mappings.eenvoudigfactureren.checkLimits({ name }, 'x')).toEqual([]);
    expect(mappings.eenvoudigfactureren.checkLimits({ name: `${name}!` }, 'x')[0]?.rule).toBe('at most 75 characters');
  });

  it('names list items by position', () => {
    const issues = mappings.eenvoudigfactureren.checkLimits({ name: 'x', contacts: [{ name: 'ok' }, { name: 'x'.repeat(255) }] }, 'billomat:1');
    expect(issues).toEqual([{ record: 'billomat:1', field: 'contacts[1].name (eenvoudigfactureren contacts[1].contact_name)', rule: 'at most 254 characters', actual: '255 characters' }]);
  });

  it('leaves out, and reports, a customer number the target cannot hold instead of rejecting the record', () => {
    const result = mappings.factuursturen.encode({ name: 'x', number: 'KD123' }, 'billomat:1', { mode: 'create' });
    expect(result.issues).toEqual([]);
    expect(result.dropped).toEqual([{ record: 'billomat:1', field: 'number (factuursturen clientnr)', rule: 'a whole number', actual: '"KD123"' }]);
    expect(result.body).not.toHaveProperty('clientnr');
  });

  it('describes long values by their length, never by their content', () => {
    const issues = mappings.factuursturen.checkLimits({ name: 'Jan Jansen, Kerkstraat 12, 1234 AB Ergens — privé klant sinds 1999' }, 'x');
    expect(issues[0]?.actual).toMatch(/^\d+ characters$/);
  });

  it('finds nothing in a record the target can hold', () => {
    expect(mappings.billomat.checkLimits({ name: 'Musterfirma', channels: { email: 'info@example.com' }, banking: { iban: 'DE89370400440532013000' } }, 'x')).toEqual([]);
  });
});
