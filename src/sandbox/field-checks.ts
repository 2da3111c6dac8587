import countries from 'i18n-iso-countries';

/**
 * The simulator's own value checks. They stand for the vendor, so they are written from the seeds
 * and never borrowed from our mapping code (a test would otherwise prove nothing). Vendors count
 * characters as code points, not UTF-16 units.
 */
export type FieldRule =
  | { readonly type: 'text'; readonly max?: number }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'int'; readonly min?: number; readonly max?: number }
  | { readonly type: 'decimal'; readonly min?: number; readonly max?: number; readonly decimals?: number }
  | { readonly type: 'country' }
  | { readonly type: 'currency' }
  | { readonly type: 'date' };

/** Why a value fails a rule: `too long` or `invalid` (EF's own words, VENDORS.md §1.5). */
export type CheckFailure = 'too long' | 'invalid';

/** Length in code points. */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code in capitals. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** Whether `code` is an ISO 4217 currency code in capitals. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}

/** Whether `text` is a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Checks a non-empty text value against a rule (empty values clear a field and always pass). */
export function checkValue(rule: FieldRule, value: string): CheckFailure | undefined {
  if (value === '') return undefined;
  switch (rule.type) {
    case 'text':
      return rule.max !== undefined && characterCount(value) > rule.max ? 'too long' : undefined;
    case 'enum':
      return rule.values.includes(value) ? undefined : 'invalid';
    case 'int': {
      if (!/^-?\d+$/.test(value)) return 'invalid';
      const n = Number(value);
      return (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max) ? 'invalid' : undefined;
    }
    case 'decimal': {
      const decimals = rule.decimals === undefined ? '+' : `{1,${rule.decimals}}`;
      if (!new RegExp(`^-?\\d+([.,]\\d${decimals})?$`).test(value)) return 'invalid';
      const n = Number(value.replace(',', '.'));
      return (rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max) ? 'invalid' : undefined;
    }
    case 'country':
      return isCountryCode(value) ? undefined : 'invalid';
    case 'currency':
      return isCurrencyCode(value) ? undefined : 'invalid';
    case 'date':
      return isIsoDate(value) ? undefined : 'invalid';
  }
}

/** A JSON scalar as the text a vendor stores (`null` clears); objects and arrays are not scalars. */
export function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** A JSON scalar as text; objects, arrays and nothing are the empty string. */
export function asText(value: unknown): string {
  return scalarText(value) ?? '';
}

/** A country's everyday name in a language (`BE`, `nl` → `België`), not the official long form. */
export function countryName(code: string, language: string): string | undefined {
  return countries.getName(code, language, { select: 'all' })?.at(-1);
}

/** The ISO code for a country name in Dutch, English, French or German, if any. */
export function countryCodeFromName(name: string): string | undefined {
  for (const language of ['nl', 'en', 'fr', 'de']) {
    const code = countries.getSimpleAlpha2Code(name.trim(), language) ?? countries.getAlpha2Code(name.trim(), language);
    if (code !== undefined) return code;
  }
  return undefined;
}
