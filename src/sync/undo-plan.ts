import type { Customer } from '../canonical/customer.js';
import { ConfigError } from '../errors/index.js';
import { jsonEqual } from '../mapping/_paths.js';
import type { JournalEntry, JournalOperation } from '../store/types.js';
import { updateCalls } from './cost.js';
import { fieldKeys, fromProjection, project, withValues, type Projection } from './fields.js';
import type { PlanContext } from './plan-context.js';
import { expandChanged, type Plan } from './plan.js';
import type { SideRecord } from './side-records.js';
import type { RestoreState, SideKey, Step } from './steps.js';
import type { PlannedAction } from './types.js';
import { fieldSetOf, parseUndoData, type UndoData } from './undo-data.js';

/*
 * The plan of `client-sync undo <run-id>`: built from the run's journal and the records as they are
 * now, carried out by the normal apply (journal, crash safety, rate budget, lock, report). A created
 * record is deleted (archived where the vendor keeps clients with documents), an updated or archived
 * one gets back the values it had, a marker written is cleared. Each reversal is decided by looking
 * at the record now, so running the undo again (after a crash) reverses what is left and nothing
 * twice; a record changed since the run is left alone and listed, unless `force`.
 */

export interface UndoOptions {
  /** The run to take back. */
  readonly runId: string;
  /** Reverse records changed since the run too. */
  readonly force?: boolean | undefined;
}

const WRITES: ReadonlySet<JournalOperation> = new Set(['create', 'update', 'archive', 'delete', 'marker']);

/** A write of the run that happened (done, or a lost create found again). */
function happened(entry: JournalEntry): boolean {
  return (entry.state === 'done' || entry.state === 'resolved') && entry.nativeId !== undefined && WRITES.has(entry.operation);
}

/** Whether the journal says an undo of this run can start: it wrote something, and is this pair's. */
export function checkUndoable(entries: readonly JournalEntry[], runId: string, pair: string): void {
  if (entries.length === 0) {
    throw new ConfigError([{ key: 'run-id', message: `run ${runId} has no journal here: it wrote nothing, is not in this state store, or is older than the journal keeps (30 days)` }]);
  }
  const other = entries.find((entry) => entry.pair !== pair);
  if (other !== undefined) throw new ConfigError([{ key: 'run-id', message: `run ${runId} belongs to pair ${other.pair}, not ${pair}` }]);
}

/** What undoing one record's writes on one connection comes to. */
type Reversal =
  | { readonly kind: 'write'; readonly steps: readonly Step[] }
  | { readonly kind: 'done'; readonly why: string }
  | { readonly kind: 'left'; readonly why: string; readonly connection: string; readonly record?: SideRecord | undefined };

function action(kind: PlannedAction['kind'], externalId: string, connection: string, record: SideRecord | undefined, extra: Partial<PlannedAction> = {}): PlannedAction {
  return { kind, externalId, connection, records: record === undefined ? [] : [record.label], name: record?.name, calls: [], ...extra };
}

interface Ctx {
  readonly plan: PlanContext;
  readonly options: UndoOptions;
  readonly byNative: { readonly from: ReadonlyMap<string, SideRecord>; readonly to: ReadonlyMap<string, SideRecord> };
}

function sideOf(plan: PlanContext, key: SideKey): PlanContext['from'] {
  return key === 'from' ? plan.from : plan.to;
}

/** The fields where `now` differs from `values`. */
function differing(now: Projection, values: Projection, fields: readonly string[]): string[] {
  return fields.filter((field) => !jsonEqual(now[field], values[field]));
}

function changedSince(ctx: Ctx, fields: readonly string[]): string {
  return `changed since run ${ctx.options.runId} (${fields.join(', ')}): left alone; --force takes it back anyway`;
}

/** A created record: deleted, or archived where the vendor refuses the delete. */
function undoCreate(ctx: Ctx, entry: JournalEntry, key: SideKey): Reversal {
  const side = sideOf(ctx.plan, key);
  const record = ctx.byNative[key].get(entry.nativeId ?? '');
  if (record === undefined) return { kind: 'done', why: `no longer in ${side.name}` };
  if (record.customer === undefined) return { kind: 'left', why: `${record.label} cannot be read`, connection: side.name, record };
  const expected = entry.expected ?? {};
  if (record.customer.status === 'archived' && expected.status !== 'archived') return { kind: 'done', why: `archived in ${side.name}` };
  // A unique value (a customer number) the vendor refused gets one of its own: not a change since.
  const unique = ctx.plan.taken[key];
  const fields = Object.keys(expected).filter((field) => !unique.has(field) && (fieldKeys(ctx.plan.createFields.toTo).includes(field) || fieldKeys(ctx.plan.createFields.toFrom).includes(field)));
  const set = fieldSetOf(ctx.plan, fields);
  const changed = differing(project(record.customer, set), expected, fields);
  if (changed.length > 0 && ctx.options.force !== true) return { kind: 'left', why: changedSince(ctx, changed), connection: side.name, record };
  const desired: Customer = { ...record.customer, status: 'archived' };
  const partial = side.connector.capabilities.update === 'partial';
  const encoded = side.mapping.encode(desired, record.label, { mode: 'update', changed: partial ? new Set(['status']) : undefined });
  return {
    kind: 'write',
    steps: [{
      op: 'delete', side: key, externalId: entry.externalId, record, body: encoded.body, desired,
      action: action('delete', entry.externalId, side.name, record, { reason: `created by run ${ctx.options.runId}`, calls: [{ connection: side.name, kind: 'delete', count: 1 }] }),
    }],
  };
}

/** Updates, archives and refused deletes of one record on one connection: the values they replaced go back. */
function undoUpdates(ctx: Ctx, entries: readonly JournalEntry[], key: SideKey): Reversal {
  const side = sideOf(ctx.plan, key);
  const externalId = entries[0]?.externalId ?? '';
  const record = ctx.byNative[key].get(entries[0]?.nativeId ?? '');
  const data = entries.map((entry) => parseUndoData(entry.undo)).filter((d): d is UndoData => d?.replaced !== undefined && d.fields !== undefined);
  if (data.length === 0) return { kind: 'left', why: `run ${ctx.options.runId} did not keep the values it replaced in ${side.name}`, connection: side.name, record };
  if (record === undefined) {
    const deleted = entries.some((entry) => entry.operation === 'delete' && entry.detail?.includes('archived instead') !== true);
    return { kind: 'left', why: deleted ? `deleted in ${side.name} by run ${ctx.options.runId}: a deleted client cannot be brought back` : `no longer in ${side.name}`, connection: side.name };
  }
  if (record.customer === undefined) return { kind: 'left', why: `${record.label} cannot be read`, connection: side.name, record };
  // The first write's old values are what the record had before the run; the last write's record what it left.
  const fields = [...new Set(data.flatMap((d) => d.fields ?? []))];
  const replaced: Record<string, unknown> = {};
  for (const field of fields) {
    const first = data.find((d) => d.fields?.includes(field));
    if (first?.replaced?.[field] !== undefined) replaced[field] = first.replaced[field];
  }
  const set = fieldSetOf(ctx.plan, fields);
  if (differing(project(record.customer, set), replaced, fields).length === 0) return { kind: 'done', why: `holds its values from before run ${ctx.options.runId}` };
  const left = data.at(-1);
  const compared = left?.compared ?? [];
  const changed = left?.wrote === undefined ? [] : differing(project(record.customer, fieldSetOf(ctx.plan, compared)), left.wrote, compared);
  if (changed.length > 0 && ctx.options.force !== true) return { kind: 'left', why: changedSince(ctx, changed), connection: side.name, record };
  const desired = withValues(record.customer, fromProjection(replaced, set), fields, set);
  const partial = side.connector.capabilities.update === 'partial';
  const encoded = side.mapping.encode(desired, record.label, { mode: 'update', changed: partial ? expandChanged(fields, set) : undefined });
  if (encoded.issues.length > 0) {
    return { kind: 'write', steps: [{ op: 'none', externalId, action: action('invalid', externalId, side.name, record, { fields, issues: encoded.issues, reason: `${side.name} cannot hold the values from before run ${ctx.options.runId}` }) }] };
  }
  const archiving = desired.status === 'archived' && record.customer.status !== 'archived';
  const reactivating = desired.status !== 'archived' && record.customer.status === 'archived';
  return {
    kind: 'write',
    steps: [{
      op: archiving ? 'archive' : 'update', side: key, externalId, record, body: encoded.body, desired,
      action: action(archiving ? 'archive' : 'update', externalId, side.name, record, {
        fields, calls: updateCalls(side.name, side.connector, desired, fields),
        reason: reactivating ? `made active again (archived by run ${ctx.options.runId})` : `values from before run ${ctx.options.runId}`,
      }),
    }],
  };
}

/** A marker the run wrote into the vendor's slot: cleared. */
function undoMarker(ctx: Ctx, entry: JournalEntry, key: SideKey): Reversal {
  const side = sideOf(ctx.plan, key);
  const record = ctx.byNative[key].get(entry.nativeId ?? '');
  if (record === undefined) return { kind: 'done', why: `no longer in ${side.name}` };
  if (record.marker === undefined) return { kind: 'done', why: 'external id already cleared' };
  if (record.marker !== entry.externalId && ctx.options.force !== true) return { kind: 'left', why: changedSince(ctx, ['externalClientId']), connection: side.name, record };
  return {
    kind: 'write',
    steps: [{
      op: 'marker', clearMarker: true, side: key, externalId: entry.externalId, record,
      action: action('marker', entry.externalId, side.name, record, { reason: `external id written by run ${ctx.options.runId} cleared`, calls: [{ connection: side.name, kind: 'marker', count: 1 }] }),
    }],
  };
}

/** The reversals of one record's writes on one connection. */
function undoOnConnection(ctx: Ctx, entries: readonly JournalEntry[], key: SideKey): Reversal[] {
  const create = entries.find((entry) => entry.operation === 'create');
  // A record the run created goes as a whole: its marker and later writes go with it.
  if (create !== undefined) return [undoCreate(ctx, create, key)];
  const updates = entries.filter((entry) => entry.operation === 'update' || entry.operation === 'archive' || entry.operation === 'delete');
  const markers = entries.filter((entry) => entry.operation === 'marker');
  // Updates first: a full update sends the record as it is, marker included, and would write it back.
  return [...(updates.length > 0 ? [undoUpdates(ctx, updates, key)] : []), ...markers.slice(0, 1).map((entry) => undoMarker(ctx, entry, key))];
}

/**
 * The record's state before the run: from the first of its journal entries that kept it. A run from
 * before undo data was kept still says what it created: there was no link to it and no snapshot then.
 */
function restoreOf(plan: PlanContext, entries: readonly JournalEntry[]): RestoreState | undefined {
  for (const entry of entries) {
    const data = parseUndoData(entry.undo);
    if (data !== undefined) return { links: data.links, snapshots: data.snapshots };
  }
  const created = entries.find((entry) => entry.operation === 'create' && happened(entry));
  if (created === undefined) return undefined;
  return { links: { [created.connection]: null }, snapshots: { [plan.from.name]: null, [plan.to.name]: null } };
}

function recordSteps(ctx: Ctx, externalId: string, all: readonly JournalEntry[]): Step[] {
  const writes = all.filter(happened);
  const reversals: Reversal[] = [];
  for (const key of ['to', 'from'] as const) {
    const connection = sideOf(ctx.plan, key).name;
    const mine = writes.filter((entry) => entry.connection === connection);
    if (mine.length > 0) reversals.push(...undoOnConnection(ctx, mine, key));
  }
  const left = reversals.filter((r): r is Extract<Reversal, { kind: 'left' }> => r.kind === 'left');
  if (left.length > 0) {
    // Part of a record taken back would leave it half one run's, half another's: all of it stays.
    const first = left[0];
    const records = left.flatMap((r) => (r.record === undefined ? [] : [r.record.label]));
    return [{
      op: 'none', externalId,
      action: action('conflict', externalId, first?.connection ?? '', first?.record, { records, reason: left.map((r) => r.why).join('; ') }),
    }];
  }
  const steps = reversals.flatMap((r) => (r.kind === 'write' ? r.steps : []));
  const restore = restoreOf(ctx.plan, all);
  const last = steps.findLastIndex((step) => step.op !== 'none');
  if (steps.some((step) => step.op === 'none')) return steps; // invalid: nothing is written, the state stays
  if (last >= 0) {
    const lastStep = steps[last];
    if (lastStep !== undefined && restore !== undefined) steps[last] = { ...lastStep, restore };
    return steps;
  }
  const why = reversals.map((r) => (r.kind === 'done' ? r.why : '')).filter((w) => w !== '').join('; ');
  // Links put back already (an earlier undo of this run) or made anew by a later run are not the run's to put back.
  const stateMoved = !stillLinkedAsRunLeft(ctx.plan, externalId, writes);
  return [{
    op: restore === undefined || stateMoved ? 'none' : 'bookkeeping', externalId, restore: stateMoved ? undefined : restore,
    action: action('skip', externalId, '', undefined, { connection: undefined, reason: `already taken back (${why})${stateMoved ? '; links as they are now kept' : ''}` }),
  }];
}

/** Whether the pair's links still point at the records the run wrote, on every connection it wrote to. */
function stillLinkedAsRunLeft(plan: PlanContext, externalId: string, writes: readonly JournalEntry[]): boolean {
  return writes.every((entry) => {
    const links = entry.connection === plan.from.name ? plan.links?.from : plan.links?.to;
    return links?.get(externalId)?.nativeId === entry.nativeId;
  });
}

function byNative(records: readonly SideRecord[]): Map<string, SideRecord> {
  return new Map(records.map((record) => [record.nativeId, record]));
}

/**
 * The steps that take a run back, one group per record it wrote, from its journal `entries` and the
 * records both sides hold now. Pure, like the planner: the dry run shows exactly this.
 */
export function planUndo(plan: PlanContext, entries: readonly JournalEntry[], records: { readonly from: readonly SideRecord[]; readonly to: readonly SideRecord[] }, options: UndoOptions): Plan {
  const ctx: Ctx = { plan, options, byNative: { from: byNative(records.from), to: byNative(records.to) } };
  const byRecord = new Map<string, JournalEntry[]>();
  for (const entry of entries) byRecord.set(entry.externalId, [...(byRecord.get(entry.externalId) ?? []), entry]);
  const steps: Step[] = [];
  for (const [externalId, all] of byRecord) {
    if (!all.some(happened)) continue;
    steps.push(...recordSteps(ctx, externalId, all));
  }
  return { steps };
}
