import { toSyncError } from '../errors/index.js';
import { jsonEqual } from '../mapping/_paths.js';
import type { JournalEntry } from '../store/types.js';
import { errorOf, isLost, lateCreate, saveState, type ApplyContext, type LostCreate } from './apply.js';
import { fromJournalledState } from './journal-state.js';
import { fieldKeys, project, type FieldSet, type Projection } from './fields.js';
import type { PlanContext } from './plan-context.js';
import { toSideRecord, type SideRecord } from './side-records.js';
import type { SideKey, Step, StepState } from './steps.js';
import type { RecordOutcome, SyncSide } from './types.js';

/*
 * Finding a created record again. A create whose answer never arrived (timeout, reset, the process
 * killed right after sending) may or may not exist at the vendor. Before anything is created again,
 * the record is looked for: by its marker where the vendor keeps one, else by its content fingerprint
 * (the values we sent, as the vendor reads them back) among records nobody has claimed.
 */

/** The record among `records` that a create for `externalId` produced, if it can be told. */
export function findCreated(records: readonly SideRecord[], externalId: string, expected: Projection | undefined, fields: FieldSet, claimed: ReadonlySet<string>): { record: SideRecord; by: 'marker' | 'fingerprint' } | undefined {
  const byMarker = records.find((r) => r.marker === externalId);
  if (byMarker !== undefined) return { record: byMarker, by: 'marker' };
  // Only what the create call itself writes can be compared: sub-resources written by later calls
  // (Billomat contacts and custom values) may never have been sent when the answer was lost.
  const compared = new Set(fieldKeys(fields));
  const keys = Object.keys(expected ?? {}).filter((key) => compared.has(key));
  if (expected === undefined || keys.length === 0) return undefined;
  const candidates = records.filter((r) => {
    // The cheap tests first: a settled record's customer is decoded again when asked for.
    if (r.marker !== undefined || claimed.has(r.nativeId)) return false;
    const customer = r.customer;
    if (customer === undefined) return false;
    const seen = project(customer, fields);
    return keys.every((key) => jsonEqual(seen[key], expected[key]));
  });
  if (candidates.length === 0) return undefined;
  // Several identical records: keep the oldest; the others are reported as duplicate suspects by verify.
  const oldest = [...candidates].sort((x, y) => Number(x.nativeId) - Number(y.nativeId) || x.nativeId.localeCompare(y.nativeId))[0];
  return oldest === undefined ? undefined : { record: oldest, by: 'fingerprint' };
}

/** The fields a create on `side` writes in its own call (what a record found again must hold). */
function fieldsFor(plan: PlanContext, side: SideKey): FieldSet {
  const fields = side === 'to' ? plan.createFields.toTo : plan.createFields.toFrom;
  const connector = (side === 'to' ? plan.to : plan.from).connector;
  return connector.capabilities.separateSubresourceWrites ? { scalars: fields.scalars, lists: new Map() } : fields;
}

/**
 * The state a create found again leaves: as planned, except that sub-resources written by their own
 * calls (which may never have been sent) are left out of the snapshot, so the next run writes them.
 */
function foundState(plan: PlanContext, side: SideKey, state: StepState): StepState {
  const connector = (side === 'to' ? plan.to : plan.from).connector;
  if (!connector.capabilities.separateSubresourceWrites) return state;
  return { ...state, fields: state.fields.filter((f) => f !== 'contacts' && f !== 'customValues') };
}

/** Re-keys a record under the external id it was created for. */
function adopt(record: SideRecord, externalId: string): SideRecord {
  // A settled record's raw record and customer are read through getters a spread would not copy.
  const whole = record.settled === undefined ? record : { ...record, raw: record.raw, customer: record.customer, settled: undefined };
  return { ...whole, externalId, identity: 'link' };
}

/**
 * At the start of a run: writes a previous run journalled but never closed (it was killed, or the
 * answer was lost). Creates are looked up in the listings just read and adopted when found; every
 * other open write is closed as abandoned (the plan recomputes it). Returns the records re-keyed.
 */
export function resolveOpenIntents(
  plan: PlanContext,
  store: ApplyContext['store'],
  intents: readonly JournalEntry[],
  records: { from: SideRecord[]; to: SideRecord[] },
): { from: SideRecord[]; to: SideRecord[]; recovered: number } {
  let recovered = 0;
  const result = { from: [...records.from], to: [...records.to] };
  for (const intent of intents) {
    const side: SideKey | undefined = intent.connection === plan.to.name ? 'to' : intent.connection === plan.from.name ? 'from' : undefined;
    if (intent.operation !== 'create' || side === undefined) {
      store.journalOutcome(intent.id, 'abandoned', { detail: 'run ended before the outcome was known; planned again' });
      continue;
    }
    const list = result[side];
    const claimed = new Set(store.links(intent.connection).map((l) => l.nativeId));
    const found = findCreated(list, intent.externalId, intent.expected, fieldsFor(plan, side), claimed);
    if (found === undefined) {
      store.journalOutcome(intent.id, 'abandoned', { detail: 'not found at the vendor; created again if still needed' });
      continue;
    }
    // The links and snapshots the create would have left: the next run then compares the record
    // with what was sent, as after any create, instead of writing it again without a base.
    const leaves = fromJournalledState(plan, intent.leaves);
    store.transaction(() => {
      store.journalOutcome(intent.id, 'resolved', { nativeId: found.record.nativeId, detail: `found by ${found.by}` });
      const created = { side, nativeId: found.record.nativeId, markerWritten: found.by === 'marker' };
      if (leaves === undefined) store.putLink({ connection: intent.connection, externalId: intent.externalId, nativeId: created.nativeId, markerWritten: created.markerWritten });
      else saveState({ plan, store }, intent, foundState(plan, side, leaves), created);
    });
    const index = list.indexOf(found.record);
    list[index] = adopt(found.record, intent.externalId);
    recovered += 1;
  }
  return { ...result, recovered };
}

/** Rounds of "list, adopt what exists, create the rest again" before a lost create is left for the next run. */
const RESOLVE_ROUNDS = 3;

/**
 * At the end of apply: creates whose answer was lost in this run. A fresh listing of the target finds
 * those that exist; the rest are created once more. Answers lost again go round again, up to
 * RESOLVE_ROUNDS listings; what is still unknown then is journalled and looked up on the next run.
 */
export async function resolveUnknownCreates(context: ApplyContext, unknown: readonly Step[], retry: (step: Step) => Promise<RecordOutcome | LostCreate>): Promise<RecordOutcome[]> {
  const outcomes: RecordOutcome[] = [];
  let pending = [...unknown];
  for (let round = 1; pending.length > 0 && round <= RESOLVE_ROUNDS; round++) {
    const again: Step[] = [];
    outcomes.push(...(await resolveRound(context, pending, async (step) => {
      const outcome = await retry(step);
      // A create that timed out again may still be stored late: it waits for the next run.
      if (isLost(outcome) && outcome.late) return lateCreate(step);
      if (isLost(outcome) && round < RESOLVE_ROUNDS) again.push(step);
      return outcome;
    }, round === RESOLVE_ROUNDS)));
    pending = again;
  }
  return outcomes;
}

async function resolveRound(context: ApplyContext, unknown: readonly Step[], retry: (step: Step) => Promise<RecordOutcome | LostCreate>, last: boolean): Promise<RecordOutcome[]> {
  const outcomes: RecordOutcome[] = [];
  for (const key of ['to', 'from'] as const) {
    const steps = unknown.filter((s) => s.side === key);
    if (steps.length === 0) continue;
    const side: SyncSide = key === 'to' ? context.plan.to : context.plan.from;
    let records: SideRecord[];
    try {
      records = await listSide(side, context);
    } catch (caught) {
      const error = toSyncError(caught);
      for (const step of steps) outcomes.push(lost(step, { error: errorOf(error), reason: 'the create may have happened; it is looked up again on the next run' }));
      continue;
    }
    const claimed = new Set(context.store.links(side.name).map((l) => l.nativeId));
    for (const step of steps) {
      const found = findCreated(records, step.externalId, step.expected, fieldsFor(context.plan, key), claimed);
      if (found !== undefined) {
        claimed.add(found.record.nativeId);
        context.store.transaction(() => {
          const open = context.store.openIntents(context.plan.settings.name).filter((e) => e.externalId === step.externalId && e.operation === 'create');
          for (const entry of open) context.store.journalOutcome(entry.id, 'resolved', { nativeId: found.record.nativeId, detail: `found by ${found.by}` });
          if (step.state !== undefined) saveState(context, step, foundState(context.plan, key, step.state), { side: key, nativeId: found.record.nativeId, markerWritten: found.by === 'marker' });
        });
        outcomes.push({ ...base(step), status: 'created', recovered: found.by, records: [...step.action.records, found.record.label] });
        continue;
      }
      const open = context.store.openIntents(context.plan.settings.name).filter((e) => e.externalId === step.externalId && e.operation === 'create');
      for (const entry of open) context.store.journalOutcome(entry.id, 'abandoned', { detail: 'not found at the vendor; created again' });
      const again = await retry(step);
      if (!isLost(again)) outcomes.push(again);
      else if (last) outcomes.push(lost(step, { reason: `the answer was lost ${RESOLVE_ROUNDS + 1} times; the record is looked up again on the next run` }));
    }
  }
  return outcomes;
}

async function listSide(side: SyncSide, context: ApplyContext): Promise<SideRecord[]> {
  const links = new Map(context.store.links(side.name).map((l) => [l.nativeId, l.externalId]));
  const records: SideRecord[] = [];
  for await (const raw of side.connector.listClients({ includeContacts: false })) {
    const record = toSideRecord(side, raw, links);
    if (record !== undefined) records.push(record);
  }
  return records;
}

function base(step: Step): Omit<RecordOutcome, 'status'> {
  const { action } = step;
  return { externalId: step.externalId, action: action.kind, connection: action.connection, records: action.records, name: action.name, fields: action.fields, dropped: action.dropped };
}

function lost(step: Step, extra: Partial<RecordOutcome>): RecordOutcome {
  return { ...base(step), status: 'failed', error: { code: 'VENDOR_OUTCOME_UNKNOWN', message: 'the vendor never answered the create' }, ...extra };
}

