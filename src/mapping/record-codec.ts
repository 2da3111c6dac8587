import type { Customer } from '../canonical/customer.js';
import type { RecordIssue } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import type { CompiledRule } from './compile.js';
import { createDecoder } from './record-decode.js';
import { createEncoder } from './record-encode.js';
import type { PlaceholderMatcher } from './placeholders.js';

/** A vendor record as the connector hands it over: the vendor's JSON shape (XML parsed to the same). */
export type RawRecord = Record<string, unknown>;

/**
 * A data-quality finding: a value that is read and written as it is (or, for a placeholder, read as
 * not set), but that a user may want to look at. `actual` is a safe excerpt, never a whole e-mail
 * address or IBAN.
 */
export interface QualityFinding extends RecordIssue {
  /** `plausibility`: a value fails a plausibility check; `placeholder`: a stand-in read as not set. */
  readonly kind: 'plausibility' | 'placeholder';
  /** The rule's source in the mapping file, when it names one. */
  readonly source?: string | undefined;
}

export interface DecodeOptions {
  /** Tells placeholders from values; none: every value is taken as it is. */
  readonly placeholders?: PlaceholderMatcher | undefined;
}

export interface DecodeResult {
  /** The canonical record; meaningful only when `issues` is empty. */
  readonly customer: Customer;
  /** Values that cannot be read: the record must not be used until they are fixed. */
  readonly issues: readonly RecordIssue[];
  /** Information the canonical form could not carry (the record is still usable). */
  readonly warnings: readonly RecordIssue[];
  /** Values that fail a plausibility check, and placeholders read as not set. */
  readonly findings: readonly QualityFinding[];
}

export interface EncodeOptions {
  /** `create` leaves absent fields out; `update` sends them as the vendor's "empty". */
  readonly mode: 'create' | 'update';
  /** In update mode: only the rules touching these canonical paths are written (partial updates). */
  readonly changed?: ReadonlySet<string> | undefined;
  /** `strict`: a value that fails a plausibility check refuses the record. Default `warn`: a finding. */
  readonly quality?: 'warn' | 'strict' | undefined;
}

export interface EncodeResult {
  /** The vendor body (unwrapped: connectors add envelopes such as Billomat's `{ client: … }`). */
  readonly body: RawRecord;
  /** Values the vendor cannot hold: nothing may be written while there are any. */
  readonly issues: readonly RecordIssue[];
  /** Values left out because the vendor cannot hold them and the mapping says `unfit: drop`. */
  readonly dropped: readonly RecordIssue[];
  /** Values written that fail a plausibility check of this vendor's mapping (`quality: warn`). */
  readonly findings: readonly QualityFinding[];
  /** Canonical leaf paths the body carries a value of (list items as `contacts[].email`). */
  readonly written: ReadonlySet<string>;
}

export interface RecordCodec {
  decode(raw: RawRecord, record: string, options?: DecodeOptions): DecodeResult;
  encode(customer: Customer, record: string, options: EncodeOptions): EncodeResult;
}

/** Builds the record-level decoder and encoder of one vendor from its compiled rules. */
export function createRecordCodec(vendor: VendorId, rules: readonly CompiledRule[]): RecordCodec {
  return { decode: createDecoder(vendor, rules), encode: createEncoder(vendor, rules) };
}

export { checkLimit } from './limits.js';
