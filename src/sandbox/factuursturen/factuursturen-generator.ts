import { generateClientProfile, isoDate, type ClientProfile } from '../generate/client-profile.js';
import { padTo, truncateTo } from '../generate/text-fit.js';
import { createPrng } from '../prng.js';
import type { JsonRecord } from '../reply.js';
import { formatLocalDateTime } from '../zoned-time.js';
import { initialFsClient } from './client-writes.js';
import type { FsCountryTable } from './countries.js';

const MAIL_INTROS = { nl: 'Geachte heer/mevrouw,', en: 'Dear Sir/Madam,', de: 'Sehr geehrte Damen und Herren,', fr: 'Madame, Monsieur,' } as const;
const FILLER = 'Installatietechniek en Onderhoud Noord-Holland 🔧';

/**
 * Seeded FactuurSturen clients: mostly Dutch customers in FactuurSturen's JSON shape (every value a
 * string, booleans "true"/"false", the country as a `/countrylist` id), with valid IBANs and VAT
 * numbers, a `lastinvoice` date on about a third (so deleting them is refused, seed 002), and every
 * 47th client filled to the documented maximum lengths.
 */
export function generateFactuursturenClients(count: number, seed: number | string, countries: FsCountryTable): JsonRecord[] {
  const records: JsonRecord[] = [];
  for (let index = 0; index < count; index++) {
    const prng = createPrng(`${String(seed)}/factuursturen/${String(index)}`);
    records.push(toFsRecord(generateClientProfile(prng, index, 'NL'), countries, prng.int(0, 9)));
  }
  return records;
}

function toFsRecord(profile: ClientProfile, countries: FsCountryTable, lastInvoiceDays: number): JsonRecord {
  const fit = (value: string, limit: number): string => (profile.atMaxLength && value !== '' ? padTo(value, limit, FILLER) : truncateTo(value, limit));
  const person = `${profile.person.firstName} ${profile.person.lastName}`;
  const foreignCompany = profile.vat !== undefined && profile.address.country !== 'NL';
  const record = initialFsClient(String(profile.index + 1));
  Object.assign(record, {
    contact: fit(profile.isCompany ? person : '', 50),
    showcontact: profile.isCompany ? 'true' : 'false',
    company: fit(profile.name, 50),
    address: fit(profile.address.street, 50),
    address_addon: truncateTo(profile.address.street2, 50),
    zipcode: profile.address.postalCode,
    city: fit(profile.address.city, 50),
    country: countries.byIso(profile.address.country)?.id ?? '146',
    phone: profile.phone,
    mobile: profile.mobile,
    email: profile.email,
    bankcode: profile.bank?.iban ?? '',
    biccode: profile.bank?.bic ?? '',
    taxnumber: profile.vat?.vatNumber ?? '',
    // EU business customers abroad: VAT shifted to the receiver.
    tax_shifted: foreignCompany ? 'true' : 'false',
    lastinvoice: profile.hasDocuments ? isoDate(profile.updatedAt - lastInvoiceDays * 86_400_000) : '',
    sendmethod: profile.index % 7 === 0 ? 'mail' : 'email',
    paymentmethod: profile.bank?.mandate === undefined ? 'bank' : 'autocollect',
    top: String(profile.paymentTermDays),
    stddiscount: String(profile.discountPercent),
    mailintro: fit(profile.language === 'nl' ? `Beste ${profile.person.firstName},` : MAIL_INTROS[profile.language], 128),
    reference: { line1: profile.index % 6 === 0 ? `Uw ref: ${profile.externalId || 'PO-' + String(profile.index)}` : '', line2: '', line3: '' },
    notes: profile.note.text,
    active: profile.archived ? 'false' : 'true',
    default_doclang: profile.language,
    currency: profile.currency,
    mandate_id: profile.bank?.mandate?.reference ?? '',
    mandate_date: profile.bank?.mandate?.date ?? '',
    collecttype: profile.bank?.mandate === undefined ? 'FRST' : 'RCUR',
    tax_type: profile.isCompany ? 'extax' : 'intax',
    timestamp: formatLocalDateTime(profile.updatedAt),
  });
  return record;
}
