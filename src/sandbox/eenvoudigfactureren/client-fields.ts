import type { FieldRule } from '../field-checks.js';

/**
 * EenvoudigFactureren's client fields, limits and defaults, from the clients page (seed 000 in
 * English, seed 001 in Dutch, newer). The simulator validates with these tables, never with our
 * mapping files: it stands for the vendor.
 */
export interface EfScalarField {
  readonly name: string;
  /** Value of a new client that does not set the field ("standaard", seed 001). */
  readonly initial: string;
  readonly rule: FieldRule;
}

const text = (max?: number): FieldRule => (max === undefined ? { type: 'text' } : { type: 'text', max });
const yesNo: FieldRule = { type: 'enum', values: ['yes', 'no'] };
const layout: FieldRule = { type: 'int', min: 1 };
const percent: FieldRule = { type: 'decimal', min: 0, max: 100, decimals: 2 };

/** Writable top-level text fields in the order EF answers them (seed 001 XML example). */
export const EF_SCALAR_FIELDS: readonly EfScalarField[] = [
  { name: 'external_client_id', initial: '', rule: text(50) },
  { name: 'number', initial: '', rule: text(55) },
  { name: 'name', initial: '', rule: text(75) },
  // Seed 000 (English) says 75, seed 001 (Dutch, newer) says 100: the newer copy wins.
  { name: 'attention', initial: '', rule: text(100) },
  { name: 'street', initial: '', rule: text(150) },
  { name: 'street2', initial: '', rule: text(150) },
  { name: 'city', initial: '', rule: text(50) },
  { name: 'postal_code', initial: '', rule: text(10) },
  { name: 'tax_code', initial: '', rule: text(75) },
  { name: 'tax_code_registration_pending', initial: 'no', rule: yesNo },
  { name: 'company_id', initial: '', rule: text(75) },
  { name: 'email_address', initial: '', rule: text(125) },
  { name: 'phone_number', initial: '', rule: text(20) },
  { name: 'website', initial: '', rule: text(150) },
  { name: 'state', initial: 'active', rule: { type: 'enum', values: ['active', 'archived'] } },
  { name: 'private_note', initial: '', rule: text() },
  { name: 'private_note_html', initial: '', rule: text() },
  { name: 'default_days_invoice_due', initial: '', rule: { type: 'int', min: 0 } },
  { name: 'default_days_quote_valid', initial: '', rule: { type: 'int', min: 0 } },
  { name: 'default_tax_category', initial: '1', rule: { type: 'enum', values: ['0', '1', '2', '3'] } },
  { name: 'default_tax_category_special_status', initial: '', rule: text(20) },
  { name: 'default_tax_country_code', initial: '', rule: { type: 'country' } },
  { name: 'default_discount_percentage', initial: '', rule: percent },
  { name: 'default_cash_discount_active', initial: '', rule: yesNo },
  { name: 'default_cash_discount_percentage', initial: '', rule: percent },
  { name: 'default_cash_discount_days_valid', initial: '', rule: { type: 'int', min: 0, max: 100 } },
  // 12 digits with a mod-97 check (seed 001; seed 000 copies the reminders text by mistake).
  { name: 'default_structured_message', initial: '', rule: text() },
  { name: 'default_automatic_reminders', initial: '', rule: yesNo },
  { name: 'default_language', initial: 'dutch', rule: { type: 'enum', values: ['dutch', 'french', 'english', 'german'] } },
  { name: 'default_currency', initial: 'EUR', rule: { type: 'currency' } },
  { name: 'default_note', initial: '', rule: text() },
  { name: 'default_note_html', initial: '', rule: text() },
  { name: 'default_note_position', initial: 'top', rule: { type: 'enum', values: ['top', 'bottom', 'replace'] } },
  { name: 'default_invoices_layout_id', initial: '', rule: layout },
  { name: 'default_receipts_layout_id', initial: '', rule: layout },
  { name: 'default_quotes_layout_id', initial: '', rule: layout },
  { name: 'default_orders_layout_id', initial: '', rule: layout },
  { name: 'default_paymentrequest_layout_id', initial: '', rule: layout },
  { name: 'default_deliveries_layout_id', initial: '', rule: layout },
  { name: 'default_customdocument_layout_id', initial: '', rule: layout },
];

/**
 * Seed 001's XML example spells two layout fields in the plural; the field table in the singular.
 * Both are accepted on write, the table's spelling is answered.
 */
export const EF_FIELD_ALIASES: Readonly<Record<string, string>> = {
  default_paymentrequests_layout_id: 'default_paymentrequest_layout_id',
  default_customdocuments_layout_id: 'default_customdocument_layout_id',
};

/** Type Address (seed 001): `country_code` is mandatory inside an address; `country` is derived. */
export const EF_ADDRESS_FIELDS: readonly EfScalarField[] = [
  { name: 'street', initial: '', rule: text(150) },
  { name: 'street2', initial: '', rule: text(150) },
  { name: 'postal_code', initial: '', rule: text(10) },
  { name: 'city', initial: '', rule: text(50) },
  { name: 'country_code', initial: '', rule: { type: 'country' } },
];

/** Type Sepa (seed 001). */
export const EF_SEPA_FIELDS: readonly EfScalarField[] = [
  { name: 'name', initial: '', rule: text(100) },
  { name: 'iban', initial: '', rule: text(50) },
  { name: 'bic', initial: '', rule: text(50) },
  { name: 'mandate_date', initial: '', rule: { type: 'date' } },
  { name: 'mandate_reference', initial: '', rule: text(100) },
];

/** Sub-domain contacts (seed 001): a name, and an e-mail address or a phone number. */
export const EF_CONTACT_FIELDS: readonly EfScalarField[] = [
  { name: 'contact_name', initial: '', rule: text(254) },
  { name: 'email_address', initial: '', rule: text(125) },
  { name: 'phone_number', initial: '', rule: text(20) },
];

/** Document counters, set by EF itself (seed 001 adds paymentrequest and customdocument). */
export const EF_COUNTERS = [
  'invoice_count',
  'receipt_count',
  'quote_count',
  'order_count',
  'paymentrequest_count',
  'delivery_count',
  'customdocument_count',
  'subscription_count',
] as const;

/** Maximum length of a custom value (sub-domain custom_values, seed 001). */
export const EF_CUSTOM_VALUE_MAX = 75;

/** XML item element names of EF's list fields (seed 001 XML example). */
export const EF_XML_ITEMS = { clients: 'client', contacts: 'contact', details: 'detail', custom_values: 'custom_value' } as const;
