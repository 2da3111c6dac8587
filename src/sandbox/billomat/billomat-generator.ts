import { generateClientProfile, type ClientProfile } from '../generate/client-profile.js';
import { createPrng } from '../prng.js';
import type { JsonRecord } from '../reply.js';
import { formatIsoWithOffset } from '../zoned-time.js';
import { withDerivedFields } from './billomat-context.js';
import { propertyValueNesting, type BillomatProperty } from './billomat-state.js';
import { BILLOMAT_CLIENT_FIELDS, BILLOMAT_CONTACT_FIELDS } from './client-fields.js';
import { BILLOMAT_PORTAL_HOST, initialBillomatClient } from './client-routes.js';

/** What the Billomat generator needs besides the seed. */
export interface BillomatGeneratorOptions {
  readonly count: number;
  readonly seed: number | string;
  readonly firstClientId: number;
  readonly properties: readonly BillomatProperty[];
  readonly nextContactId: () => string;
  readonly nextPropertyValueId: () => string;
}

/** A generated account: clients, their contacts, and which clients have documents. */
export interface GeneratedBillomatAccount {
  readonly clients: JsonRecord[];
  readonly contacts: JsonRecord[];
  /** Ids of clients that have documents (deleting them is refused). */
  readonly documents: string[];
}

const LOCALES: Readonly<Record<string, string>> = { nl: 'nl_NL', fr: 'fr_FR', en: 'en_GB' };

/**
 * Seeded Billomat clients: mostly German customers in Billomat's JSON shape (strings, booleans
 * "0"/"1", ISO timestamps with offset), private customers with only first and last name, contacts
 * as separate records, client property values nested as object, array or "" (VENDORS.md §3.2), and
 * documents on about a third.
 */
export function generateBillomatAccount(options: BillomatGeneratorOptions): GeneratedBillomatAccount {
  const account: GeneratedBillomatAccount = { clients: [], contacts: [], documents: [] };
  for (let index = 0; index < options.count; index++) {
    const prng = createPrng(`${String(options.seed)}/billomat/${String(index)}`);
    const profile = generateClientProfile(prng, index, 'DE');
    const id = String(options.firstClientId + index);
    account.clients.push(toBillomatClient(profile, id, options, prng.int(100, 25_000)));
    if (profile.hasDocuments) account.documents.push(id);
    for (const person of profile.contacts) {
      const contact: JsonRecord = {};
      for (const field of BILLOMAT_CONTACT_FIELDS) contact[field.name] = field.initial;
      Object.assign(contact, {
        id: options.nextContactId(),
        created: formatIsoWithOffset(profile.createdAt),
        updated: formatIsoWithOffset(profile.updatedAt),
        client_id: id,
        label: 'Ansprechpartner',
        name: `${person.firstName} ${person.lastName}`,
        salutation: salutation(person.salutation, profile.address.country),
        first_name: person.firstName,
        last_name: person.lastName,
        email: person.email,
        address: `${profile.name}\n${person.firstName} ${person.lastName}`,
      });
      account.contacts.push(contact);
    }
  }
  return account;
}

function salutation(value: 'Mr' | 'Ms', country: string): string {
  if (country === 'DE' || country === 'AT' || country === 'CH') return value === 'Mr' ? 'Herr' : 'Frau';
  return value;
}

function toBillomatClient(profile: ClientProfile, id: string, options: BillomatGeneratorOptions, revenue: number): JsonRecord {
  const record = initialBillomatClient();
  const bank = profile.bank;
  Object.assign(record, {
    id,
    created: formatIsoWithOffset(profile.createdAt),
    updated: formatIsoWithOffset(profile.updatedAt),
    archived: profile.archived ? '1' : '0',
    number: String(profile.index + 1),
    // Private customers have no company name, only a person (as the Billomat web app records them).
    name: profile.isCompany ? profile.name : '',
    salutation: salutation(profile.person.salutation, profile.address.country),
    first_name: profile.person.firstName,
    last_name: profile.person.lastName,
    street: profile.address.street,
    zip: profile.address.postalCode,
    city: profile.address.city,
    state: profile.address.region,
    country_code: profile.address.country,
    phone: profile.phone,
    fax: profile.fax,
    mobile: profile.mobile,
    email: profile.email,
    www: profile.website,
    tax_number: profile.taxNumber,
    vat_number: profile.vat?.vatNumber ?? '',
    bank_account_owner: bank?.holder ?? '',
    bank_name: bank?.bankName ?? '',
    bank_swift: bank?.bic ?? '',
    bank_iban: bank?.iban ?? '',
    currency_code: profile.currency === 'EUR' ? '' : profile.currency,
    default_payment_types: profile.index % 9 === 0 ? 'BANK_TRANSFER,PAYPAL' : '',
    sepa_mandate: bank?.mandate?.reference ?? '',
    sepa_mandate_date: bank?.mandate?.date ?? '',
    locale: LOCALES[profile.language] ?? '',
    debitor_account_number: profile.index % 2 === 0 ? String(10_000 + profile.index) : '',
    reduction: String(profile.discountPercent),
    due_days_type: profile.paymentTermDays === 14 ? 'SETTINGS' : 'ABSOLUTE',
    due_days: String(profile.paymentTermDays),
    // Notes are free text; half of them carry the HTML the web app's editor produces.
    note: profile.index % 2 === 0 ? profile.note.html : profile.note.text,
    revenue_gross: profile.hasDocuments ? (revenue * 1.19).toFixed(2) : '0',
    revenue_net: profile.hasDocuments ? revenue.toFixed(2) : '0',
    customfield: profile.externalId,
  });
  const values: JsonRecord[] = [];
  const [domain, group] = options.properties;
  if (domain !== undefined && profile.website !== '' && profile.index % 2 === 0) values.push(propertyValue(options, id, domain, profile.website.replace(/^www\./, '')));
  if (group !== undefined && profile.index % 5 === 0) values.push(propertyValue(options, id, group, profile.index % 10 === 0 ? 'A-Kunde' : 'B-Kunde'));
  record['client-property-values'] = propertyValueNesting(values);
  // Keep every documented key, in order, even the ones the profile does not fill.
  for (const field of BILLOMAT_CLIENT_FIELDS) record[field.name] ??= field.initial;
  return withDerivedFields(record, BILLOMAT_PORTAL_HOST);
}

function propertyValue(options: BillomatGeneratorOptions, clientId: string, property: BillomatProperty, value: string): JsonRecord {
  return { id: options.nextPropertyValueId(), client_id: clientId, client_property_id: property.id, type: property.type, name: property.name, value, customfield: '' };
}
