import type { FieldRule } from '../field-checks.js';

/**
 * Billomat's client fields (seed 003: the GET example and the create table; `updated`,
 * `dig_exclude` and `client-property-values` from the real payloads of j-frost/billomat-ts,
 * VENDORS.md §3.2), in the order of the real payload, with the values a new client gets in the
 * recorded account. Every value is a string; booleans are "0"/"1" (VENDORS.md §3.2).
 */
export type BillomatRule = FieldRule | 'bool' | 'email' | 'vat' | 'iban' | 'locale' | 'readOnly';

/** One field: its name, the value a new record gets, and how a write is checked. */
export interface BillomatField {
  readonly name: string;
  readonly initial: string;
  readonly rule: BillomatRule;
}

const text: FieldRule = { type: 'text' };
const defaultType: FieldRule = { type: 'enum', values: ['SETTINGS', 'ABSOLUTE', 'RELATIVE'] };
const float: FieldRule = { type: 'decimal' };
const int: FieldRule = { type: 'int' };

/** Client fields in the order of the real payload (clients-get-response.json). */
export const BILLOMAT_CLIENT_FIELDS: readonly BillomatField[] = [
  { name: 'id', initial: '', rule: 'readOnly' },
  { name: 'created', initial: '', rule: 'readOnly' },
  { name: 'updated', initial: '', rule: 'readOnly' },
  { name: 'archived', initial: '0', rule: 'bool' },
  { name: 'dig_exclude', initial: '0', rule: 'bool' },
  { name: 'client_number', initial: '', rule: 'readOnly' },
  { name: 'number', initial: '', rule: { type: 'int', min: 1 } },
  { name: 'number_pre', initial: 'KD', rule: text },
  { name: 'number_length', initial: '0', rule: { type: 'int', min: 0, max: 20 } },
  { name: 'name', initial: '', rule: text },
  { name: 'salutation', initial: '', rule: text },
  { name: 'first_name', initial: '', rule: text },
  { name: 'last_name', initial: '', rule: text },
  { name: 'street', initial: '', rule: text },
  { name: 'zip', initial: '', rule: text },
  { name: 'city', initial: '', rule: text },
  { name: 'state', initial: '', rule: text },
  // "Value from your own company" when not given (seed 003).
  { name: 'country_code', initial: '', rule: { type: 'country' } },
  { name: 'address', initial: '', rule: 'readOnly' },
  { name: 'phone', initial: '', rule: text },
  { name: 'fax', initial: '', rule: text },
  { name: 'mobile', initial: '', rule: text },
  { name: 'email', initial: '', rule: 'email' },
  { name: 'www', initial: '', rule: text },
  { name: 'tax_number', initial: '', rule: text },
  { name: 'vat_number', initial: '', rule: 'vat' },
  { name: 'bank_account_owner', initial: '', rule: text },
  { name: 'bank_number', initial: '', rule: text },
  { name: 'bank_name', initial: '', rule: text },
  { name: 'bank_account_number', initial: '', rule: text },
  { name: 'bank_swift', initial: '', rule: text },
  { name: 'bank_iban', initial: '', rule: 'iban' },
  { name: 'currency_code', initial: '', rule: { type: 'currency' } },
  { name: 'enable_customerportal', initial: '0', rule: 'bool' },
  { name: 'customerportal_url', initial: '', rule: 'readOnly' },
  // Not validated: seed 003's own example stores `CASH,PAPAL`, so Billomat evidently accepts any list.
  { name: 'default_payment_types', initial: '', rule: text },
  { name: 'sepa_mandate', initial: '', rule: text },
  { name: 'sepa_mandate_date', initial: '', rule: { type: 'date' } },
  { name: 'locale', initial: '', rule: 'locale' },
  { name: 'tax_rule', initial: 'COUNTRY', rule: { type: 'enum', values: ['TAX', 'NO_TAX', 'COUNTRY'] } },
  { name: 'net_gross', initial: 'SETTINGS', rule: { type: 'enum', values: ['NET', 'GROSS', 'SETTINGS'] } },
  { name: 'price_group', initial: '0', rule: { type: 'int', min: 0 } },
  { name: 'debitor_account_number', initial: '', rule: int },
  { name: 'reduction', initial: '0', rule: float },
  { name: 'discount_rate_type', initial: 'SETTINGS', rule: defaultType },
  { name: 'discount_rate', initial: '', rule: float },
  { name: 'discount_days_type', initial: 'SETTINGS', rule: defaultType },
  { name: 'discount_days', initial: '7', rule: float },
  { name: 'due_days_type', initial: 'SETTINGS', rule: defaultType },
  { name: 'due_days', initial: '14', rule: int },
  { name: 'reminder_due_days_type', initial: 'SETTINGS', rule: defaultType },
  { name: 'reminder_due_days', initial: '7', rule: int },
  { name: 'offer_validity_days_type', initial: 'SETTINGS', rule: defaultType },
  { name: 'offer_validity_days', initial: '28', rule: int },
  { name: 'dunning_run', initial: '1', rule: 'bool' },
  { name: 'note', initial: '', rule: text },
  { name: 'revenue_gross', initial: '0', rule: 'readOnly' },
  { name: 'revenue_net', initial: '0', rule: 'readOnly' },
  // Own meta data: read-only in the create table; written through /clients/{id}/customfield.
  { name: 'customfield', initial: '', rule: 'readOnly' },
];

/** Contact fields (contacts-list-response.json, VENDORS.md §3.9). */
export const BILLOMAT_CONTACT_FIELDS: readonly BillomatField[] = [
  { name: 'id', initial: '', rule: 'readOnly' },
  { name: 'created', initial: '', rule: 'readOnly' },
  { name: 'updated', initial: '', rule: 'readOnly' },
  { name: 'client_id', initial: '', rule: 'readOnly' },
  ...['label', 'name', 'salutation', 'first_name', 'last_name', 'street', 'zip', 'city', 'state'].map((name) => ({ name, initial: '', rule: text })),
  { name: 'country_code', initial: '', rule: { type: 'country' } },
  { name: 'address', initial: '', rule: 'readOnly' },
  ...['phone', 'fax', 'mobile'].map((name) => ({ name, initial: '', rule: text })),
  { name: 'email', initial: '', rule: 'email' },
  { name: 'www', initial: '', rule: text },
  { name: 'locale', initial: '', rule: 'locale' },
  { name: 'customfield', initial: '', rule: text },
];
