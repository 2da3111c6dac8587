import { z } from 'zod';
import { CodecError, defineTransform, describeValue, type Codec } from './types.js';

const VendorScalar = z.union([z.string(), z.number(), z.boolean()]);
const CanonicalValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const EnumEntrySchema = z.strictObject({
  vendor: VendorScalar,
  canonical: CanonicalValue,
  /** Read this vendor value but never write it (an alias, a legacy or misspelt value). */
  decodeOnly: z.literal(true).optional(),
  /** Write this canonical value as `vendor`, which reads back as something else (lossy). */
  encodeOnly: z.literal(true).optional(),
  note: z.string().optional(),
});
export type EnumEntry = z.infer<typeof EnumEntrySchema>;

const EnumMapParams = z.strictObject({
  values: z.array(EnumEntrySchema).min(1),
  /** The vendor value that means "not set" (Billomat `SETTINGS`); read as absent, written when cleared. */
  empty: VendorScalar.optional(),
});
export type EnumMapParams = z.infer<typeof EnumMapParams>;

const key = (value: unknown): string => JSON.stringify(value);
const vendorKey = (value: unknown): string => String(value).trim().toLowerCase();

/**
 * Problems that make an enum map unusable for writing: a vendor value read as two canonical values,
 * or a canonical value written as two vendor values. Decode-only and encode-only entries are exempt
 * on the side they do not serve.
 */
export function enumMapProblems(values: readonly EnumEntry[]): string[] {
  const problems: string[] = [];
  const decodes = new Map<string, unknown>();
  const encodes = new Map<string, unknown>();
  for (const entry of values) {
    if (entry.encodeOnly !== true) {
      const k = vendorKey(entry.vendor);
      if (decodes.has(k) && key(decodes.get(k)) !== key(entry.canonical)) problems.push(`vendor value ${key(entry.vendor)} reads as two canonical values`);
      decodes.set(k, entry.canonical);
    }
    if (entry.decodeOnly !== true) {
      const k = key(entry.canonical);
      if (encodes.has(k) && vendorKey(encodes.get(k)) !== vendorKey(entry.vendor)) problems.push(`canonical value ${k} would be written as ${key(encodes.get(k))} and as ${key(entry.vendor)}`);
      encodes.set(k, entry.vendor);
    }
  }
  return problems;
}

function enumCodec(params: EnumMapParams): Codec {
  const decodes = new Map<string, unknown>();
  const encodes = new Map<string, unknown>();
  for (const entry of params.values) {
    if (entry.encodeOnly !== true) decodes.set(vendorKey(entry.vendor), entry.canonical);
    if (entry.decodeOnly !== true) encodes.set(key(entry.canonical), entry.vendor);
  }
  const vendorRule = `one of ${[...new Set(params.values.filter((e) => e.encodeOnly !== true).map((e) => String(e.vendor)))].join('|')}`;
  const canonicalRule = `a value the vendor can hold (${[...encodes.keys()].join('|')})`;
  const empty = params.empty === undefined ? undefined : vendorKey(params.empty);
  return {
    decode(value) {
      if (typeof value === 'object') throw new CodecError(vendorRule, describeValue(value));
      const k = vendorKey(value);
      if (k === empty) return undefined;
      if (!decodes.has(k)) throw new CodecError(vendorRule, describeValue(value));
      return decodes.get(k);
    },
    encode(value) {
      const k = key(value);
      if (!encodes.has(k)) throw new CodecError(canonicalRule, describeValue(value));
      return encodes.get(k);
    },
    ...(params.empty === undefined ? {} : { absent: params.empty }),
  };
}

/** A fixed table of vendor values and canonical values, declared in the mapping file. */
export const enumMap = defineTransform({
  name: 'enumMap',
  description: 'A table of vendor values ⇄ canonical values declared in the mapping; `empty` names the vendor value for "not set".',
  params: EnumMapParams,
  direction: 'both',
  kinds: ['enum', 'enumList', 'boolean'],
  lossless: (params) => params.values.every((entry) => entry.encodeOnly !== true),
  create: enumCodec,
});

const EnumListParams = z.strictObject({
  values: z.array(EnumEntrySchema).min(1),
  separator: z.string().min(1).default(','),
});

/** A separated list of enum values (`CASH,PAYPAL` ⇄ `['cash', 'paypal']`), Billomat `default_payment_types`. */
export const enumList = defineTransform({
  name: 'enumList',
  description: "'CASH,PAYPAL' ⇄ ['cash', 'paypal'] through a table declared in the mapping.",
  params: EnumListParams,
  direction: 'both',
  kinds: ['enumList'],
  lossless: (params) => params.values.every((entry) => entry.encodeOnly !== true),
  create: (params) => {
    const item = enumCodec({ values: params.values });
    return {
      decode(value, warn) {
        if (typeof value !== 'string') throw new CodecError(`a ${params.separator}-separated list`, describeValue(value));
        const items = value.split(params.separator).map((part) => part.trim()).filter((part) => part !== '');
        return items.length === 0 ? undefined : items.map((part) => item.decode(part, warn));
      },
      encode(value) {
        if (!Array.isArray(value)) throw new CodecError('a list', describeValue(value));
        return value.map((part) => String(item.encode(part))).join(params.separator);
      },
    };
  },
});
