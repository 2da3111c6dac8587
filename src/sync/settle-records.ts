import type { Customer } from '../canonical/customer.js';
import type { Snapshot } from '../store/types.js';
import { fingerprint, project, type FieldSet } from './fields.js';
import type { RawSpill } from './raw-spill.js';
import { settleRecord, type SideRecord } from './side-records.js';
import { summaryOf } from './snapshot-index.js';
import type { SyncSide } from './types.js';

/** What tells whether a record of one side reads as the pair's last snapshot of it. */
export interface SettleInput {
  readonly side: SyncSide;
  readonly tracked: FieldSet;
  readonly trackedKeys: readonly string[];
  /** The pair's snapshots on this side. */
  readonly snapshots: ReadonlyMap<string, Snapshot>;
  /** Whether this side's external id is linked (a record found by its derived id alone is not settled). */
  readonly linked: (externalId: string) => boolean;
  /** Where settled records put their raw records (none: they keep them). */
  readonly spill?: RawSpill | undefined;
}

/** Whether `fields` are exactly the pair's tracked fields (a snapshot of other fields is compared in full). */
export function sameFields(fields: readonly string[], trackedKeys: readonly string[]): boolean {
  return fields.length === trackedKeys.length && trackedKeys.every((k) => fields.includes(k));
}

/** The hash the snapshot summaries keep of a record's tracked custom values (undefined: none tracked). */
export function customValuesPrint(customer: Customer, tracked: FieldSet): string | undefined {
  const items = tracked.lists.get('customValues');
  if (items === undefined) return undefined;
  const values = project(customer, { scalars: [], lists: new Map([['customValues', items]]) }).customValues;
  return values === undefined ? undefined : fingerprint({ customValues: values });
}

/**
 * The record as the run keeps it: settled (its decoded customer let go, see settleRecord) when it is
 * linked and reads exactly as the pair's snapshot of it, which is every unchanged record of a re-run;
 * else as it is. The fingerprint is the planner's own test for "unchanged" (plan.ts, planBoth).
 */
export function settleIfUnchanged(input: SettleInput, record: SideRecord): SideRecord {
  const { customer } = record;
  if (customer === undefined || record.issues.length > 0 || !input.linked(record.externalId)) return record;
  const summary = summaryOf(input.snapshots, record.externalId);
  if (summary === undefined || !summary.base || summary.provisional || !sameFields(summary.fields, input.trackedKeys)) return record;
  const print = fingerprint(project(customer, input.tracked));
  if (print !== summary.fingerprint) return record;
  const hasCustomValues = (customer.customValues?.length ?? 0) > 0;
  return settleRecord(input.side, record, { fingerprint: print, hasCustomValues, customValues: hasCustomValues ? customValuesPrint(customer, input.tracked) : undefined }, input.spill);
}
