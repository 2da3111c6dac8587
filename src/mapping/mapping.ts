import type { Customer } from '../canonical/customer.js';
import type { RecordIssue } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import { allRules, type CompiledRule } from './compile.js';
import type { LookupTable } from './lookups.js';
import { createRecordCodec, type DecodeOptions, type DecodeResult, type EncodeOptions, type EncodeResult, type RawRecord } from './record-codec.js';
import type { MappingFile } from './schema.js';
import { getPath } from './_paths.js';

/** What one vendor does with one canonical field, derived from its mapping file. */
export interface FieldMapping {
  readonly path: string;
  readonly reads: boolean;
  readonly writes: boolean;
  /** canonical → vendor → canonical returns the value unchanged. */
  readonly lossless: boolean;
  readonly createOnly: boolean;
  /** No two clients of the account may hold the same value. */
  readonly unique: boolean;
  readonly transform: string;
  readonly vendorFields: readonly string[];
  readonly maxLength: number | undefined;
  readonly rule: CompiledRule;
}

/** A loaded, checked vendor mapping: decode and encode records, inspect what is mapped how. */
export interface Mapping {
  readonly vendor: VendorId;
  readonly file: string;
  readonly identity: MappingFile['identity'];
  readonly rules: readonly CompiledRule[];
  /** Every canonical path this vendor reads or writes (vendor-only fields as `extensions.<vendor>.<field>`). */
  readonly fields: ReadonlyMap<string, FieldMapping>;
  /** Vendor list fields and their XML item element (`contacts` → `contact`), to parse XML lists as arrays. */
  readonly listElements: ReadonlyMap<string, string | undefined>;
  readonly lookups: ReadonlyMap<string, LookupTable>;
  /** The vendor's id for a raw record, as a string. */
  nativeIdOf(raw: RawRecord): string | undefined;
  /** A label for messages: `billomat:3527529`. */
  labelOf(raw: RawRecord): string;
  decode(raw: RawRecord, record?: string, options?: DecodeOptions): DecodeResult;
  encode(customer: Customer, record: string, options: EncodeOptions): EncodeResult;
  /** Every value this vendor cannot hold, before any call is made. */
  checkLimits(customer: Customer, record: string): RecordIssue[];
}

export interface CreateMappingInput {
  readonly file: string;
  readonly vendor: VendorId;
  readonly identity: MappingFile['identity'];
  readonly rules: readonly CompiledRule[];
  readonly lookups: ReadonlyMap<string, LookupTable>;
}

export function createMapping(input: CreateMappingInput): Mapping {
  const { vendor, rules, identity } = input;
  const codec = createRecordCodec(vendor, rules);

  const fields = new Map<string, FieldMapping>();
  const listElements = new Map<string, string | undefined>();
  for (const rule of allRules(rules)) {
    if (rule.list !== undefined && typeof rule.vendor === 'string') listElements.set(rule.vendor, rule.list.element);
    if (rule.object !== undefined || rule.list !== undefined) continue;
    for (const path of rule.canonicalPaths) {
      fields.set(path, {
        path,
        reads: rule.kind !== 'unsupported',
        writes: rule.writes,
        lossless: rule.lossless,
        createOnly: rule.createOnly,
        unique: rule.unique,
        transform: rule.transform,
        vendorFields: rule.vendorPaths,
        maxLength: rule.limit?.maxLength,
        rule,
      });
    }
  }

  const nativeIdOf = (raw: RawRecord): string | undefined => {
    const id = getPath(raw, identity.nativeId);
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  };
  const labelOf = (raw: RawRecord): string => `${vendor}:${nativeIdOf(raw) ?? '(new)'}`;

  return {
    vendor,
    file: input.file,
    identity,
    rules,
    fields,
    listElements,
    lookups: input.lookups,
    nativeIdOf,
    labelOf,
    decode: (raw, record, options) => codec.decode(raw, record ?? labelOf(raw), options),
    encode: (customer, record, options) => codec.encode(customer, record, options),
    checkLimits: (customer, record) => [...codec.encode(customer, record, { mode: 'create' }).issues],
  };
}
