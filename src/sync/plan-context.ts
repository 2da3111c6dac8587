import type { Customer } from '../canonical/customer.js';
import type { RecordIssue } from '../errors/index.js';
import { describeValue } from '../mapping/transforms/types.js';
import type { Mapping } from '../mapping/mapping.js';
import type { Link, Snapshot } from '../store/types.js';
import { fieldKeys, fieldSetBetween, intersectFieldSets, type FieldSet, type Projection } from './fields.js';
import { NO_DECISIONS, type PlanDecisions } from './decisions.js';
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
  /** Each side's links by external id before this run (kept with every write, for undo). */
  readonly links?: { readonly from: ReadonlyMap<string, Link>; readonly to: ReadonlyMap<string, Link> } | undefined;
  /** Records linked on both sides before this run (the base of the mass-archive rule). */
  readonly linkedCount: number;
  /** Custom fields each side's account defines (undefined: unknown, nothing is left out). */
  readonly customFieldNames: { readonly from?: ReadonlySet<string> | undefined; readonly to?: ReadonlySet<string> | undefined };
  /**
   * Values of unique fields (customer numbers) each side already holds, by canonical path. The planner
   * adds the values it plans to create, so two creates never claim one number either.
   */
  readonly taken: { readonly from: Map<string, Set<string>>; readonly to: Map<string, Set<string>> };
  /** A person's decisions on conflicts, candidates and records (none: the plan as the data gives it). */
  readonly decisions: PlanDecisions;
}

export interface PlanContextInput {
  readonly settings: PairSettings;
  readonly from: SyncSide;
  readonly to: SyncSide;
  readonly fromSnapshots: ReadonlyMap<string, Snapshot>;
  readonly toSnapshots: ReadonlyMap<string, Snapshot>;
  readonly isLinked: (connection: string, externalId: string) => boolean;
  readonly links?: PlanContext['links'];
  readonly linkedCount: number;
  readonly customFieldNames?: PlanContext['customFieldNames'] | undefined;
  /** The customers each side holds now, to know which unique values are taken. */
  readonly held?: { readonly from: readonly (Customer | undefined)[]; readonly to: readonly (Customer | undefined)[] } | undefined;
  /** The unique values each side holds, gathered while reading (see takenCollector); instead of `held`. */
  readonly taken?: PlanContext['taken'] | undefined;
  readonly decisions?: PlanDecisions | undefined;
}

/**
 * Gathers, for each unique field the side writes, the values its records hold: record by record as
 * they are read, so a record's decoded customer need not be kept for it.
 */
export function takenCollector(mapping: Mapping): { add(customer: Customer | undefined): void; readonly taken: Map<string, Set<string>> } {
  const taken = new Map<string, Set<string>>();
  for (const [path, field] of mapping.fields) if (field.unique && field.writes) taken.set(path, new Set());
  return {
    taken,
    add(customer) {
      if (customer === undefined) return;
      for (const [path, values] of taken) {
        const value = readPath(customer, path);
        if (typeof value === 'string') values.add(value);
      }
    },
  };
}

/** For each unique field the side writes, the values its records already hold. */
function takenValues(mapping: Mapping, customers: readonly (Customer | undefined)[]): Map<string, Set<string>> {
  const collector = takenCollector(mapping);
  for (const customer of customers) collector.add(customer);
  return collector.taken;
}

/** The fields a pair compares and updates (and keeps in snapshots): what both directions can carry, in two-way. */
export function trackedFieldSet(settings: PairSettings, from: SyncSide, to: SyncSide): FieldSet {
  const options = { contacts: settings.contacts, customValues: settings.customValues, exclude: settings.exclude, updatesOnly: true };
  const updatesTo = fieldSetBetween(from.mapping, to.mapping, options);
  return settings.mode === 'two-way' ? intersectFieldSets(updatesTo, fieldSetBetween(to.mapping, from.mapping, options)) : updatesTo;
}

function readPath(customer: Customer, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), customer);
}

export function createPlanContext(input: PlanContextInput): PlanContext {
  const { settings, from, to } = input;
  const options = { contacts: settings.contacts, customValues: settings.customValues, exclude: settings.exclude };
  const toTo = fieldSetBetween(from.mapping, to.mapping, options);
  const toFrom = fieldSetBetween(to.mapping, from.mapping, options);
  const tracked = trackedFieldSet(settings, from, to);
  const taken = input.taken ?? { from: takenValues(from.mapping, input.held?.from ?? []), to: takenValues(to.mapping, input.held?.to ?? []) };
  return { ...input, createFields: { toTo, toFrom }, tracked, trackedKeys: fieldKeys(tracked), customFieldNames: input.customFieldNames ?? {}, taken, decisions: input.decisions ?? NO_DECISIONS };
}

/** The snapshot's values and tracked fields, if the stored record has that shape. */
export function baseOf(snapshot: Snapshot | undefined): (Base & { readonly fingerprint: string; readonly provisional: boolean; readonly written: readonly string[] }) | undefined {
  if (snapshot === undefined) return undefined;
  const record = snapshot.record as { values?: unknown; fields?: unknown; provisional?: unknown; written?: unknown };
  if (typeof record.values !== 'object' || record.values === null || !Array.isArray(record.fields)) return undefined;
  return {
    values: record.values as Projection,
    fields: record.fields.filter((f): f is string => typeof f === 'string'),
    fingerprint: snapshot.fingerprint,
    provisional: record.provisional === true,
    written: Array.isArray(record.written) ? record.written.filter((f): f is string => typeof f === 'string') : [],
  };
}

/** A record as `mapping`'s vendor would hold it: canonical → vendor → canonical. */
export function asHeldBy(mapping: Mapping, customer: Customer, label: string): Customer {
  return mapping.decode(mapping.encode(customer, label, { mode: 'create' }).body, label).customer;
}

/**
 * Keeps the custom values an account can hold: those whose name (or, failing that, label) is a field
 * the account defines. The others are reported as dropped, never sent for the vendor to refuse.
 */
export function fitCustomValues(customer: Customer, names: ReadonlySet<string> | undefined, record: string, connection: string): { customer: Customer; dropped: RecordIssue[] } {
  const values = customer.customValues;
  if (names === undefined || values === undefined) return { customer, dropped: [] };
  const dropped: RecordIssue[] = [];
  const kept = values.flatMap((item, index) => {
    if (names.has(item.name)) return [item];
    if (item.label !== undefined && names.has(item.label)) return [{ ...item, name: item.label }];
    dropped.push({ record, field: `customValues[${index}].name`, rule: `a custom field ${connection} defines`, actual: describeValue(item.name) });
    return [];
  });
  const { customValues: _dropped, ...rest } = customer;
  return { customer: kept.length > 0 ? { ...rest, customValues: kept } : rest, dropped };
}
