import { z } from 'zod';
import { normalizeLanguage } from '../../canonical/language.js';
import { scalarText } from './text.js';
import { CodecError, defineTransform, describeValue, type Codec } from './types.js';

function tableCodec(table: Readonly<Record<string, string>>, vendorName: string): Codec {
  const reverse = new Map(Object.entries(table).map(([vendor, iso]) => [iso, vendor]));
  const vendorRule = `one of ${Object.keys(table).join('|')}`;
  const isoRule = `a language ${vendorName} offers (${[...reverse.keys()].join('|')})`;
  return {
    decode(value) {
      const iso = table[scalarText(value).toLowerCase()];
      if (iso === undefined) throw new CodecError(vendorRule, describeValue(value));
      return iso;
    },
    encode(value) {
      const vendor = typeof value === 'string' ? reverse.get(value) : undefined;
      if (vendor === undefined) throw new CodecError(isoRule, describeValue(value));
      return vendor;
    },
  };
}

/** EenvoudigFactureren `default_language`: 'dutch', 'french', 'english', 'german' (seed 000/001). */
export const languageEf = defineTransform({
  name: 'languageEf',
  description: "'dutch' / 'french' / 'english' / 'german' ⇄ 'nl' / 'fr' / 'en' / 'de' (EenvoudigFactureren).",
  params: z.strictObject({}),
  direction: 'both',
  kinds: ['language'],
  lossless: () => true,
  create: () => tableCodec({ dutch: 'nl', french: 'fr', english: 'en', german: 'de' }, 'EenvoudigFactureren'),
});

/** FactuurSturen `default_doclang`: ISO codes, six languages (seed 002; empty = account default). */
export const languageFs = defineTransform({
  name: 'languageFs',
  description: "'nl' / 'en' / 'de' / 'fr' / 'es' / 'it' ⇄ the same ISO 639-1 code (FactuurSturen).",
  params: z.strictObject({}),
  direction: 'both',
  kinds: ['language'],
  lossless: () => true,
  create: () => tableCodec({ nl: 'nl', en: 'en', de: 'de', fr: 'fr', es: 'es', it: 'it' }, 'FactuurSturen'),
});

/**
 * The locale written for a language when the record has none of its own yet. Billomat's locales
 * are language_REGION (`de_DE`); the region is not part of the canonical model, so a same-vendor
 * round trip keeps the original locale through `keepRaw` in the mapping.
 */
const DEFAULT_LOCALES: Readonly<Record<string, string>> = {
  de: 'de_DE', en: 'en_US', fr: 'fr_FR', nl: 'nl_NL', it: 'it_IT', es: 'es_ES', pl: 'pl_PL', cs: 'cs_CZ',
  da: 'da_DK', sv: 'sv_SE', pt: 'pt_PT', fi: 'fi_FI', nb: 'nb_NO', hu: 'hu_HU', ro: 'ro_RO', sk: 'sk_SK',
  sl: 'sl_SI', hr: 'hr_HR', el: 'el_GR', tr: 'tr_TR', ru: 'ru_RU',
};

/** Billomat `locale`: `de_DE` ⇄ `de`. */
export const localeBillomat = defineTransform({
  name: 'localeBillomat',
  description: "'de_DE' ⇄ 'de'; the region is dropped on read and a default region is written (Billomat `locale`).",
  params: z.strictObject({}),
  direction: 'both',
  kinds: ['language'],
  lossless: () => true,
  create: () => ({
    decode(value) {
      const m = /^([a-z]{2})(?:[_-][A-Za-z]{2})?$/.exec(scalarText(value));
      if (m === null) throw new CodecError('a locale such as de_DE', describeValue(value));
      return m[1];
    },
    encode(value) {
      const locale = typeof value === 'string' ? DEFAULT_LOCALES[value] : undefined;
      if (locale === undefined) throw new CodecError(`a language with a Billomat locale (${Object.keys(DEFAULT_LOCALES).join('|')})`, describeValue(value));
      return locale;
    },
  }),
});

/**
 * An ISO 639-1 code as a spreadsheet holds it: `nl`, `NL`, `nl-BE`, `nl_BE` or a language's name
 * (`Dutch`, `Nederlands`) read as `nl`; written as the code.
 */
export const languageCode = defineTransform({
  name: 'languageCode',
  description: "'nl' / 'NL' / 'nl-BE' / 'Dutch' ⇄ 'nl' (ISO 639-1; a spreadsheet's language column).",
  params: z.strictObject({}),
  direction: 'both',
  kinds: ['language'],
  lossless: () => true,
  create: () => ({
    decode(value) {
      const code = normalizeLanguage(scalarText(value));
      if (code === undefined) throw new CodecError('an ISO 639-1 language code', describeValue(value));
      return code;
    },
    encode(value) {
      const code = typeof value === 'string' ? normalizeLanguage(value) : undefined;
      if (code === undefined || code !== value) throw new CodecError('an ISO 639-1 language code', describeValue(value));
      return code;
    },
  }),
});
