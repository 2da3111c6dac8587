import type { Customer } from '../canonical/customer.js';
import { setPath } from '../mapping/_paths.js';
import { SafetyStopError, type RecordIssue } from '../errors/index.js';
import { fingerprint, project, withValues, type FieldSet, type Projection } from './fields.js';
import { mergeOneWay, mergeTwoWay, type Base, type MergeInput } from './merge.js';
import { asHeldBy, baseOf, fitCustomValues, type PlanContext } from './plan-context.js';
import { createCalls, updateCalls } from './cost.js';
import { unwrittenFields } from './dropped-fields.js';
import type { Match, Reconciliation } from './reconcile.js';
import type { SideRecord } from './side-records.js';
import type { SideKey, Step, StepState } from './steps.js';
import { summaryOf, type SnapshotSummary } from './snapshot-index.js';
import { sameFields } from './settle-records.js';
import type { ActionKind, PlannedAction, SyncSide } from './types.js';

/*
 * The planner: pure. From both sides' records, the links and the last-synced snapshots it decides per
 * record CREATE / UPDATE (fields) / ARCHIVE / SKIP (why) / CONFLICT, with the calls each costs.
 * `--dry-run` prints exactly this plan; apply carries it out.
 */

export interface Plan {
  readonly steps: readonly Step[];
}

function sideOf(context: PlanContext, key: SideKey): SyncSide {
  return key === 'from' ? context.from : context.to;
}

function other(key: SideKey): SideKey {
  return key === 'from' ? 'to' : 'from';
}

function action(kind: ActionKind, externalId: string, records: readonly (SideRecord | undefined)[], extra: Partial<PlannedAction> = {}): PlannedAction {
  const present = records.filter((r): r is SideRecord => r !== undefined);
  return { kind, externalId, records: present.map((r) => r.label), name: present.find((r) => r.name !== undefined)?.name, calls: [], ...extra };
}

/** The vendor-facing paths of changed keys: a list key stands for each of its item fields. */
export function expandChanged(keys: readonly string[], fields: FieldSet): Set<string> {
  const out = new Set<string>();
  for (const key of keys) {
    const items = fields.lists.get(key);
    if (items === undefined) out.add(key);
    else for (const item of items) out.add(`${key}[].${item}`);
  }
  return out;
}

function pick(values: Projection, base: Projection, keys: readonly string[]): Projection {
  const out: Record<string, unknown> = { ...base };
  for (const key of keys) {
    if (values[key] === undefined) delete out[key];
    else out[key] = values[key];
  }
  return out;
}

/** The write-side findings of an encode, as an action's optional field. */
function findingsOf(encoded: { readonly findings: PlannedAction['findings'] }): Pick<PlannedAction, 'findings'> {
  return encoded.findings === undefined || encoded.findings.length === 0 ? {} : { findings: encoded.findings };
}

/** A record as the `target` side's account can hold its custom values. */
function fitFor(context: PlanContext, target: SideKey, customer: Customer, label: string): { customer: Customer; dropped: RecordIssue[] } {
  return fitCustomValues(customer, context.customFieldNames[target], label, sideOf(context, target).name);
}

/**
 * A value of a unique field (a customer number) that another client of the target already holds is
 * left out, so the vendor numbers the new client itself, and reported; otherwise the value is claimed.
 */
/**
 * Leaves out of a create the unique values (customer numbers) another client of the target already
 * has. Returns what the create would claim: the caller claims it only once the create is planned, so
 * a record the target cannot hold never takes a number from a later one.
 */
function uniqueValues(context: PlanContext, target: SideKey, customer: Customer, label: string): { customer: Customer; dropped: RecordIssue[]; claim: () => void } {
  const taken = context.taken[target];
  const dropped: RecordIssue[] = [];
  const claims: { values: Set<string>; value: string }[] = [];
  let out = customer;
  for (const [path, values] of taken) {
    const value = project(out, { scalars: [path], lists: new Map() })[path];
    if (typeof value !== 'string') continue;
    if (values.has(value)) {
      dropped.push({ record: label, field: `${path} (${sideOf(context, target).name})`, rule: 'unique in the target account: another client has it', actual: JSON.stringify(value) });
      out = withValues(out, {}, [path], { scalars: [path], lists: new Map() });
    } else claims.push({ values, value });
  }
  return { customer: out, dropped, claim: () => claims.forEach(({ values, value }) => values.add(value)) };
}

/** Whether two field sets project the same fields (then their projections of one record are equal). */
function sameFieldSet(a: FieldSet, b: FieldSet): boolean {
  if (a === b) return true;
  if (a.scalars.length !== b.scalars.length || a.lists.size !== b.lists.size || !a.scalars.every((k) => b.scalars.includes(k))) return false;
  for (const [list, items] of a.lists) {
    const other = b.lists.get(list);
    if (other === undefined || other.length !== items.length || !items.every((i) => other.includes(i))) return false;
  }
  return true;
}

/** A create of `source` on side `target`. */
function planCreate(context: PlanContext, match: Match, source: SideRecord, target: SideKey): Step {
  const targetSide = sideOf(context, target);
  const fields = target === 'to' ? context.createFields.toTo : context.createFields.toFrom;
  const original = source.customer as Customer;
  const fitted = fitFor(context, target, original, source.label);
  const customer = fitted.customer;
  let desired = withValues({}, customer, Object.keys(project(customer, fields)), fields);
  if (targetSide.mapping.identity.externalIdSlot !== undefined) desired = { ...desired, externalClientId: match.externalId };
  const unique = uniqueValues(context, target, desired, source.label);
  desired = unique.customer;
  const encoded = targetSide.mapping.encode(desired, source.label, { mode: 'create', quality: context.settings.quality });
  if (encoded.issues.length > 0) {
    return { op: 'none', externalId: match.externalId, action: action('invalid', match.externalId, [source], { connection: targetSide.name, issues: encoded.issues, reason: `${targetSide.name} cannot hold this record`, sourceVersion: versionOf(source) }) };
  }
  unique.claim();
  const refused = [...fitted.dropped, ...unique.dropped, ...encoded.dropped];
  // What the source holds and this body does not carry, from the encode that built the body.
  const unwritten = unwrittenFields({ source: sideOf(context, other(target)).mapping, customer: original, written: encoded.written, settings: context.settings, reported: refused, record: source.label, target: targetSide.name });
  const markerNow = context.settings.markers === 'immediate';
  const calls = createCalls({ connection: targetSide.name, connector: targetSide.connector, customer: desired, contacts: context.settings.contacts, customValues: context.settings.customValues, markerNow });
  const sourceKey = other(target);
  const links: StepState['links'] = [{ side: sourceKey, nativeId: source.nativeId, markerWritten: source.marker === match.externalId }, { side: target, nativeId: undefined, markerWritten: false }];
  const sourceSnapshot = project(original, context.tracked);
  const { tracked, trackedKeys } = context;
  const { label } = source;
  const { body } = encoded;
  // What the target should read back, to find the record by after a lost answer (`expected`) and as
  // its first snapshot, follows from the body: it is worked out when apply or a recovery asks for it,
  // not kept beside the body for each of 100,000 creates through a whole apply (a third of such a
  // plan's memory). Own getters, so a copy of the step (`{ ...step }`) still carries the values.
  const held = (): { tracked: Projection; expected: Projection } => {
    const heldAs = targetSide.mapping.decode(body, label).customer;
    const heldTracked = project(heldAs, tracked);
    return { tracked: heldTracked, expected: sameFieldSet(fields, tracked) ? heldTracked : project(heldAs, fields) };
  };
  return {
    op: 'create',
    side: target,
    externalId: match.externalId,
    body,
    // No `desired`: a create is carried out from its body, and only an update's undo reads it; kept
    // for each of 100,000 creates it was a second customer per client through the whole apply.
    get expected(): Projection {
      return held().expected;
    },
    action: action('create', match.externalId, [source], { connection: targetSide.name, dropped: [...refused, ...unwritten], ...findingsOf(encoded), calls }),
    get state(): StepState {
      return { links, snapshots: { [sourceKey]: sourceSnapshot, [target]: held().tracked }, fields: trackedKeys, provisional: [target] };
    },
  };
}

/** An update of side `target` with `keys` taken from `source`. */
function planUpdate(context: PlanContext, match: Match, source: SideRecord, record: SideRecord, target: SideKey, keys: readonly string[], state: Step['state'], sourceCustomer: Customer): Step {
  const targetSide = sideOf(context, target);
  const fitted = fitFor(context, target, sourceCustomer, source.label);
  const desired = withValues(record.customer as Customer, fitted.customer, keys, context.tracked);
  const partial = targetSide.connector.capabilities.update === 'partial';
  const encoded = targetSide.mapping.encode(desired, record.label, { mode: 'update', changed: partial ? expandChanged(keys, context.tracked) : undefined, quality: context.settings.quality });
  if (encoded.issues.length > 0) {
    return { op: 'none', externalId: match.externalId, action: action('invalid', match.externalId, [source, record], { connection: targetSide.name, fields: keys, issues: encoded.issues, reason: `${targetSide.name} cannot hold the new values`, sourceVersion: versionOf(source) }) };
  }
  const archiving = keys.includes('status') && desired.status === 'archived' && record.customer?.status !== 'archived';
  return {
    op: archiving ? 'archive' : 'update',
    side: target,
    externalId: match.externalId,
    record,
    body: encoded.body,
    desired,
    action: action(archiving ? 'archive' : 'update', match.externalId, [source, record], {
      connection: targetSide.name, fields: keys, dropped: [...fitted.dropped, ...encoded.dropped], ...findingsOf(encoded), calls: updateCalls(targetSide.name, targetSide.connector, desired, keys),
      ...(archiving ? { reason: `archived in ${sideOf(context, other(target)).name}` } : {}),
    }),
    state,
  };
}

/** Archive (or delete) `record` because its counterpart is gone from a complete listing. */
function planGone(context: PlanContext, match: Match, record: SideRecord, target: SideKey): Step | undefined {
  const goneFrom = sideOf(context, other(target)).name;
  const targetSide = sideOf(context, target);
  if (!context.settings.archive.propagate) return { op: 'none', externalId: match.externalId, action: action('skip', match.externalId, [record], { reason: `gone from ${goneFrom}; archive propagation is off` }) };
  if (record.customer === undefined) return undefined;
  const hard = context.settings.archive.hardDelete;
  if (!hard && record.customer.status === 'archived') return undefined;
  const desired: Customer = { ...record.customer, status: 'archived' };
  const partial = targetSide.connector.capabilities.update === 'partial';
  const encoded = targetSide.mapping.encode(desired, record.label, { mode: 'update', changed: partial ? new Set(['status']) : undefined });
  const kind = hard ? 'delete' : 'archive';
  return {
    op: kind,
    side: target,
    externalId: match.externalId,
    record,
    body: encoded.body,
    desired,
    gone: true,
    action: action(kind, match.externalId, [record], { connection: targetSide.name, reason: `gone from ${goneFrom}`, calls: [{ connection: targetSide.name, kind, count: 1 }] }),
  };
}

function planMarker(context: PlanContext, match: Match, record: SideRecord, target: SideKey): Step | undefined {
  const side = sideOf(context, target);
  if (side.mapping.identity.externalIdSlot === undefined || record.marker === match.externalId) return undefined;
  // A record's own derived id (`ef-1001` for EF client 1001) comes back from its native id alone.
  if (match.externalId === `${side.mapping.identity.idPrefix}-${record.nativeId}`) return undefined;
  if (record.marker !== undefined) return undefined; // a marker of another system is not ours to overwrite
  const deferred = context.settings.markers === 'deferred';
  return {
    op: 'marker', side: target, externalId: match.externalId, record, deferred,
    action: action('marker', match.externalId, [record], { connection: side.name, reason: deferred ? 'on spare rate budget' : 'immediate', calls: [{ connection: side.name, kind: 'marker', count: 1 }] }),
  };
}

/** Both records exist: compare, merge, and write what changed. */
function planBoth(context: PlanContext, match: Match, a: SideRecord, b: SideRecord): Step[] {
  const fieldsSame = (base: { fields: readonly string[] } | undefined): boolean => base !== undefined && sameFields(base.fields, context.trackedKeys);
  const linked = context.isLinked(context.from.name, match.externalId) && context.isLinked(context.to.name, match.externalId);
  const markers = [planMarker(context, match, b, 'to'), context.settings.mode === 'two-way' ? planMarker(context, match, a, 'from') : undefined].filter((s): s is Step => s !== undefined);

  // The common case of a re-run: neither side changed since the last sync. The snapshots' summaries
  // tell it; their values are read only past this point.
  const plain = (summary: SnapshotSummary | undefined): summary is SnapshotSummary => summary !== undefined && summary.base && !summary.provisional && fieldsSame(summary);
  const summaryA = summaryOf(context.fromSnapshots, match.externalId);
  const summaryB = summaryOf(context.toSnapshots, match.externalId);
  // A settled record's fingerprint was taken as it was read (settle-records.ts), over the same fields.
  const printOf = (record: SideRecord): string => record.settled?.fingerprint ?? fingerprint(project(record.customer as Customer, context.tracked));
  if (linked && plain(summaryA) && plain(summaryB) && printOf(a) === summaryA.fingerprint && printOf(b) === summaryB.fingerprint) {
    return [{ op: 'none', externalId: match.externalId, action: action('skip', match.externalId, [a, b], { reason: 'unchanged' }) }, ...markers];
  }

  const aCustomer = a.customer as Customer;
  const bCustomer = b.customer as Customer;
  const aNow = project(aCustomer, context.tracked);
  const bNow = project(bCustomer, context.tracked);

  // A side created last time is taken as it now reads in the fields we did not send (vendor defaults).
  const storedA = baseOf(context.fromSnapshots.get(match.externalId));
  const storedB = baseOf(context.toSnapshots.get(match.externalId));
  const aBase = storedA?.provisional === true ? settle(storedA, aNow) : storedA;
  const bBase = storedB?.provisional === true ? settle(storedB, bNow) : storedB;

  const aAsB = project(asHeldBy(context.to.mapping, fitFor(context, 'to', aCustomer, a.label).customer, a.label), context.tracked);
  const bAsA = project(asHeldBy(context.from.mapping, fitFor(context, 'from', bCustomer, b.label).customer, b.label), context.tracked);
  const input: MergeInput = { keys: context.trackedKeys, aNow, bNow, aBase, bBase, aAsB, bAsA };
  const computed = context.settings.mode === 'two-way' ? mergeTwoWay(input, context.settings.conflict, isNewer(aCustomer, bCustomer)) : mergeOneWay(input);
  const decided = settleConflicts(context, match, computed.conflicts, { a: aCustomer, b: bCustomer });
  const merged = { toA: [...computed.toA, ...decided.toA], toB: [...computed.toB, ...decided.toB], conflicts: decided.conflicts };
  const fields = context.trackedKeys;
  const snapshots = { from: { ...pick(bAsA, aNow, merged.toA), ...decided.heldA }, to: { ...pick(aAsB, bNow, merged.toB), ...decided.heldB } };
  const state = {
    links: [{ side: 'from' as const, nativeId: a.nativeId, markerWritten: a.marker === match.externalId }, { side: 'to' as const, nativeId: b.nativeId, markerWritten: b.marker === match.externalId }],
    snapshots,
    fields,
  };
  // The snapshots go with the last write of the record: apply stores them only when every write of
  // the record succeeded, so a half-synced record is compared against the old base next time.
  const steps: Step[] = [];
  const decision = decided.items.length > 0 ? decided.items.join(', ') : undefined;
  const withDecision = (step: Step): Step => (decision === undefined ? step : { ...step, action: { ...step.action, decision } });
  if (merged.toB.length > 0) steps.push(withDecision(planUpdate(context, match, a, b, 'to', merged.toB, merged.toA.length > 0 ? undefined : state, decided.a)));
  if (merged.toA.length > 0) steps.push(withDecision(planUpdate(context, match, b, a, 'from', merged.toA, state, decided.b)));
  keepBase([...merged.conflicts, ...steps.flatMap((s) => (s.action.kind === 'invalid' ? (s.action.fields ?? []) : []))], snapshots, aBase, bBase);
  if (merged.conflicts.length > 0) {
    const values = Object.fromEntries(merged.conflicts.map((key) => [key, { base: aBase?.values[key] ?? bBase?.values[key], from: aNow[key], to: bNow[key] }]));
    steps.push({ op: 'none', externalId: match.externalId, action: action('conflict', match.externalId, [a, b], { fields: merged.conflicts, values, reason: `changed on both sides; policy ${context.settings.conflict}` }) });
  }
  if (steps.length === 0 || steps.every((s) => s.op === 'none')) {
    const stale = !linked || storedA?.provisional !== false || storedB?.provisional !== false || !fieldsSame(storedA) || !fieldsSame(storedB) || fingerprint(snapshots.from) !== storedA.fingerprint || fingerprint(snapshots.to) !== storedB.fingerprint;
    const reason = match.adopted !== undefined ? adoptedReason(match) : 'unchanged';
    steps.unshift({ op: stale ? 'bookkeeping' : 'none', externalId: match.externalId, action: action(match.adopted !== undefined ? 'link' : 'skip', match.externalId, [a, b], { reason, decision: match.byHand }), state: stale ? state : undefined });
  } else if (match.adopted !== undefined) {
    steps.unshift({ op: 'none', externalId: match.externalId, action: action('link', match.externalId, [a, b], { reason: adoptedReason(match), decision: match.byHand }) });
  }
  return [...steps, ...markers];
}

/**
 * Fields left in conflict and writes the target cannot hold did not flow: they keep their old base on
 * both sides, so the next run sees the same change again (a person's "skip until its source changes"
 * holds, the conflict still shows its base value). A base claiming the write was made had the next
 * run copy the other side's old value over the change.
 */
function keepBase(keys: readonly string[], snapshots: { from: Record<string, unknown>; to: Record<string, unknown> }, aBase: Base | undefined, bBase: Base | undefined): void {
  for (const key of keys) {
    for (const [snapshot, base] of [[snapshots.from, aBase], [snapshots.to, bBase]] as const) {
      if (base?.values[key] === undefined) delete snapshot[key];
      else snapshot[key] = base.values[key];
    }
  }
}

function adoptedReason(match: Match): string {
  return match.byHand !== undefined ? `linked by a person's decision (${match.byHand})` : `matched an existing record by ${(match.adopted ?? []).join(', ')}`;
}

/** A customer holding `value` at the canonical `key` (a scalar path, or a whole list). */
function holding(key: string, value: unknown): Customer {
  const out: Record<string, unknown> = {};
  if (key.includes('.')) setPath(out, key, value);
  else out[key] = value;
  return out;
}

/**
 * The conflicts a person settled: taking one side's value makes the field flow to the other; a
 * typed value is written to both (each mapping checks it against its vendor's limits). Returns the
 * fields still in conflict, the customers to take values from, and what each side holds afterwards.
 */
function settleConflicts(context: PlanContext, match: Match, conflicts: readonly string[], customers: { a: Customer; b: Customer }): { toA: string[]; toB: string[]; conflicts: string[]; a: Customer; b: Customer; heldA: Projection; heldB: Projection; items: string[] } {
  const choices = context.decisions.conflicts.get(match.externalId);
  const out = { toA: [] as string[], toB: [] as string[], conflicts: [] as string[], a: customers.a, b: customers.b, heldA: {} as Record<string, unknown>, heldB: {} as Record<string, unknown>, items: [] as string[] };
  if (choices === undefined) return { ...out, conflicts: [...conflicts] };
  const valued: string[] = [];
  for (const key of conflicts) {
    const choice = choices.get(key);
    if (choice === undefined) out.conflicts.push(key);
    else if ('take' in choice) (choice.take === 'from' ? out.toB : out.toA).push(key);
    else valued.push(key);
  }
  out.items = [...choices.entries()].filter(([key]) => conflicts.includes(key)).map(([, choice]) => choice.item);
  for (const key of valued) {
    const choice = choices.get(key);
    const value = choice !== undefined && 'value' in choice ? choice.value : undefined;
    out.a = withValues(out.a, holding(key, value), [key], context.tracked);
    out.b = withValues(out.b, holding(key, value), [key], context.tracked);
    out.toA.push(key);
    out.toB.push(key);
  }
  if (valued.length > 0) {
    const heldA = project(asHeldBy(context.from.mapping, out.b, match.externalId), context.tracked);
    const heldB = project(asHeldBy(context.to.mapping, out.a, match.externalId), context.tracked);
    for (const key of valued) {
      out.heldA[key] = heldA[key];
      out.heldB[key] = heldB[key];
    }
  }
  return out;
}

/** A hash of a record as read, to tell later whether its source changed. */
function versionOf(record: SideRecord): string {
  return fingerprint(record.raw);
}

/** A created record's base: our values where we sent them, the vendor's own where it filled them in. */
function settle(stored: NonNullable<ReturnType<typeof baseOf>>, now: Projection): Base {
  const values: Record<string, unknown> = { ...now };
  for (const key of stored.written) {
    if (stored.values[key] === undefined) delete values[key];
    else values[key] = stored.values[key];
  }
  return { values, fields: stored.fields };
}

/** Whether A was changed after B, by the vendors' own update times (undefined when one has none). */
function isNewer(a: Customer, b: Customer): boolean | undefined {
  const at = Date.parse(a.facts?.updatedAt ?? a.facts?.lastActivityAt ?? '');
  const bt = Date.parse(b.facts?.updatedAt ?? b.facts?.lastActivityAt ?? '');
  return Number.isNaN(at) || Number.isNaN(bt) ? undefined : at >= bt;
}

function planMatch(context: PlanContext, match: Match): Step[] {
  const { from: a, to: b, externalId } = match;
  // A settled record was read (and is decoded again only if needed): only the others are asked.
  const unreadable = [a, b].find((r) => r !== undefined && r.settled === undefined && r.customer === undefined);
  if (unreadable !== undefined) {
    return [{ op: 'none', externalId, action: action('invalid', externalId, [a, b], { issues: unreadable.issues, reason: `${unreadable.label} cannot be read`, sourceVersion: versionOf(unreadable) }) }];
  }
  const ignored = context.decisions.ignored.get(externalId);
  if (ignored !== undefined) return [{ op: 'none', externalId, action: action('skip', externalId, [a, b], { reason: `ignored by a person's decision (${ignored}); never synced until un-ignored`, decision: ignored }) }];
  if (match.inReview === true) return [{ op: 'none', externalId, action: action('skip', externalId, [a, b], { reason: 'ambiguous match with existing records: see the review file' }) }];
  const twoWay = context.settings.mode === 'two-way';
  if (a !== undefined && b !== undefined) return planBoth(context, match, a, b);
  if (a !== undefined) {
    if (context.isLinked(context.to.name, externalId)) {
      if (!context.settings.recreateDeleted) return [{ op: 'none', externalId, action: action('skip', externalId, [a], { reason: `deleted in ${context.to.name} since the last sync; not created again (recreate_deleted)` }) }];
    }
    if (a.customer?.status === 'archived' && !context.settings.includeArchived) return [{ op: 'none', externalId, action: action('skip', externalId, [a], { reason: 'archived; archived clients are not copied (include_archived)' }) }];
    return [planCreate(context, match, a, 'to')];
  }
  if (b === undefined) return [];
  if (context.isLinked(context.from.name, externalId)) {
    const gone = planGone(context, match, b, 'to');
    return gone === undefined ? [] : [gone];
  }
  if (!twoWay) return []; // a record only the target has is not this pair's business
  if (b.customer?.status === 'archived' && !context.settings.includeArchived) return [{ op: 'none', externalId, action: action('skip', externalId, [b], { reason: 'archived; archived clients are not copied (include_archived)' }) }];
  return [planCreate(context, match, b, 'from')];
}

/** Turns the reconciled records into steps; stops the run when it would archive too much. */
export function planRun(context: PlanContext, reconciliation: Reconciliation, options: { allowMassArchive?: boolean | undefined; release?: boolean | undefined } = {}): Plan {
  const steps: Step[] = [];
  for (const duplicate of reconciliation.duplicates) {
    steps.push({
      op: 'none', externalId: duplicate.externalId,
      action: action('conflict', duplicate.externalId, duplicate.records, {
        connection: duplicate.connection,
        reason: `external id ${duplicate.externalId} is on ${duplicate.records.length} records in ${duplicate.connection}: ${duplicate.records.map((r) => `${r.label}${r.name === undefined ? '' : ` (${r.name})`}`).join(', ')}`,
      }),
    });
  }
  // `release`: the caller holds the records only through the matches and reads none after; each match
  // is let go of once planned, so its records can go while the rest are planned.
  const matches = reconciliation.matches as (Match | undefined)[];
  for (let i = 0; i < matches.length; i++) {
    const match = matches[i];
    if (match === undefined) continue;
    steps.push(...planMatch(context, match));
    if (options.release === true) matches[i] = undefined;
  }
  skipDecided(context, steps);

  const archiving = steps.filter((s) => s.op === 'archive' || s.op === 'delete').length;
  const allowed = Math.ceil(context.settings.archive.maxShare * context.linkedCount);
  if (archiving > allowed && options.allowMassArchive !== true) {
    throw new SafetyStopError(
      `this run would archive ${archiving} of ${context.linkedCount} linked clients (more than ${Math.round(context.settings.archive.maxShare * 100)} %, the pair's archive.max_share). ` +
        'Nothing was written. If a listing came back incomplete, wait and run again; if the archiving is intended, run again with --allow-mass-archive.',
      { context: { archiving, linked: context.linkedCount } },
    );
  }
  return { steps };
}

/** Invalid records a person chose to skip until their source changes: skipped while it has not. */
function skipDecided(context: PlanContext, steps: Step[]): void {
  if (context.decisions.skipped.size === 0) return;
  steps.forEach((step, index) => {
    const version = context.decisions.skipped.get(step.externalId);
    if (step.action.kind !== 'invalid' || version === undefined || step.action.sourceVersion !== version) return;
    steps[index] = { op: 'none', externalId: step.externalId, action: { ...step.action, kind: 'skip', issues: undefined, reason: `skipped by a person's decision until its source changes (${step.action.reason ?? 'invalid'})` } };
  });
}

/** The issues of steps that cannot be carried out, flattened for reports. */
export function invalidIssues(plan: Plan): RecordIssue[] {
  return plan.steps.flatMap((step) => step.action.issues ?? []);
}
