import type { JsonRecord } from '../reply.js';
import { EF_COUNTERS, EF_SCALAR_FIELDS } from './client-fields.js';

const HEAD = ['client_id', 'uri', 'external_client_id', 'number', 'name', 'attention', 'street', 'street2', 'city', 'postal_code', 'country', 'country_code', 'delivery_address', 'site_address'];
const MIDDLE = ['tax_code', 'tax_code_registration_pending', 'company_id', 'email_address', 'phone_number', 'website', 'state', 'private_note', 'private_note_html', 'last_activity'];
const DEFAULTS = EF_SCALAR_FIELDS.map((field) => field.name).filter((name) => name.startsWith('default_'));

/** Key order of an EF client, as in the XML example of seed 001. */
export const EF_CLIENT_KEY_ORDER: readonly string[] = [...HEAD, ...MIDDLE, ...DEFAULTS, 'sepa_collection', ...EF_COUNTERS, 'contacts', 'details', 'custom_values'];

/** Returns the client with its keys in EF's order (keys EF does not know go last). */
export function orderEfClient(record: JsonRecord): JsonRecord {
  const out: JsonRecord = {};
  for (const key of EF_CLIENT_KEY_ORDER) if (key in record) out[key] = record[key];
  for (const key of Object.keys(record)) if (!(key in out)) out[key] = record[key];
  return out;
}

/**
 * EF's counters are loosely typed: the real payload of VENDORS.md §1.2 has `"invoice_count":0`
 * next to `"quote_count":"1"`. The simulator answers zero as a JSON number and other counts as
 * strings, so connectors must normalise both.
 */
export function counterValue(count: number): number | string {
  return count === 0 ? 0 : String(count);
}

/** Whether any document counter of a client is above zero (the delete refusal, wire-decisions.md). */
export function efHasDocuments(record: JsonRecord): boolean {
  return EF_COUNTERS.some((key) => Number(record[key] ?? 0) > 0);
}
