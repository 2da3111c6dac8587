import { normalizeBic, normalizeIban } from '../canonical/banking.js';
import { normalizeEmail } from '../canonical/email.js';
import { normalizeStructuredMessage } from '../canonical/structured-message.js';
import { textLength } from '../canonical/text.js';
import { normalizeVatNumber } from '../canonical/vat.js';
import type { Normalized } from '../canonical/normalized.js';
import type { Check, Limit } from './schema.js';
import { describeValue } from './transforms/types.js';

/*
 * A vendor's limits on one encoded value (length, range, decimals, named formats), checked before
 * any call: a value the target cannot hold is reported, not discovered as a vendor 400.
 */

function decimalsOf(n: number): number {
  const text = String(n);
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  return text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
}

const FORMAT_CHECKS: Readonly<Record<NonNullable<Limit['format']>, (value: string) => boolean>> = {
  email: (v) => normalizeEmail(v).ok,
  iban: (v) => normalizeIban(v).ok,
  bic: (v) => normalizeBic(v).ok,
  vat: (v) => normalizeVatNumber(v).ok,
  structuredMessage: (v) => normalizeStructuredMessage(v).ok,
  integer: (v) => /^-?\d+$/.test(v),
  upperCase: (v) => v === v.toUpperCase(),
};

const FORMAT_NAMES: Readonly<Record<NonNullable<Limit['format']>, string>> = {
  email: 'a valid e-mail address',
  iban: 'a valid IBAN',
  bic: 'a valid BIC',
  vat: 'a valid VAT number',
  structuredMessage: 'a valid Belgian structured message',
  integer: 'a whole number',
  upperCase: 'upper case',
};

const PLAUSIBILITY: Readonly<Record<Check['format'], (value: string) => Normalized>> = {
  email: normalizeEmail,
  iban: normalizeIban,
  bic: normalizeBic,
  vat: normalizeVatNumber,
  structuredMessage: normalizeStructuredMessage,
};

/**
 * A short excerpt of a value for a finding: enough to find it in the vendor's screen, never a whole
 * e-mail address or IBAN (findings go to reports that are shared). Values of up to 4 characters are
 * shown as they are: they are placeholders or codes, not somebody's data.
 */
export function safeExcerpt(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return JSON.stringify(value);
  return `"${chars.slice(0, 2).join('')}…${chars.slice(-2).join('')}" (${chars.length} characters)`;
}

/**
 * The plausibility check a value fails, if any: `rule` names the check and why it failed
 * (`a valid IBAN: fails the checksum`), `actual` is a safe excerpt.
 */
export function checkPlausibility(check: Check, value: unknown): { rule: string; actual: string } | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const result = PLAUSIBILITY[check.format](value);
  if (result.ok) return undefined;
  return { rule: `${FORMAT_NAMES[check.format]} (${result.reason})`, actual: safeExcerpt(value) };
}

/** The first limit an encoded vendor value breaks, if any. */
export function checkLimit(limit: Limit, value: unknown): { rule: string; actual: string } | undefined {
  if (typeof value === 'string' && limit.maxLength !== undefined) {
    const length = textLength(value);
    if (length > limit.maxLength) return { rule: `at most ${limit.maxLength} characters`, actual: `${length} characters` };
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : undefined;
  if (number !== undefined && !Number.isNaN(number)) {
    if (limit.min !== undefined && number < limit.min) return { rule: `at least ${limit.min}`, actual: String(number) };
    if (limit.max !== undefined && number > limit.max) return { rule: `at most ${limit.max}`, actual: String(number) };
    if (limit.decimals !== undefined && decimalsOf(number) > limit.decimals) return { rule: `at most ${limit.decimals} decimals`, actual: String(number) };
  }
  if (limit.format !== undefined && (typeof value === 'string' || typeof value === 'number')) {
    if (!FORMAT_CHECKS[limit.format](String(value))) return { rule: FORMAT_NAMES[limit.format], actual: describeValue(value) };
  }
  return undefined;
}
