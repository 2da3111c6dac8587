import countries from 'i18n-iso-countries';
import { z } from 'zod';

/** ISO 3166-1 alpha-2, upper case (`BE`, `NL`, `DE`). */
export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code (two capital letters)' })
  .refine((code) => countries.isValid(code), { error: 'is not an assigned ISO 3166-1 alpha-2 code' });
export type CountryCode = z.infer<typeof CountryCodeSchema>;

const NAME_LANGUAGES = ['nl', 'en', 'fr', 'de'] as const;

/**
 * Turns what people and old vendor data put in a country field into an ISO code: `BE`, `bel`,
 * `België`, `BELGIE`, `Belgium`, `Belgique`. Returns undefined when nothing matches.
 */
export function normalizeCountry(input: string): CountryCode | undefined {
  const value = input.trim();
  if (value === '') return undefined;
  const upper = value.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper)) return upper;
  if (/^[A-Z]{3}$/.test(upper)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2 !== undefined) return alpha2;
  }
  for (const language of NAME_LANGUAGES) {
    const code = countries.getSimpleAlpha2Code(value, language) ?? countries.getAlpha2Code(value, language);
    if (code !== undefined) return code;
  }
  return undefined;
}

/** The everyday name of a country in a language (`BE`, `nl` → `België`), not the official long form. */
export function countryName(code: CountryCode, language: string): string | undefined {
  const names = countries.getName(code, language, { select: 'all' });
  return names?.at(-1);
}

/** Every assigned ISO 3166-1 alpha-2 code. */
export function allCountryCodes(): CountryCode[] {
  return Object.keys(countries.getAlpha2Codes());
}
