import type { Customer } from '../canonical/customer.js';
import type { Mapping } from '../mapping/mapping.js';
import type { Snapshot } from '../store/types.js';
import { fieldKeys, fieldSetBetween, intersectFieldSets, type FieldSet, type Projection } from './fields.js';
import type { Base } from './merge.js';
import type { PairSettings, SyncSide } from './types.js';

/** Everything the planner needs besides the reconciled records; built once per run. */
export interface PlanContext {
  readonly settings: PairSettings;
  readonly from: SyncSide;
  readonly to: SyncSide;
  /** Fields a create writes, per direction. */
  readonly createFields: { readonly toTo: FieldSet; readonly toFrom: FieldSet };
  /** Fields compared and updated (and kept in snapshots). */
  readonly tracked: FieldSet;
  readonly trackedKeys: readonly string[];
  readonly fromSnapshots: ReadonlyMap<string, Snapshot>;
  readonly toSnapshots: ReadonlyMap<string, Snapshot>;
  readonly isLinked: (connection: string, externalId: string) => boolean;
  /** Records linked on both sides before this run (the base of the mass-archive rule). */
  readonly linkedCount: number;
}

export interface PlanContextInput {
  readonly settings: PairSettings;
  readonly from: SyncSide;
  readonly to: SyncSide;
  readonly fromSnapshots: ReadonlyMap<string, Snapshot>;
  readonly toSnapshots: ReadonlyMap<string, Snapshot>;
  readonly isLinked: (connection: string, externalId: string) => boolean;
  readonly linkedCount: number;
}

export function createPlanContext(input: PlanContextInput): PlanContext {
  const { settings, from, to } = input;
  const options = { contacts: settings.contacts, customValues: settings.customValues, exclude: settings.exclude };
  const toTo = fieldSetBetween(from.mapping, to.mapping, options);
  const toFrom = fieldSetBetween(to.mapping, from.mapping, options);
  const updatesTo = fieldSetBetween(from.mapping, to.mapping, { ...options, updatesOnly: true });
  const tracked = settings.mode === 'two-way' ? intersectFieldSets(updatesTo, fieldSetBetween(to.mapping, from.mapping, { ...options, updatesOnly: true })) : updatesTo;
  return { ...input, createFields: { toTo, toFrom }, tracked, trackedKeys: fieldKeys(tracked) };
}

/** The snapshot's values and tracked fields, if the stored record has that shape. */
export function baseOf(snapshot: Snapshot | undefined): (Base & { readonly fingerprint: string }) | undefined {
  if (snapshot === undefined) return undefined;
  const record = snapshot.record as { values?: unknown; fields?: unknown };
  if (typeof record.values !== 'object' || record.values === null || !Array.isArray(record.fields)) return undefined;
  return { values: record.values as Projection, fields: record.fields.filter((f): f is string => typeof f === 'string'), fingerprint: snapshot.fingerprint };
}

/** A record as `mapping`'s vendor would hold it: canonical → vendor → canonical. */
export function asHeldBy(mapping: Mapping, customer: Customer, label: string): Customer {
  return mapping.decode(mapping.encode(customer, label, { mode: 'create' }).body, label).customer;
}
