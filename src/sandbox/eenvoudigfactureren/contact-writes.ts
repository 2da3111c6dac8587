import { checkValue, scalarText } from '../field-checks.js';
import type { JsonRecord } from '../reply.js';
import { EF_CONTACT_FIELDS } from './client-fields.js';

/** The outcome of a write: the new value, or EF's error message. */
export type EfWriteResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/**
 * Creates or changes one contact (sub-domain contacts, seed 001): `contact_name` is required on
 * creation (max 254); an e-mail address (125) or a phone number (20) is required, one of the two.
 * The answer shape follows the real payload of VENDORS.md §1.2 (id, uri, name, e-mail, phone).
 */
export function applyContactWrite(body: JsonRecord, before: JsonRecord | undefined, id: string, clientUri: string): EfWriteResult<JsonRecord> {
  const contact: JsonRecord = { contact_id: id, uri: `${clientUri}/contacts/${id}` };
  for (const field of EF_CONTACT_FIELDS) {
    if (!(field.name in body)) {
      contact[field.name] = before?.[field.name] ?? field.initial;
      continue;
    }
    const value = scalarText(body[field.name]);
    if (value === undefined) return { ok: false, error: `${field.name} invalid` };
    const failure = checkValue(field.rule, value);
    if (failure !== undefined) return { ok: false, error: `${field.name} ${failure}` };
    contact[field.name] = value;
  }
  if (contact.contact_name === '') return { ok: false, error: 'contact_name required' };
  if (contact.email_address === '' && contact.phone_number === '') return { ok: false, error: 'email_address or phone_number required' };
  return { ok: true, value: contact };
}
