import type { FieldRule } from '../field-checks.js';

/**
 * FactuurSturen's client attributes (seed 002, plus `address_addon` and `addon` from the newer
 * documentation, VENDORS.md §2.2), in the order of the real payload, with the values a new client
 * gets. Every value is a string; booleans are "true"/"false" (VENDORS.md §2.2).
 */
export interface FsField {
  readonly name: string;
  readonly initial: string;
  readonly rule: FieldRule | 'boolean' | 'country' | 'reference' | 'readOnly';
}

const text = (max?: number): FieldRule => (max === undefined ? { type: 'text' } : { type: 'text', max });

/** Attributes in the order of the real payload (VENDORS.md §2.2), `clientnr` excepted. */
export const FS_FIELDS: readonly FsField[] = [
  { name: 'contact', initial: '', rule: text(50) },
  { name: 'showcontact', initial: 'true', rule: 'boolean' },
  { name: 'company', initial: '', rule: text(50) },
  { name: 'address', initial: '', rule: text(50) },
  { name: 'address_addon', initial: '', rule: text(50) },
  { name: 'zipcode', initial: '', rule: text(7) },
  { name: 'city', initial: '', rule: text(50) },
  // An id from /countrylist, or a name FactuurSturen resolves ("we'll then try to find the id").
  { name: 'country', initial: '146', rule: 'country' },
  { name: 'phone', initial: '', rule: text(13) },
  { name: 'mobile', initial: '', rule: text(13) },
  { name: 'email', initial: '', rule: text(255) },
  { name: 'addon', initial: '', rule: text(255) },
  { name: 'bankcode', initial: '', rule: text(32) },
  { name: 'biccode', initial: '', rule: text(32) },
  { name: 'taxnumber', initial: '', rule: text(18) },
  { name: 'tax_shifted', initial: 'false', rule: 'boolean' },
  { name: 'lastinvoice', initial: '', rule: 'readOnly' },
  { name: 'sendmethod', initial: 'mail', rule: { type: 'enum', values: ['mail', 'email', 'printcenter'] } },
  { name: 'paymentmethod', initial: 'bank', rule: { type: 'enum', values: ['bank', 'autocollect'] } },
  { name: 'top', initial: '30', rule: { type: 'int', min: 0 } },
  // Typed integer, but the seed's own example sends 5.30 (seed README): decimals are accepted.
  { name: 'stddiscount', initial: '0', rule: { type: 'decimal', min: 0, max: 100 } },
  { name: 'mailintro', initial: 'Geachte heer/mevrouw,', rule: text(128) },
  { name: 'reference', initial: '', rule: 'reference' },
  { name: 'notes', initial: '', rule: text() },
  { name: 'notes_on_invoice', initial: 'false', rule: 'boolean' },
  { name: 'active', initial: 'true', rule: 'boolean' },
  { name: 'default_doclang', initial: '', rule: { type: 'enum', values: ['nl', 'en', 'de', 'fr', 'es', 'it'] } },
  { name: 'default_email', initial: '0', rule: 'readOnly' },
  { name: 'currency', initial: 'EUR', rule: { type: 'currency' } },
  { name: 'mandate_id', initial: '', rule: text() },
  { name: 'mandate_date', initial: '', rule: { type: 'date' } },
  // Seed 002 writes 'OOFF ' and 'intax ' with a trailing space; values are compared trimmed.
  { name: 'collecttype', initial: 'FRST', rule: { type: 'enum', values: ['OOFF', 'FRST', 'RCUR'] } },
  { name: 'tax_type', initial: 'extax', rule: { type: 'enum', values: ['intax', 'extax'] } },
  // In the real payload of VENDORS.md §2.2, not in the documentation.
  { name: 'default_category', initial: '0', rule: { type: 'int', min: 0 } },
  { name: 'timestamp', initial: '', rule: 'readOnly' },
];

/** The three lines of `reference` (seed 002). */
export const FS_REFERENCE_LINES = ['line1', 'line2', 'line3'] as const;

/** XML item element names of FactuurSturen's lists. */
export const FS_XML_ITEMS = { clients: 'client', countrylist: 'country' } as const;
