import { isValidIBAN } from 'ibantools';
import { checkVAT, countries } from 'jsvat';
import { checkValue, scalarText } from '../field-checks.js';
import type { JsonRecord } from '../reply.js';
import type { BillomatField, BillomatRule } from './client-fields.js';

/** The written record, or every complaint about the body. */
export type BillomatWriteResult = { readonly ok: true; readonly value: JsonRecord } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Applies the fields of a write body to a record (create, or PUT: "partial in practice",
 * VENDORS.md §3.6). Booleans arrive as 1/0 (VENDORS.md §3.2) and are stored "1"/"0"; numbers are
 * stored as strings. Every problem is reported, so Billomat's `errors.error` can be an array.
 */
export function applyBillomatWrite(fields: readonly BillomatField[], input: JsonRecord, current: JsonRecord, options: { readonly checkFormats: boolean }): BillomatWriteResult {
  const record = { ...current };
  const errors: string[] = [];
  for (const field of fields) {
    if (!(field.name in input) || field.rule === 'readOnly') continue;
    const text = scalarText(input[field.name]);
    const value = text === undefined ? undefined : readValue(field.rule, text.trim(), options.checkFormats);
    if (value === undefined) errors.push(`${field.name}: invalid value`);
    else record[field.name] = value;
  }
  return errors.length === 0 ? { ok: true, value: record } : { ok: false, errors };
}

function readValue(rule: Exclude<BillomatRule, 'readOnly'>, text: string, checkFormats: boolean): string | undefined {
  if (text === '') return '';
  // Stored as sent unless the `checkFormats` quirk asks for the strict reading of seed 003's "valid".
  if (!checkFormats && (rule === 'email' || rule === 'vat' || rule === 'iban')) return text;
  switch (rule) {
    case 'bool':
      return ['1', 'true'].includes(text) ? '1' : ['0', 'false'].includes(text) ? '0' : undefined;
    case 'email':
      // "valid Email address" (seed 003).
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? text : undefined;
    case 'vat': {
      // "valid VAT number" (seed 003): checked where the country's scheme is known.
      const result = checkVAT(text.replace(/[\s.-]/g, ''), countries);
      return result.isValid || !result.isSupportedCountry ? text : undefined;
    }
    case 'iban':
      // "valid IBAN" (seed 003). Seed 003's example sends the placeholder `IBAN`, which fails here.
      return isValidIBAN(text.replace(/\s/g, '').toUpperCase()) ? text : undefined;
    case 'locale':
      return /^[a-z]{2}_[A-Z]{2}$/.test(text) ? text : undefined;
    default:
      return checkValue(rule, text) === undefined ? text : undefined;
  }
}
