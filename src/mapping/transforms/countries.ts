import { z } from 'zod';
import { countryName, normalizeCountry } from '../../canonical/country.js';
import { normalizeCurrency } from '../../canonical/currency.js';
import { scalarText } from './text.js';
import { CodecError, defineTransform, describeValue, type Codec } from './types.js';

const ISO_RULE = 'an ISO 3166-1 alpha-2 country code';

function isoCode(value: unknown): string {
  const code = scalarText(value).toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || normalizeCountry(code) !== code) throw new CodecError(ISO_RULE, describeValue(value));
  return code;
}

/** ISO 3166-1 alpha-2 both ways, upper-cased on read. */
export const countryCode = defineTransform({
  name: 'countryCode',
  description: "'be' / 'BE' ⇄ 'BE' (ISO 3166-1 alpha-2).",
  params: z.strictObject({}),
  direction: 'both',
  kinds: ['country'],
  lossless: () => true,
  create: () => ({ decode: isoCode, encode: isoCode }),
});

function nameCodec(language: string): Codec {
  return {
    decode(value) {
      const code = normalizeCountry(scalarText(value));
      if (code === undefined) throw new CodecError(`a country name (${language}) or code`, describeValue(value));
      return code;
    },
    encode(value) {
      const name = countryName(isoCode(value), language);
      if (name === undefined) throw new CodecError(`a country with a ${language} name`, describeValue(value));
      return name;
    },
  };
}

/** A country written as its name in one language (`België` ⇄ `BE`); old data such as `BELGIE` reads too. */
export const countryNameTransform = defineTransform({
  name: 'countryName',
  description: "'België' (name in `language`) ⇄ 'BE'; codes and other spellings are read too.",
  params: z.strictObject({ language: z.string().regex(/^[a-z]{2}$/).default('nl') }),
  direction: 'both',
  kinds: ['country'],
  lossless: () => true,
  create: ({ language }) => nameCodec(language),
});

/**
 * EenvoudigFactureren keeps `country_code` (ISO) and `country` (a Dutch name derived from the code
 * on read, used on write only when no code is sent; seed 001). Older records hold free text such as
 * `BELGIE` and no code (VENDORS.md §1.7). Read the code, else the name; write the code only.
 */
export const countryCodeOrName = defineTransform({
  name: 'countryCodeOrName',
  description: "{ code: 'BE', name: 'België' } ⇄ 'BE': the code wins, the name is read when the code is empty; only the code is written.",
  params: z.strictObject({ language: z.string().regex(/^[a-z]{2}$/).default('nl') }),
  direction: 'both',
  vendorParts: ['code', 'name'],
  kinds: ['country'],
  lossless: () => true,
  create: ({ language }) => {
    const byName = nameCodec(language);
    return {
      decode(value, warn) {
        const parts = value as { code?: unknown; name?: unknown };
        if (parts.code !== undefined) return isoCode(parts.code);
        return parts.name === undefined ? undefined : byName.decode(parts.name, warn);
      },
      encode: (value) => ({ code: isoCode(value) }),
    };
  },
});

/**
 * FactuurSturen country ids (`146` ⇄ `NL`) through the `factuursturen-countries` table, refreshed
 * from `/countrylist` by the connector. A country without an id is written by its Dutch name, which
 * FactuurSturen resolves itself (seed 002, `country`).
 */
export const countryId = defineTransform({
  name: 'countryId',
  description: "FactuurSturen country id '146' ⇄ 'NL' via a lookup table; a country without an id is written by its Dutch name.",
  params: z.strictObject({ table: z.string() }),
  direction: 'both',
  kinds: ['country'],
  lossless: () => true,
  create: ({ table }, context) => {
    const lookup = context.lookup(table);
    const byName = nameCodec('nl');
    return {
      decode(value, warn) {
        const raw = scalarText(value);
        if (/^\d+$/.test(raw)) {
          const code = lookup.toCanonical(String(Number(raw)));
          if (code === null) throw new CodecError(`a country id with an ISO code (${raw} has none)`, describeValue(value));
          if (code === undefined) throw new CodecError(`a country id listed in ${table}`, describeValue(value));
          return code;
        }
        return byName.decode(raw, warn);
      },
      encode(value) {
        const id = lookup.toVendor(isoCode(value));
        return id === undefined ? byName.encode(value) : Number(id);
      },
    };
  },
});

/** ISO 4217 both ways, upper-cased on read. */
export const currencyCode = defineTransform({
  name: 'currencyCode',
  description: "'eur' / 'EUR' ⇄ 'EUR' (ISO 4217).",
  params: z.strictObject({}),
  direction: 'both',
  kinds: ['currency'],
  lossless: () => true,
  create: () => {
    const code = (value: unknown): string => {
      const normal = normalizeCurrency(scalarText(value));
      if (normal === undefined) throw new CodecError('an ISO 4217 currency code', describeValue(value));
      return normal;
    };
    return { decode: code, encode: code };
  },
});
