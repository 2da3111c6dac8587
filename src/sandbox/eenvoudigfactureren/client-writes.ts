import { checkValue, countryCodeFromName, countryName, isCountryCode, scalarText } from '../field-checks.js';
import type { JsonRecord } from '../reply.js';
import { EF_ADDRESS_FIELDS, EF_COUNTERS, EF_CUSTOM_VALUE_MAX, EF_FIELD_ALIASES, EF_SCALAR_FIELDS, EF_SEPA_FIELDS, type EfScalarField } from './client-fields.js';
import { orderEfClient } from './client-record.js';
import { applyContactWrite, type EfWriteResult } from './contact-writes.js';

/** A custom field the account defines ("Instellingen > Geavanceerd", seed 001 custom_values). */
export interface EfCustomField {
  readonly name: string;
  readonly description: string;
}

/** What a client write needs besides its body. */
export interface EfWriteContext {
  /** `create` (POST /clients), `update` (POST /clients/{id}, partial), `replace` (PUT, full). */
  readonly mode: 'create' | 'update' | 'replace';
  readonly current: JsonRecord | undefined;
  readonly customFields: readonly EfCustomField[];
  readonly nextContactId: () => string;
  /** The client's URI, the base of its contacts' URIs. */
  readonly clientUri: string;
}

const SYSTEM_FIELDS = ['client_id', 'uri', 'last_activity', ...EF_COUNTERS, 'details'];

/**
 * Applies a write body to a client the way EF does (VENDORS.md §1.6): POST on an id changes only
 * the fields sent, PUT replaces the record (omitted fields are cleared; an omitted `contacts` key
 * keeps the contacts, an empty array deletes them). Read-only fields in the body are ignored.
 * Answers EF's first complaint in its own words (`phone_number too long`).
 */
export function applyEfClientWrite(input: JsonRecord, context: EfWriteContext): EfWriteResult<JsonRecord> {
  const current = context.current;
  const record: JsonRecord = context.mode === 'update' && current !== undefined ? structuredClone(current) : initialClient(context.customFields);
  if (context.mode === 'replace' && current !== undefined) {
    for (const key of SYSTEM_FIELDS) if (key in current) record[key] = current[key];
    if (!('contacts' in input)) record.contacts = current.contacts;
    if (!('custom_values' in input)) record.custom_values = current.custom_values;
  }
  const body: JsonRecord = {};
  for (const [key, value] of Object.entries(input)) body[EF_FIELD_ALIASES[key] ?? key] = value;

  for (const field of EF_SCALAR_FIELDS) {
    if (!(field.name in body)) continue;
    const checked = checkField(field, body[field.name]);
    if (typeof checked === 'string') return { ok: false, error: checked };
    record[field.name] = checked.value;
  }
  const countryFailure = applyCountry(record, body);
  if (countryFailure !== undefined) return { ok: false, error: countryFailure };
  for (const key of ['delivery_address', 'site_address', 'sepa_collection'] as const) {
    if (!(key in body)) continue;
    const fields = key === 'sepa_collection' ? EF_SEPA_FIELDS : EF_ADDRESS_FIELDS;
    const result = applyNested(key, fields, body[key], context.mode === 'update' ? record[key] : undefined);
    if (!result.ok) return result;
    if (result.value === undefined) Reflect.deleteProperty(record, key);
    else record[key] = result.value;
  }
  if ('contacts' in body) {
    const result = applyContacts(body.contacts, current?.contacts, context);
    if (!result.ok) return result;
    record.contacts = result.value;
  }
  if ('custom_values' in body) {
    const result = applyCustomValues(body.custom_values, context.mode === 'update' ? record.custom_values : undefined, context.customFields);
    if (!result.ok) return result;
    record.custom_values = result.value;
  }
  return finish(orderEfClient(record));
}

/** A new client with every field at its documented default. */
export function initialClient(customFields: readonly EfCustomField[]): JsonRecord {
  const record: JsonRecord = {};
  for (const field of EF_SCALAR_FIELDS) record[field.name] = field.initial;
  record.country = '';
  record.country_code = '';
  record.contacts = [];
  record.details = [];
  record.custom_values = customFields.map((field) => ({ name: field.name, description: field.description, value: '' }));
  return record;
}

function finish(record: JsonRecord): EfWriteResult<JsonRecord> {
  if (record.name === '') return { ok: false, error: 'name required' };
  // "If not specified or if tax_code entered, the default value is 'no'" (seed 001).
  if (record.tax_code !== '') record.tax_code_registration_pending = 'no';
  if (record.default_tax_category_special_status !== '' && record.default_tax_category !== '0') {
    return { ok: false, error: 'default_tax_category_special_status invalid' };
  }
  return { ok: true, value: record };
}

function checkField(field: EfScalarField, raw: unknown): string | { value: string } {
  const value = scalarText(raw);
  if (value === undefined) return `${field.name} invalid`;
  if (field.name === 'default_structured_message') return checkStructuredMessage(value);
  const failure = checkValue(field.rule, value);
  return failure === undefined ? { value } : `${field.name} ${failure}`;
}

/** "Moet een geldige gestructureerde mededeling zijn (12 cijfers met vormcontrole)" (seed 001). */
function checkStructuredMessage(value: string): string | { value: string } {
  const digits = value.replace(/[+/\s]/g, '');
  if (digits === '') return { value: '' };
  if (!/^\d{12}$/.test(digits)) return 'default_structured_message invalid';
  let remainder = 0;
  for (const char of digits.slice(0, 10)) remainder = (remainder * 10 + Number(char)) % 97;
  return Number(digits.slice(10)) === (remainder === 0 ? 97 : remainder) ? { value: digits } : 'default_structured_message invalid';
}

/** `country_code` wins; `country` (a name, max 25) is only read without a code (VENDORS.md §1.7). */
function applyCountry(record: JsonRecord, body: JsonRecord): string | undefined {
  if ('country_code' in body) {
    const code = scalarText(body.country_code);
    if (code === undefined || (code !== '' && !isCountryCode(code))) return 'country_code invalid';
    record.country_code = code;
    record.country = code === '' ? '' : (countryName(code, 'nl') ?? code);
    return undefined;
  }
  if (!('country' in body)) return undefined;
  const name = scalarText(body.country);
  if (name === undefined) return 'country invalid';
  if ([...name].length > 25) return 'country too long';
  const code = name === '' ? undefined : countryCodeFromName(name);
  record.country_code = code ?? '';
  record.country = code === undefined ? name : (countryName(code, 'nl') ?? name);
  return undefined;
}

function applyNested(key: string, fields: readonly EfScalarField[], raw: unknown, current: unknown): EfWriteResult<JsonRecord | undefined> {
  if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) return { ok: true, value: undefined };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, error: `${key} invalid` };
  const base = (typeof current === 'object' && current !== null ? current : {}) as JsonRecord;
  const out: JsonRecord = {};
  for (const field of fields) {
    const given = raw as JsonRecord;
    if (!(field.name in given)) {
      out[field.name] = typeof base[field.name] === 'string' ? base[field.name] : field.initial;
      continue;
    }
    const checked = checkField(field, given[field.name]);
    if (typeof checked === 'string') return { ok: false, error: `${key}.${checked}` };
    out[field.name] = checked.value;
  }
  if (key === 'sepa_collection') return { ok: true, value: out };
  // An Address must carry its country code (seed 001, type Address); its country is derived.
  const code = out.country_code;
  if (typeof code !== 'string' || code === '') return { ok: false, error: `${key}.country_code required` };
  return { ok: true, value: { street: out.street, street2: out.street2, postal_code: out.postal_code, city: out.city, country: countryName(code, 'nl') ?? code, country_code: code } };
}

function applyContacts(raw: unknown, current: unknown, context: EfWriteContext): EfWriteResult<JsonRecord[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'contacts invalid' };
  const existing = Array.isArray(current) ? (current as JsonRecord[]) : [];
  const byId = new Map(existing.map((contact) => [String(contact.contact_id), contact]));
  const touched: JsonRecord[] = [];
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { ok: false, error: 'contacts invalid' };
    const body = entry as JsonRecord;
    const id = scalarText(body.contact_id) ?? '';
    const before = id === '' ? undefined : byId.get(id);
    if (id !== '' && before === undefined) return { ok: false, error: 'contact_id unknown' };
    const result = applyContactWrite(body, before, before === undefined ? context.nextContactId() : id, context.clientUri);
    if (!result.ok) return result;
    touched.push(result.value);
  }
  if (context.mode === 'replace') return { ok: true, value: touched };
  const updated = new Map(touched.map((contact) => [String(contact.contact_id), contact]));
  const kept = existing.map((contact) => updated.get(String(contact.contact_id)) ?? contact);
  return { ok: true, value: [...kept, ...touched.filter((contact) => !byId.has(String(contact.contact_id)))] };
}

/** Custom values by field name; a name the account does not define is refused. */
export function applyCustomValues(raw: unknown, current: unknown, fields: readonly EfCustomField[]): EfWriteResult<JsonRecord[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'custom_values invalid' };
  const values = new Map<string, string>();
  for (const entry of Array.isArray(current) ? (current as JsonRecord[]) : []) values.set(String(entry.name), scalarText(entry.value) ?? '');
  for (const entry of raw) {
    if (typeof entry !== 'object' || entry === null) return { ok: false, error: 'custom_values invalid' };
    const { name, value } = entry as JsonRecord;
    const key = scalarText(name) ?? '';
    if (!fields.some((field) => field.name === key)) return { ok: false, error: `custom value ${key === '' ? '(no name)' : key} unknown` };
    const text = scalarText(value);
    if (text === undefined) return { ok: false, error: 'value invalid' };
    if ([...text].length > EF_CUSTOM_VALUE_MAX) return { ok: false, error: 'value too long' };
    values.set(key, text);
  }
  return { ok: true, value: fields.map((field) => ({ name: field.name, description: field.description, value: values.get(field.name) ?? '' })) };
}
