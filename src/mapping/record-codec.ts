import type { Customer } from '../canonical/customer.js';
import type { RecordIssue } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import type { CompiledRule } from './compile.js';
import { createDecoder } from './record-decode.js';
import { createEncoder } from './record-encode.js';

/** A vendor record as the connector hands it over: the vendor's JSON shape (XML parsed to the same). */
export type RawRecord = Record<string, unknown>;

export interface DecodeResult {
  /** The canonical record; meaningful only when `issues` is empty. */
  readonly customer: Customer;
  /** Values that cannot be read: the record must not be used until they are fixed. */
  readonly issues: readonly RecordIssue[];
  /** Information the canonical form could not carry (the record is still usable). */
  readonly warnings: readonly RecordIssue[];
}

export interface EncodeOptions {
  /** `create` leaves absent fields out; `update` sends them as the vendor's "empty". */
  readonly mode: 'create' | 'update';
  /** In update mode: only the rules touching these canonical paths are written (partial updates). */
  readonly changed?: ReadonlySet<string> | undefined;
}

export interface EncodeResult {
  /** The vendor body (unwrapped: connectors add envelopes such as Billomat's `{ client: … }`). */
  readonly body: RawRecord;
  /** Values the vendor cannot hold: nothing may be written while there are any. */
  readonly issues: readonly RecordIssue[];
  /** Values left out because the vendor cannot hold them and the mapping says `unfit: drop`. */
  readonly dropped: readonly RecordIssue[];
}

export interface RecordCodec {
  decode(raw: RawRecord, record: string): DecodeResult;
  encode(customer: Customer, record: string, options: EncodeOptions): EncodeResult;
}

/** Builds the record-level decoder and encoder of one vendor from its compiled rules. */
export function createRecordCodec(vendor: VendorId, rules: readonly CompiledRule[]): RecordCodec {
  return { decode: createDecoder(vendor, rules), encode: createEncoder(vendor, rules) };
}

export { checkLimit } from './limits.js';
