import { z } from 'zod';
import { CountryCodeSchema } from './country.js';
import { CurrencyCodeSchema } from './currency.js';
import {
  AmountSchema,
  CountSchema,
  CustomerSchema,
  DaysSchema,
  ExternalIdSchema,
  PercentSchema,
  ReferenceLineSchema,
  SignedDaysSchema,
  StructuredMessageSchema,
  VendorExtensionSchema,
} from './customer.js';
import { LanguageCodeSchema } from './language.js';
import { DateSchema, DateTimeSchema, MultilineTextSchema, TextSchema } from './text.js';

/**
 * The catalogue of canonical fields, derived from CustomerSchema (never written by hand): every leaf
 * path with its kind. The mapping loader checks paths against it, the lossiness matrix lists it, the
 * property tests generate values from it, and the engine diffs records along it.
 */

export type FieldKind =
  | 'text'
  | 'multiline'
  | 'country'
  | 'language'
  | 'currency'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'days'
  | 'signedDays'
  | 'percent'
  | 'count'
  | 'amount'
  | 'structuredMessage'
  | 'enum'
  | 'enumList'
  | 'textList'
  | 'extension';

export interface CanonicalField {
  /** Dotted path; items of a list of objects are written `contacts[].email`. */
  readonly path: string;
  readonly kind: FieldKind;
  /** Allowed values, for `enum` and `enumList`. */
  readonly values?: readonly string[];
  /** Longest allowed, for text (in code points) and lists (in items). */
  readonly maxLength?: number;
  /** The list of objects this field is an item field of (`contacts`), if any. */
  readonly list?: string;
  readonly schema: z.ZodType;
}

const LEAF_KINDS = new Map<z.ZodType, FieldKind>([
  [TextSchema, 'text'],
  [ExternalIdSchema, 'text'],
  [MultilineTextSchema, 'multiline'],
  [CountryCodeSchema, 'country'],
  [LanguageCodeSchema, 'language'],
  [CurrencyCodeSchema, 'currency'],
  [DateSchema, 'date'],
  [DateTimeSchema, 'datetime'],
  [DaysSchema, 'days'],
  [SignedDaysSchema, 'signedDays'],
  [PercentSchema, 'percent'],
  [CountSchema, 'count'],
  [AmountSchema, 'amount'],
  [StructuredMessageSchema, 'structuredMessage'],
  [VendorExtensionSchema, 'extension'],
]);

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap() as z.ZodType) : schema;
}

function walk(schema: z.ZodType, path: string, list: string | undefined, out: CanonicalField[]): void {
  const inner = unwrap(schema);
  const known = LEAF_KINDS.get(inner);
  const base = list === undefined ? {} : { list };
  if (known !== undefined) {
    const maxLength = inner === ExternalIdSchema ? { maxLength: 50 } : {};
    out.push({ path, kind: known, schema: inner, ...base, ...maxLength });
    return;
  }
  if (inner instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = inner.shape;
    for (const [key, child] of Object.entries(shape)) {
      walk(child, path === '' ? key : `${path}.${key}`, list, out);
    }
    return;
  }
  if (inner instanceof z.ZodBoolean) {
    out.push({ path, kind: 'boolean', schema: inner, ...base });
    return;
  }
  if (inner instanceof z.ZodEnum) {
    out.push({ path, kind: 'enum', values: inner.options.map(String), schema: inner, ...base });
    return;
  }
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as unknown as z.ZodType);
    const maxLength = inner._zod.bag.maximum;
    const limit = typeof maxLength === 'number' ? { maxLength } : {};
    if (element instanceof z.ZodEnum) {
      out.push({ path, kind: 'enumList', values: element.options.map(String), schema: inner, ...base, ...limit });
      return;
    }
    if (element === ReferenceLineSchema) {
      out.push({ path, kind: 'textList', schema: inner, ...base, ...limit });
      return;
    }
    if (element instanceof z.ZodObject) {
      walk(element, `${path}[]`, path, out);
      return;
    }
  }
  throw new Error(`canonical field ${path} has a schema the catalogue does not know; add it to LEAF_KINDS`);
}

function buildCatalogue(): readonly CanonicalField[] {
  const out: CanonicalField[] = [];
  walk(CustomerSchema, '', undefined, out);
  return out;
}

/** Every canonical leaf field, in schema order. */
export const CANONICAL_FIELDS: readonly CanonicalField[] = buildCatalogue();

const BY_PATH = new Map(CANONICAL_FIELDS.map((field) => [field.path, field]));

/** The lists of objects in the model (`contacts`, `customValues`). */
export const CANONICAL_LISTS: readonly string[] = [
  ...new Set(CANONICAL_FIELDS.flatMap((field) => (field.list === undefined ? [] : [field.list]))),
];

export function canonicalField(path: string): CanonicalField | undefined {
  return BY_PATH.get(path);
}

/** True when `path` names an object in the model (`billingAddress`, `tax`, `contacts[].address`). */
export function isCanonicalObject(path: string): boolean {
  const prefix = `${path}.`;
  return CANONICAL_FIELDS.some((field) => field.path.startsWith(prefix));
}
