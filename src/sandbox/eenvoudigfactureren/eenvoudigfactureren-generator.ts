import { countryName } from '../field-checks.js';
import { generateClientProfile, type ClientProfile, type GeneratedAddress } from '../generate/client-profile.js';
import { padTo, truncateTo } from '../generate/text-fit.js';
import { createPrng } from '../prng.js';
import type { JsonRecord } from '../reply.js';
import { formatLocalDateTime } from '../zoned-time.js';
import { EF_COUNTERS } from './client-fields.js';
import { counterValue, orderEfClient } from './client-record.js';
import { initialClient, type EfCustomField } from './client-writes.js';

/** What the EF generator needs besides the seed. */
export interface EfGeneratorOptions {
  readonly count: number;
  readonly seed: number | string;
  readonly baseUrl: string;
  readonly customFields: readonly EfCustomField[];
  readonly firstClientId: number;
  /** Hands out contact ids. */
  readonly nextContactId: () => string;
}

const LANGUAGES = { nl: 'dutch', fr: 'french', de: 'german', en: 'english' } as const;
const FILLER = 'Algemene Onderneming voor Bouw, Renovatie en Onderhoud van Gebouwen 🏗';

/**
 * Seeded EF clients: mostly Belgian customers in EF's JSON shape, with valid enterprise and VAT
 * numbers, IBANs under `sepa_collection`, structured messages, contacts, custom values, HTML notes,
 * documents on about a third (so deleting them is refused), and every 47th client filled to the
 * documented maximum lengths (seed 001).
 */
export function generateEenvoudigfacturenClients(options: EfGeneratorOptions): JsonRecord[] {
  const records: JsonRecord[] = [];
  for (let index = 0; index < options.count; index++) {
    const prng = createPrng(`${String(options.seed)}/eenvoudigfactureren/${String(index)}`);
    records.push(toEfRecord(generateClientProfile(prng, index, 'BE'), options, String(options.firstClientId + index), prng.int(1, 40)));
  }
  return records;
}

function toEfRecord(profile: ClientProfile, options: EfGeneratorOptions, id: string, documents: number): JsonRecord {
  const max = profile.atMaxLength;
  const fit = (value: string, limit: number): string => (max && value !== '' ? padTo(value, limit, FILLER) : truncateTo(value, limit));
  const uri = `${options.baseUrl}/clients/${id}`;
  const record = initialClient(options.customFields);
  const vat = profile.vat;
  const belgianVat = vat?.vatNumber.startsWith('BE') === true && profile.index % 2 === 0;
  Object.assign(record, {
    client_id: id,
    uri,
    // At the maximum length, yet unique per client: duplicate external ids are a conflict, not test data.
    external_client_id: max ? `${profile.externalId || 'CRM-'}${String(profile.index).padStart(8, '0')}-`.padEnd(50, '7') : profile.externalId,
    number: String(profile.index + 1),
    name: fit(profile.name, 75),
    attention: profile.isCompany && profile.index % 3 === 0 ? fit(`t.a.v. ${profile.person.firstName} ${profile.person.lastName}`, 100) : '',
    street: fit(profile.address.street, 150),
    street2: truncateTo(profile.address.street2, 150),
    city: fit(profile.address.city, 50),
    postal_code: profile.address.postalCode,
    country: countryName(profile.address.country, 'nl') ?? '',
    country_code: profile.address.country,
    // EF's own example writes `BE 0123.456.789`; half the Belgian numbers keep that printed form.
    tax_code: vat === undefined ? '' : belgianVat ? `BE ${vat.companyId ?? ''}` : vat.vatNumber,
    company_id: vat?.companyId ?? '',
    email_address: fit(profile.email, 125),
    phone_number: profile.phone || profile.mobile,
    website: profile.website === '' ? '' : `http://${profile.website}`,
    state: profile.archived ? 'archived' : 'active',
    private_note: profile.note.text,
    private_note_html: profile.note.html,
    last_activity: formatLocalDateTime(profile.updatedAt),
    default_days_invoice_due: profile.paymentTermDays === 30 ? '' : String(profile.paymentTermDays),
    // Intra-community customers: rate 0 with EF's "MC" exemption code (seed 001 example).
    default_tax_category: vat !== undefined && profile.address.country !== 'BE' ? '0' : '1',
    default_tax_category_special_status: vat !== undefined && profile.address.country !== 'BE' ? 'MC' : '',
    default_discount_percentage: profile.discountPercent === 0 ? '' : String(profile.discountPercent),
    default_structured_message: profile.structuredMessage,
    default_language: LANGUAGES[profile.language],
    default_currency: profile.currency,
    contacts: profile.contacts.map((person) => {
      const contactId = options.nextContactId();
      return {
        contact_id: contactId,
        uri: `${uri}/contacts/${contactId}`,
        contact_name: `${person.firstName} ${person.lastName}`,
        email_address: person.email,
        phone_number: profile.index % 4 === 0 ? profile.mobile : '',
      };
    }),
    custom_values: options.customFields.map((field, i) => ({
      name: field.name,
      description: field.description,
      value: i === 0 && profile.index % 5 === 0 ? fit(`PO-${String(profile.index).padStart(6, '0')}`, 75) : '',
    })),
  });
  if (profile.deliveryAddress !== undefined) record.delivery_address = efAddress(profile.deliveryAddress);
  if (profile.bank !== undefined) {
    record.sepa_collection = {
      name: truncateTo(profile.bank.holder, 100),
      iban: profile.bank.iban,
      bic: profile.bank.bic,
      mandate_date: profile.bank.mandate?.date ?? '',
      mandate_reference: profile.bank.mandate?.reference ?? '',
    };
  }
  for (const counter of EF_COUNTERS) record[counter] = counterValue(0);
  if (profile.hasDocuments) {
    record.invoice_count = counterValue(documents);
    record.quote_count = counterValue(Math.floor(documents / 3));
  }
  return orderEfClient(record);
}

function efAddress(address: GeneratedAddress): JsonRecord {
  return {
    street: address.street,
    street2: address.street2,
    postal_code: address.postalCode,
    city: address.city,
    country: countryName(address.country, 'nl') ?? '',
    country_code: address.country,
  };
}
