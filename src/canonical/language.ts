import { z } from 'zod';

/** ISO 639-1, lower case (`nl`, `fr`, `de`, `en`). */
export const LanguageCodeSchema = z
  .string()
  .regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 code (two lower-case letters)' })
  .refine((code) => isKnownLanguage(code), { error: 'is not an ISO 639-1 language code' });
export type LanguageCode = z.infer<typeof LanguageCodeSchema>;

const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

function isKnownLanguage(code: string): boolean {
  return displayNames.of(code) !== undefined;
}

/** Accepts `nl`, `NL`, `nl_BE`, `nl-BE`, `dutch`, `Nederlands`; returns the ISO 639-1 code. */
export function normalizeLanguage(input: string): LanguageCode | undefined {
  const value = input.trim().toLowerCase();
  if (value === '') return undefined;
  const primary = value.split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(primary) && isKnownLanguage(primary)) return primary;
  return NAMES[value];
}

const NAMES: Readonly<Record<string, LanguageCode>> = {
  dutch: 'nl', nederlands: 'nl', flemish: 'nl', vlaams: 'nl', french: 'fr', francais: 'fr', 'français': 'fr',
  frans: 'fr', english: 'en', engels: 'en', german: 'de', deutsch: 'de', duits: 'de', spanish: 'es',
  spaans: 'es', italian: 'it', italiaans: 'it',
};
