import { generateClientProfile, type ClientProfile } from './generate/client-profile.js';
import { createPrng } from './prng.js';

/** One generated spreadsheet row: column (in the generic layout, mappings/spreadsheet.yaml) → cell text. */
export type SpreadsheetRow = Readonly<Record<string, string>>;

/** The columns of generated rows, in order. */
export const GENERATED_SPREADSHEET_COLUMNS: readonly string[] = [
  'id', 'external_client_id', 'number', 'name', 'salutation', 'first_name', 'last_name',
  'street', 'street2', 'postal_code', 'city', 'country_code',
  'delivery_street', 'delivery_postal_code', 'delivery_city', 'delivery_country_code',
  'vat_number', 'company_id', 'tax_number', 'email', 'phone', 'mobile', 'website',
  'iban', 'bic', 'account_holder', 'payment_term_days', 'discount_percent', 'language', 'currency', 'note', 'status',
  ...[1, 2, 3].flatMap((n) => [`contacts.${n}.name`, `contacts.${n}.first_name`, `contacts.${n}.last_name`, `contacts.${n}.email`]),
];

function toRow(profile: ClientProfile): SpreadsheetRow {
  const row: Record<string, string> = {
    id: String(profile.index + 1),
    external_client_id: profile.externalId,
    number: String(10_000 + profile.index),
    name: profile.isCompany ? profile.name : '',
    salutation: profile.person.salutation,
    first_name: profile.person.firstName,
    last_name: profile.person.lastName,
    street: profile.address.street,
    street2: profile.address.street2,
    postal_code: profile.address.postalCode,
    city: profile.address.city,
    country_code: profile.address.country,
    delivery_street: profile.deliveryAddress?.street ?? '',
    delivery_postal_code: profile.deliveryAddress?.postalCode ?? '',
    delivery_city: profile.deliveryAddress?.city ?? '',
    delivery_country_code: profile.deliveryAddress?.country ?? '',
    vat_number: profile.vat?.vatNumber ?? '',
    company_id: profile.vat?.companyId ?? '',
    tax_number: profile.taxNumber,
    email: profile.email,
    phone: profile.phone,
    mobile: profile.mobile,
    website: profile.website,
    iban: profile.bank?.iban ?? '',
    bic: profile.bank?.bic ?? '',
    account_holder: profile.bank?.holder ?? '',
    payment_term_days: String(profile.paymentTermDays),
    discount_percent: profile.discountPercent === 0 ? '' : String(profile.discountPercent),
    language: profile.language,
    currency: profile.currency,
    note: profile.note.text,
    status: profile.archived ? 'archived' : 'active',
  };
  profile.contacts.slice(0, 3).forEach((contact, i) => {
    row[`contacts.${i + 1}.name`] = `${contact.firstName} ${contact.lastName}`;
    row[`contacts.${i + 1}.first_name`] = contact.firstName;
    row[`contacts.${i + 1}.last_name`] = contact.lastName;
    row[`contacts.${i + 1}.email`] = contact.email;
  });
  return row;
}

/**
 * `count` invented clients as rows of a spreadsheet in the generic layout, the same for the same
 * seed: companies and private persons of Belgium, the Netherlands and Germany (and a few from
 * further away, with their scripts), with addresses, VAT numbers and IBANs whose check digits are
 * right, and up to three contacts. For rehearsing a migration from a spreadsheet, and for tests.
 */
export function generateSpreadsheetRows(count: number, seed: number | string = 1): SpreadsheetRow[] {
  const prng = createPrng(`spreadsheet:${String(seed)}`);
  const homes = ['BE', 'NL', 'DE'] as const;
  return Array.from({ length: count }, (_, index) => toRow(generateClientProfile(prng.fork(String(index)), index, homes[index % 3] ?? 'BE')));
}
