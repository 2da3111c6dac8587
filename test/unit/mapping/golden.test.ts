import { beforeAll, describe, expect, it } from 'vitest';
import { CustomerSchema } from '../../../src/canonical/customer.js';
import { loadMappings } from '../../../src/mapping/index.js';
import type { Mapping } from '../../../src/mapping/mapping.js';
import { fixtureJson, fixtureXml } from '../../helpers/fixtures.js';

let mappings: Record<'eenvoudigfactureren' | 'factuursturen' | 'billomat', Mapping>;
beforeAll(async () => {
  mappings = await loadMappings();
});

function decodeOk(mapping: Mapping, raw: Record<string, unknown>) {
  const result = mapping.decode(raw);
  expect(result.issues).toEqual([]);
  expect(CustomerSchema.safeParse(result.customer).success).toBe(true);
  return result;
}

describe('golden: EenvoudigFactureren', () => {
  it('decodes the full XML example of seed 001 field by field', () => {
    const { customer: c } = decodeOk(mappings.eenvoudigfactureren, fixtureXml('golden/eenvoudigfactureren/seed-001-client.xml'));
    expect(c.externalClientId).toBe('Client-98437');
    expect(c.number).toBe('B12548');
    expect(c.name).toBe('IT Services BVBA');
    expect(c.attention).toBe('dienst administratie');
    expect(c.billingAddress).toEqual({ street: 'Langestraat 189', city: 'Antwerpen', postalCode: '2000', countryCode: 'BE' });
    expect(c.deliveryAddress).toEqual({ street: 'Gebouw X', street2: 'Kortestraat 3', postalCode: '2000', city: 'Antwerpen', countryCode: 'BE' });
    expect(c.siteAddress).toEqual({ street: 'Olifantstraat 200', postalCode: '9000', city: 'Gent', countryCode: 'BE' });
    expect(c.tax).toEqual({ vatNumber: 'BE 0123.456.789', exemptionCode: 'MC', ossCountry: 'NL' });
    expect(c.channels).toEqual({ email: 'info@hisdomain.com', phone: '098/90.20.00', website: 'http://www.it-servicesbvba.be' });
    expect(c.status).toBe('active');
    expect(c.notes).toEqual({ text: 'Betaald steeds correct.', html: '<p>Betaald steeds correct.</p>' });
    expect(c.terms).toEqual({ paymentTermDays: 30, quoteValidityDays: 30, structuredMessage: '342485986564', automaticReminders: true });
    expect(c.documentDefaults).toEqual({
      language: 'fr',
      currency: 'USD',
      note: { text: 'Omschrijving klant', html: '<p>Omschrijving klant</p>', position: 'replace' },
    });
    expect(c.banking).toEqual({
      accountHolder: 'John Smith',
      iban: 'BE938493849384349',
      bic: 'BEXXXXXXXX',
      mandate: { signedOn: '2021-01-01', reference: 'SEPA-REF-1' },
    });
    expect(c.contacts).toEqual([{ name: 'John Smith', email: 'john.smith@hisdomain.com', phone: '098/90.20.20' }]);
    expect(c.customValues).toEqual([{ name: 'myreference', label: 'Onze referentie', value: '123456' }]);
    expect(c.facts).toEqual({
      lastActivityAt: '2018-05-03T11:33:45+02:00',
      documentCounts: { invoices: 12, receipts: 7, quotes: 7, orders: 0, paymentRequests: 0, deliveries: 0, customDocuments: 0, subscriptions: 1 },
    });
  });

  it('reads the layout ids under both spellings of seed 001 (table: singular, example: plural)', () => {
    const { customer } = decodeOk(mappings.eenvoudigfactureren, fixtureXml('golden/eenvoudigfactureren/seed-001-client.xml'));
    const ext = customer.extensions?.eenvoudigfactureren ?? {};
    expect(ext.default_paymentrequest_layout_id).toBe(8001);
    expect(ext.default_customdocument_layout_id).toBe(8001);
    expect(ext.default_invoices_layout_id).toBe(8001);
    expect(ext.default_tax_category).toBe(0);
  });

  it('keeps the deprecated details, whose example carries contact_id where the table says detail_id', () => {
    const { customer } = decodeOk(mappings.eenvoudigfactureren, fixtureXml('golden/eenvoudigfactureren/seed-001-client.xml'));
    expect(customer.extensions?.eenvoudigfactureren?.details).toEqual([
      { contact_id: '2012', uri: 'https://eenvoudigfactureren.be/api/v1/clients/1001/details/2012', name: 'Bankrekeningnummer', value: '000-00000011-11' },
    ]);
  });

  it('decodes the XML and the JSON of the same record identically', () => {
    const fromXml = decodeOk(mappings.eenvoudigfactureren, fixtureXml('golden/eenvoudigfactureren/seed-001-client.xml'));
    const fromJson = decodeOk(mappings.eenvoudigfactureren, fixtureJson('golden/eenvoudigfactureren/seed-001-client.json'));
    expect(fromJson.customer).toEqual(fromXml.customer);
  });

  it('decodes the real 2017 payload: string ids, mixed counters, a country name without a code', () => {
    const { customer: c } = decodeOk(mappings.eenvoudigfactureren, fixtureJson('golden/eenvoudigfactureren/vendors-2017-client.json'));
    expect(c.externalClientId).toBeUndefined();
    expect(c.number).toBe('176');
    expect(c.name).toBe('Anna Peeters');
    expect(c.attention).toBeUndefined();
    expect(c.billingAddress).toEqual({ street: 'Kerkstraat 1', city: 'Aalst', postalCode: '9300', countryCode: 'BE' });
    expect(c.channels).toEqual({ email: 'a...@example.be', phone: '053 000000' });
    expect(c.facts?.documentCounts).toEqual({ invoices: 0, receipts: 0, quotes: 1 });
    expect(c.contacts).toEqual([{ name: 'Jan', email: 'j...@example.com' }]);
    expect(c.customValues).toBeUndefined();
  });
});

describe('golden: FactuurSturen', () => {
  it('decodes the real payload of VENDORS.md §2.2, where every value is a string', () => {
    const { customer: c } = decodeOk(mappings.factuursturen, fixtureJson('golden/factuursturen/vendors-client.json'));
    expect(c.number).toBe('1');
    expect(c.name).toBe('kees');
    expect(c.billingAddress).toEqual({ city: 'ROTT', countryCode: 'NL' });
    expect(c.documentDefaults).toEqual({ showContact: true, deliveryMethod: 'manual', emailIntro: 'Geachte heer/mevrouw,', notesOnInvoice: false, currency: 'EUR' });
    expect(c.terms).toEqual({ paymentMethods: ['bankTransfer'], paymentTermDays: 30, discountPercent: 0 });
    expect(c.tax).toEqual({ priceBasis: 'net' });
    expect(c.status).toBe('active');
    expect(c.banking).toEqual({ mandate: { sequenceType: 'first' } });
    expect(c.facts).toEqual({ lastInvoiceDate: '2015-11-24' });
    expect(c.extensions?.factuursturen).toEqual({ default_category: '0' });
  });

  it('decodes the create example of seed 002 (JSON booleans, numeric country, stddiscount 5.3)', () => {
    const { customer: c } = decodeOk(mappings.factuursturen, fixtureJson('golden/factuursturen/seed-002-create.json'));
    expect(c.contactPerson).toEqual({ firstName: 'John', lastName: 'Doe' });
    expect(c.name).toBe('Johnny Bravo Inc.');
    expect(c.billingAddress).toEqual({ street: 'Sir John Road 100', postalCode: '1337 JB', city: 'Johnsville', countryCode: 'NL' });
    expect(c.channels).toEqual({ phone: '010 123 4567', mobile: '0612 34 56 78', email: 'johnny@bravo.com' });
    expect(c.banking).toEqual({ iban: 'NL91INGB0001234567', bic: 'INGBNL2A' });
    expect(c.tax).toEqual({ vatNumber: 'NL001234567B01', priceBasis: 'gross' });
    expect(c.terms).toEqual({ paymentMethods: ['bankTransfer'], paymentTermDays: 3, discountPercent: 5.3 });
    expect(c.documentDefaults).toEqual({
      showContact: true, deliveryMethod: 'email', emailIntro: 'Dear Johnny,', notesOnInvoice: false, language: 'en', currency: 'USD',
      referenceLines: ['Your ref: ABC123', 'Our ref: XZX0029/2932/001', 'Thank you for your order'],
    });
    expect(c.notes).toEqual({ text: 'This client is always late with his payments' });
    expect(c.status).toBe('active');
  });

  it('decodes XML with leading-zero numbers as strings, and the same record in JSON identically', () => {
    const fromXml = decodeOk(mappings.factuursturen, fixtureXml('golden/factuursturen/client.xml'));
    const fromJson = decodeOk(mappings.factuursturen, fixtureJson('golden/factuursturen/client.json'));
    expect(fromXml.customer).toEqual(fromJson.customer);
    const c = fromXml.customer;
    expect(c.number).toBe('0042');
    expect(c.channels).toEqual({ phone: '0201234567', mobile: '0612345678', email: 'info@korenbloem.nl' });
    expect(c.billingAddress).toEqual({ street: 'Dorpsstraat 12', street2: 'Achteringang', postalCode: '1011 AB', city: 'Amsterdam', countryCode: 'NL' });
    expect(c.banking).toEqual({ iban: 'NL91INGB0001234567', bic: 'INGBNL2A', mandate: { reference: 'MANDAAT-0007', signedOn: '2023-02-01', sequenceType: 'recurring' } });
    expect(c.tax).toEqual({ vatNumber: 'NL001234567B01', regime: 'reverseCharge', priceBasis: 'gross' });
    expect(c.terms).toEqual({ paymentMethods: ['directDebit'], paymentTermDays: 14, discountPercent: 5.3 });
    expect(c.notes).toEqual({ text: 'Levert op dinsdag & donderdag' });
    expect(c.documentDefaults?.referenceLines).toEqual(['Uw ref: 0012']);
    expect(c.facts).toEqual({ updatedAt: '2024-07-01T09:15:00+02:00' });
    expect(c.extensions?.factuursturen).toEqual({ contact: 'Jan van Dijk', email_reminder: '1', default_category: '0' });
  });
});

describe('golden: Billomat', () => {
  it('decodes the get example of seed 003 (repaired) field by field', () => {
    const { customer: c, warnings } = decodeOk(mappings.billomat, fixtureXml('golden/billomat/seed-003-get.xml'));
    expect(c.number).toBe('KD123');
    expect(c.name).toBe('Musterfirma');
    expect(c.contactPerson).toEqual({ salutation: 'Mr', firstName: 'John', lastName: 'Doe' });
    expect(c.billingAddress).toEqual({ street: 'Teststreet 123', postalCode: '12345', city: 'Foo City', region: 'Test State Island', countryCode: 'US' });
    expect(c.channels).toEqual({ phone: '+49 123456789', fax: '+49 123456789', mobile: '+49 123456789', email: 'info@example.com', website: 'www.example.com' });
    expect(c.tax).toEqual({ taxNumber: '12/3456/789', vatNumber: 'DE123456789' });
    expect(c.banking).toEqual({
      accountHolder: 'John Doe', bankCode: '123456789', bankName: 'Deutsche Bank', accountNumber: '123456789', bic: 'SWIFT/BIC', iban: 'IBAN',
      mandate: { reference: 'MN123', signedOn: '2013-12-10' },
    });
    expect(c.terms).toEqual({
      paymentMethods: ['cash', 'paypal'], discountPercent: 10, automaticReminders: false, quoteValidityDays: 30,
    });
    expect(c.documentDefaults).toEqual({ currency: 'CHF' });
    expect(c.notes).toEqual({ text: 'Really nice custumer' });
    expect(c.status).toBe('active');
    expect(c.facts).toEqual({ createdAt: '2007-12-13T12:12:00+01:00', revenueGross: 1900, revenueNet: 1000 });
    expect(c.extensions?.billomat).toMatchObject({ enable_customerportal: true, price_group: 2, debitor_account_number: 10000 });
    expect(warnings.map((w) => w.field)).toEqual([expect.stringContaining('terms.reminderDueDays')]);
  });

  it('shows the seed 003 example as printed closes </client> before <address>: the fields after it are not part of the record', () => {
    const parsed = fixtureXml('golden/billomat/seed-003-get-as-printed.xml', 'root');
    const client = parsed.client as Record<string, unknown>;
    expect(client.country_code).toBe('US');
    expect(client.phone).toBeUndefined();
    expect(parsed.phone).toBe('+49 123456789');
  });

  it('decodes the create example of seed 003', () => {
    const { customer: c } = decodeOk(mappings.billomat, fixtureXml('golden/billomat/seed-003-create.xml'));
    expect(c.name).toBe('Musterfirma');
    expect(c.contactPerson).toEqual({ salutation: 'Herr', firstName: 'Max', lastName: 'Muster' });
    expect(c.billingAddress).toEqual({ street: 'Musterstraße 123', postalCode: '12345', city: 'Musterstadt', region: 'Bundesland', countryCode: 'DE' });
  });

  it('decodes a one-client list, where client is an object and the property value is an object too', () => {
    const list = fixtureJson('golden/billomat/list-one-client.json') as { clients: { client: Record<string, unknown> } };
    const { customer: c } = decodeOk(mappings.billomat, list.clients.client);
    expect(c.number).toBe('KD1');
    expect(c.contactPerson).toEqual({ firstName: 'Max', lastName: 'Muster' });
    expect(c.terms).toEqual({ discountPercent: 0, automaticReminders: true });
    expect(c.customValues).toEqual([{ name: 'G Suite Domain', value: 'example.com' }]);
    expect(c.facts).toEqual({ createdAt: '2020-05-15T14:31:37+02:00', updatedAt: '2020-05-27T21:00:10+02:00', revenueGross: 0, revenueNet: 0 });
  });

  it('decodes a create answer whose client-property-values is the empty string', () => {
    const { customer: c } = decodeOk(mappings.billomat, (fixtureJson('golden/billomat/create-response.json') as { client: Record<string, unknown> }).client);
    expect(c.customValues).toBeUndefined();
    expect(c.number).toBe('KD4');
    expect(c.billingAddress).toEqual({ countryCode: 'DE' });
  });

  it('keeps leading zeros in XML (zip 01067, phone 0351…) and reads RELATIVE settings with a warning', () => {
    const { customer: c, warnings } = decodeOk(mappings.billomat, fixtureXml('golden/billomat/client-leading-zeros.xml'));
    expect(c.billingAddress).toEqual({ street: 'Königsbrücker Straße 5', postalCode: '01067', city: 'Dresden', countryCode: 'DE' });
    expect(c.channels).toEqual({ phone: '0351 4455667', mobile: '01701234567' });
    expect(c.number).toBe('0042');
    expect(c.externalClientId).toBe('ef-1001');
    expect(c.banking).toEqual({ iban: 'DE89370400440532013000' });
    expect(c.tax).toEqual({ vatNumber: 'DE136695976', regime: 'exempt', priceBasis: 'gross' });
    expect(c.documentDefaults).toEqual({ language: 'de' });
    expect(c.terms).toEqual({ paymentTermDays: 21 });
    expect(c.customValues).toEqual([{ name: 'Kundengruppe', value: '007' }]);
    expect(warnings).toHaveLength(1);
    expect(c.extensions?.billomat?.locale).toBe('de_AT');
  });
});
