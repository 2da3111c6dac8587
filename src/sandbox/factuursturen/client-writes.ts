import { checkValue, scalarText, type FieldRule } from '../field-checks.js';
import type { JsonRecord } from '../reply.js';
import { FS_FIELDS, FS_REFERENCE_LINES } from './client-fields.js';
import type { FsCountryTable } from './countries.js';

/** The written record, or the first complaint about the body. */
export type FsWriteResult = { readonly ok: true; readonly value: JsonRecord } | { readonly ok: false; readonly error: string };

/** A new client with every attribute at its initial value (strings, VENDORS.md §2.2). */
export function initialFsClient(clientnr: string): JsonRecord {
  const record: JsonRecord = { clientnr };
  for (const field of FS_FIELDS) record[field.name] = field.name === 'reference' ? { line1: '', line2: '', line3: '' } : field.initial;
  return record;
}

/**
 * Applies a create or update body. `partial` changes only the attributes sent; `replace` resets
 * every attribute that is not sent (PUT semantics are unknown, VENDORS.md §2.6: quirk
 * `putSemantics`). Read-only attributes (`lastinvoice`, `default_email`, `timestamp`) are ignored.
 * Values may arrive as JSON numbers and booleans or as form strings; they are stored as strings.
 */
export function applyFsClientWrite(input: JsonRecord, current: JsonRecord, mode: 'partial' | 'replace', countries: FsCountryTable): FsWriteResult {
  const record: JsonRecord = structuredClone(current);
  if (mode === 'replace') {
    const fresh = initialFsClient(String(current.clientnr));
    for (const field of FS_FIELDS) if (field.rule !== 'readOnly') record[field.name] = fresh[field.name];
  }
  for (const field of FS_FIELDS) {
    if (!(field.name in input) || field.rule === 'readOnly') continue;
    const raw = input[field.name];
    if (field.rule === 'reference') {
      const result = readReference(raw, record.reference);
      if (typeof result === 'string') return { ok: false, error: result };
      record.reference = result;
      continue;
    }
    const text = scalarText(raw);
    if (text === undefined) return { ok: false, error: `'${field.name}' has an invalid value` };
    const trimmed = field.rule === 'boolean' || (typeof field.rule === 'object' && field.rule.type === 'enum') ? text.trim() : text;
    const value = readValue(field.name, field.rule, trimmed, countries);
    if (!value.ok) return value;
    record[field.name] = value.text;
  }
  return { ok: true, value: record };
}

function readValue(name: string, rule: FieldRule | 'boolean' | 'country', text: string, countries: FsCountryTable): { ok: true; text: string } | { ok: false; error: string } {
  if (rule === 'boolean') {
    if (['true', '1'].includes(text)) return { ok: true, text: 'true' };
    if (['false', '0', ''].includes(text)) return { ok: true, text: 'false' };
    return { ok: false, error: `'${name}' has an invalid value` };
  }
  if (rule === 'country') {
    if (text === '') return { ok: true, text: '' };
    const id = countries.resolve(text);
    return id === undefined ? { ok: false, error: `'country' is unknown: ${text}` } : { ok: true, text: id };
  }
  const failure = checkValue(rule, text);
  if (failure === undefined) return { ok: true, text };
  const max = rule.type === 'text' ? rule.max : undefined;
  return { ok: false, error: failure === 'too long' ? `'${name}' is too long (maximum ${String(max)} characters)` : `'${name}' has an invalid value` };
}

/** `reference` holds three lines (seed 002); JSON sends an object, forms `reference[line1]=…`. */
function readReference(raw: unknown, current: unknown): JsonRecord | string {
  if (raw === null || raw === '') return { line1: '', line2: '', line3: '' };
  if (typeof raw !== 'object' || Array.isArray(raw)) return "'reference' has an invalid value";
  const base = (typeof current === 'object' && current !== null ? current : {}) as JsonRecord;
  const out: JsonRecord = {};
  for (const line of FS_REFERENCE_LINES) {
    const value = line in raw ? scalarText((raw as JsonRecord)[line]) : (scalarText(base[line]) ?? '');
    if (value === undefined) return "'reference' has an invalid value";
    out[line] = value;
  }
  return out;
}
