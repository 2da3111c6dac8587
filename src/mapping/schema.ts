import { z } from 'zod';
import { VENDOR_IDS } from '../vendors/ids.js';

/*
 * The grammar of `mappings/<vendor>.yaml`. A mapping file is data: it names fields, transforms and
 * limits, never code or expressions. Every field the vendor documents appears once, as one of:
 *
 *   - mapped:      { vendor, canonical, transform?, limit?, check?, keepRaw? } read and written
 *   - read-only:   { vendor, readOnly: <why>, canonical?, transform? }         read, never written
 *   - vendor-only: { vendor, vendorOnly: <why>, transform? }                   kept in extensions.<vendor>
 *   - unsupported: { vendor, unsupported: <why> }                              neither read nor written
 *
 * Two kinds of value rule, each with its `source`: `limit` (a vendor limit — the vendor refuses such
 * a value, so the record is refused before any call) and `check` (a plausibility check — a failing
 * value is a data-quality finding and is still written, unless the pair sets `quality: strict`).
 *
 * `keepRaw: true` keeps the vendor's own form in extensions.<vendor> for a lossy transform, so that
 * writing an unchanged value back to the same vendor is exact. `alias` names a second spelling the
 * vendor is known to use (read, never written).
 * `vendor` and `canonical` name one field, or a group of named fields for a transform over several
 * (`vendor: { type: due_days_type, value: due_days }`). Nested vendor objects use `object:` and
 * vendor lists use `list:` with rules relative to the object or list item.
 */

const FieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_@-]*(\.[A-Za-z_][A-Za-z0-9_@-]*)*$/, {
  error: 'must be a field name or a dotted path',
});
const Reference = z.union([FieldName, z.record(z.string().regex(/^[a-z][A-Za-z]*$/), FieldName)]);
export type Reference = z.infer<typeof Reference>;

export const TransformRefSchema = z.union([
  z.string().min(1),
  z.looseObject({ type: z.string().min(1) }),
]);
export type TransformRef = z.infer<typeof TransformRefSchema>;

/** Named formats a vendor checks; no regular expressions in mapping files. */
export const LIMIT_FORMATS = ['email', 'iban', 'bic', 'vat', 'structuredMessage', 'integer', 'upperCase'] as const;

/** Named plausibility checks: what a value of this shape usually looks like, not what a vendor refuses. */
export const CHECK_FORMATS = ['email', 'iban', 'bic', 'vat', 'structuredMessage'] as const;

/**
 * Where a rule comes from: a seed and the place in it (`seed 001, field table`), a VENDORS.md
 * section, or an observed vendor answer. Shown with refusals and findings.
 */
const Source = z.string().min(1).describe('The evidence for the rule: a seed and the place in it, a VENDORS.md section, an observed vendor answer, or a standard.');

/**
 * A vendor limit: what the vendor's documentation or observed answers say it refuses. Checked before
 * any call; a record that breaks one is refused (record, field, rule), as the vendor would.
 */
export const LimitSchema = z.strictObject({
  /** Longest value in Unicode code points. */
  maxLength: z.number().int().positive().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Most digits after the decimal point. */
  decimals: z.number().int().min(0).optional(),
  format: z.enum(LIMIT_FORMATS).optional(),
  /** The vendor refuses a create without this field. */
  required: z.literal(true).optional(),
  /** The evidence for the limit. */
  source: Source.optional(),
}).describe('A vendor limit: what the vendor refuses (length, range, decimals, a named format, required). Checked before any call; a record that breaks one is refused with record, field and rule.');
export type Limit = z.infer<typeof LimitSchema>;

/**
 * A plausibility check: a data-quality finding when a value fails it (an IBAN checksum, a VAT number
 * format), never a refusal unless the pair sets `quality: strict`. A value a vendor holds is always
 * writable back to it, whatever the check says.
 */
export const CheckSchema = z.strictObject({
  format: z.enum(CHECK_FORMATS),
  /** Why the check exists (a standard, a vendor's wording that stops short of saying what it refuses). */
  source: Source.optional(),
}).describe('A plausibility check: a value that fails it is a data-quality finding and is written all the same, unless the pair sets quality: strict. A value a vendor holds is always writable back to it.');
export type Check = z.infer<typeof CheckSchema>;

export interface RuleInput {
  vendor: Reference;
  canonical?: Reference | undefined;
  transform?: TransformRef | undefined;
  limit?: Limit | undefined;
  check?: Check | undefined;
  readOnly?: string | undefined;
  vendorOnly?: string | undefined;
  unsupported?: string | undefined;
  keepRaw?: boolean | undefined;
  alias?: string | undefined;
  unfit?: 'reject' | 'drop' | undefined;
  createOnly?: boolean | undefined;
  unique?: boolean | undefined;
  object?: RuleInput[] | undefined;
  list?: { element?: string | undefined; fields: RuleInput[] } | undefined;
  note?: string | undefined;
}

export const RuleSchema: z.ZodType<RuleInput> = z.lazy(() =>
  z.strictObject({
    vendor: Reference,
    canonical: Reference.optional(),
    transform: TransformRefSchema.optional(),
    limit: LimitSchema.optional(),
    check: CheckSchema.optional(),
    readOnly: z.string().min(1).optional(),
    vendorOnly: z.string().min(1).optional(),
    unsupported: z.string().min(1).optional(),
    keepRaw: z.boolean().optional(),
    /**
     * What to do with a value this vendor cannot hold: `reject` the record (default, nothing is
     * written), or `drop` the field and report it (for fields the vendor fills itself, like numbers).
     */
    unfit: z.enum(['reject', 'drop']).optional(),
    /** Written when the record is created, never on update (a key-like field such as a client number). */
    createOnly: z.boolean().optional(),
    /** No two clients of an account may hold the same value (a customer number): checked before a create. */
    unique: z.boolean().optional(),
    /** Another name the vendor is known to use for this field: read too, never written. */
    alias: FieldName.optional(),
    object: z.array(RuleSchema).min(1).optional(),
    list: z
      .strictObject({
        /** The XML element of one item (`<contacts><contact>…`), also Billomat's JSON wrapper key. */
        element: z.string().optional(),
        fields: z.array(RuleSchema).min(1),
      })
      .optional(),
    note: z.string().optional(),
  }),
);

export const MappingFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  vendor: z.enum(VENDOR_IDS),
  /** The vendor's documented field list (relative to the mappings directory). */
  documented: z.string(),
  identity: z.strictObject({
    /** The vendor's primary key field. */
    nativeId: FieldName,
    /** The field that holds external_client_id in this vendor, if it has one. */
    externalIdSlot: FieldName.optional(),
    /** Prefix of deterministic external ids for records that have none (`fs` → `fs-1234`). */
    idPrefix: z.string().regex(/^[a-z]{2,4}$/),
    /**
     * How updates are written: `partial` sends the changed fields only; `full` sends the whole record
     * (for a vendor whose update may replace the record).
     */
    update: z.enum(['partial', 'full']),
  }),
  fields: z.array(RuleSchema).min(1),
});
export type MappingFile = z.infer<typeof MappingFileSchema>;

/** The grammar of `mappings/documented/<vendor>.yaml`: what the vendor documents, with sources. */
export const DocumentedFileSchema = z.strictObject({
  version: z.literal(1),
  vendor: z.enum(VENDOR_IDS),
  sources: z.record(z.string(), z.string()),
  fields: z.array(
    z.strictObject({
      path: z.string().regex(/^[A-Za-z_][\w@-]*(\[\])?(\.[A-Za-z_][\w@-]*(\[\])?)*$/),
      type: z.string(),
      in: z.array(z.string()).min(1),
      note: z.string().optional(),
    }),
  ),
});
export type DocumentedFile = z.infer<typeof DocumentedFileSchema>;
