import type { Customer } from '../canonical/customer.js';
import type { RecordIssue } from '../errors/index.js';
import { getPath } from '../mapping/_paths.js';
import type { QualityFinding, RawRecord } from '../mapping/record-codec.js';
import type { RawSpill } from './raw-spill.js';
import type { SyncSide } from './types.js';

/** How a record's external id was found. */
export type IdentitySource = 'marker' | 'link' | 'derived';

/** One vendor record as the engine sees it: decoded, with its identity resolved. */
export interface SideRecord {
  readonly connection: string;
  readonly nativeId: string;
  /** `billomat:3527529`, for messages and reports. */
  readonly label: string;
  readonly externalId: string;
  readonly identity: IdentitySource;
  /** The external id as held in the vendor's own slot, if any. */
  readonly marker: string | undefined;
  /** Undefined when the record cannot be read (see `issues`). */
  readonly customer: Customer | undefined;
  readonly issues: readonly RecordIssue[];
  readonly warnings: readonly RecordIssue[];
  /** Placeholders read as not set and values that fail a plausibility check (the record is used all the same). */
  readonly findings: readonly QualityFinding[];
  readonly raw: RawRecord;
  /** The client's name, for reports written to the user (never for logs). */
  readonly name: string | undefined;
  /** Set when the record reads as the pair's snapshot of it: unchanged on its side since the last sync. */
  readonly settled?: Settled | undefined;
}

/**
 * What is kept of a record that reads exactly as the pair's last snapshot of it. Its decoded customer
 * is not kept: most records of a re-run are settled, and their customers were most of a run's memory.
 * Should the plan need one after all (its counterpart changed), it is decoded again from the raw
 * record, which stays: it is what an update sends the vendor's current record from, without a call.
 */
export interface Settled {
  /** The fingerprint of the record's tracked fields, equal to its snapshot's. */
  readonly fingerprint: string;
  readonly hasCustomValues: boolean;
  /** A hash of its tracked custom values (see customValuesPrint in settle-records.ts). */
  readonly customValues: string | undefined;
}

/** One empty list for the issues, warnings and findings of every settled record that has none. */
const NONE: readonly never[] = Object.freeze([]);

/**
 * The record without its decoded customer, which it decodes again from the raw record each time it
 * is asked for (decoding is a function of the raw record and the side's mapping and placeholders).
 * With a spill, the raw record goes there too and is read back when asked for.
 */
export function settleRecord(side: SyncSide, record: SideRecord, settled: Settled, spill?: RawSpill): SideRecord {
  return new SettledRecord(side, record, settled, spill);
}

/**
 * A class rather than an object with getters: its fields stay in the object and the getters on the
 * prototype, which for 100,000 records per side is both smaller and faster to make.
 */
class SettledRecord implements SideRecord {
  readonly connection: string;
  readonly nativeId: string;
  readonly label: string;
  readonly externalId: string;
  readonly identity: IdentitySource;
  readonly marker: string | undefined;
  readonly issues: readonly RecordIssue[];
  readonly warnings: readonly RecordIssue[];
  readonly findings: readonly QualityFinding[];
  readonly name: string | undefined;
  readonly settled: Settled;
  readonly #side: SyncSide;
  /** The raw record, or its key in the spill. */
  readonly #raw: RawRecord | number;
  readonly #spill: RawSpill | undefined;

  constructor(side: SyncSide, record: SideRecord, settled: Settled, spill: RawSpill | undefined) {
    this.connection = record.connection;
    this.nativeId = record.nativeId;
    this.label = record.label;
    this.externalId = record.externalId;
    this.identity = record.identity;
    this.marker = record.marker;
    this.issues = record.issues.length === 0 ? NONE : record.issues;
    this.warnings = record.warnings.length === 0 ? NONE : record.warnings;
    this.findings = record.findings.length === 0 ? NONE : record.findings;
    this.name = record.name;
    this.settled = settled;
    this.#side = side;
    this.#spill = spill;
    this.#raw = spill === undefined ? record.raw : spill.put(record.raw);
  }

  get raw(): RawRecord {
    const raw = this.#raw;
    return typeof raw === 'number' && this.#spill !== undefined ? this.#spill.get(raw) : (raw as RawRecord);
  }

  get customer(): Customer | undefined {
    const decoded = this.#side.mapping.decode(this.raw, this.label, { placeholders: this.#side.placeholders });
    return decoded.issues.length === 0 ? decoded.customer : undefined;
  }
}

function displayName(customer: Customer | undefined, raw: RawRecord): string | undefined {
  const person = [customer?.contactPerson?.firstName, customer?.contactPerson?.lastName].filter(Boolean).join(' ');
  if (customer?.name !== undefined) return customer.name;
  if (person !== '') return person;
  const fallback = raw.name ?? raw.company;
  return typeof fallback === 'string' && fallback !== '' ? fallback : undefined;
}

/**
 * Decodes one raw record and gives it its external id: the one in the vendor's slot, else the one a
 * link in the state store gives its native id, else a deterministic `<prefix>-<native id>` (DESIGN §6),
 * so the same source record always gets the same id, even after the state store is lost.
 */
export function toSideRecord(side: SyncSide, raw: RawRecord, linkedExternalIds: ReadonlyMap<string, string>): SideRecord | undefined {
  const { mapping } = side;
  const nativeId = mapping.nativeIdOf(raw);
  if (nativeId === undefined || nativeId === '') return undefined;
  const label = `${mapping.vendor}:${nativeId}`;
  const decoded = mapping.decode(raw, label, { placeholders: side.placeholders });
  const slot = mapping.identity.externalIdSlot;
  const slotValue = slot === undefined ? undefined : getPath(raw, slot);
  const marker = typeof slotValue === 'string' && slotValue.trim() !== '' ? slotValue.trim() : typeof slotValue === 'number' ? String(slotValue) : undefined;
  const linked = linkedExternalIds.get(nativeId);
  const externalId = marker ?? linked ?? `${mapping.identity.idPrefix}-${nativeId}`;
  const identity: IdentitySource = marker !== undefined ? 'marker' : linked !== undefined ? 'link' : 'derived';
  const customer = decoded.issues.length === 0 ? decoded.customer : undefined;
  return {
    connection: side.name, nativeId, label, externalId, identity, marker, customer,
    issues: decoded.issues, warnings: decoded.warnings, findings: decoded.findings, raw, name: displayName(customer, raw),
  };
}
