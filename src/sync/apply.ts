import type { Clock } from '../clock.js';
import { isVendorError, toSyncError, type SyncError } from '../errors/index.js';
import { isTimeout } from '../http/to-vendor-error.js';
import type { Logger } from '../logging/logger.js';
import type { StateStore } from '../store/types.js';
import type { ConnectorStats } from '../vendors/types.js';
import { durationOf } from './cost.js';
import { fingerprint, project, type Projection } from './fields.js';
import { toJournalledState } from './journal-state.js';
import type { PlanContext } from './plan-context.js';
import type { RestoreState, SideKey, Step, StepState } from './steps.js';
import { pinSnapshot } from './snapshot-index.js';
import { undoDataOf } from './undo-data.js';
import type { OutcomeStatus, ProgressEvent, RecordOutcome, SyncSide } from './types.js';

/*
 * Apply: carries out a plan. Every vendor write is journalled before it is sent and closed after;
 * links and snapshots of a record are stored only when all its writes succeeded. A create whose
 * answer was lost is never simply sent again: it is looked up first (see recover.ts). A failing
 * record is reported with the vendor's message and retried on the next run; it never stops the run.
 */

export interface ApplyContext {
  readonly plan: PlanContext;
  readonly store: StateStore;
  readonly runId: string;
  readonly logger: Logger;
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((event: ProgressEvent) => void) | undefined;
  readonly stats: () => { calls: number; rateWaitMs: number };
  readonly clock: Clock;
}

export interface ApplyResult {
  readonly outcomes: RecordOutcome[];
  /** Creates whose answer was lost; resolved by recover.ts. */
  readonly unknown: Step[];
}

function sideOf(context: Pick<ApplyContext, 'plan'>, key: SideKey): SyncSide {
  return key === 'from' ? context.plan.from : context.plan.to;
}

function outcomeOf(step: Step, status: OutcomeStatus, extra: Partial<RecordOutcome> = {}): RecordOutcome {
  const { action } = step;
  return {
    externalId: step.externalId, status, action: action.kind, connection: action.connection, records: action.records,
    name: action.name, fields: action.fields, reason: action.reason, dropped: action.dropped, ...extra,
  };
}

function plannedStatus(step: Step): OutcomeStatus {
  switch (step.action.kind) {
    case 'conflict':
      return 'conflict';
    case 'invalid':
      return 'invalid';
    case 'link':
      return 'linked';
    default:
      return 'skipped';
  }
}

/** The outcome of a create the vendor did not answer in time: looked up by the next run. */
export function lateCreate(step: Step): RecordOutcome {
  return outcomeOf(step, 'failed', {
    error: { code: 'VENDOR_OUTCOME_UNKNOWN', message: 'the vendor did not answer the create in time' },
    reason: 'the vendor may still be storing it: the next run looks it up before creating it again',
  });
}

export function errorOf(error: SyncError): RecordOutcome['error'] {
  return { code: error.code, message: error.message, vendorMessage: isVendorError(error) ? error.vendorMessage : undefined };
}

/** Stores what a fully synced record leaves behind: links on both sides and the snapshots. */
export function saveState(context: Pick<ApplyContext, 'plan' | 'store'>, step: Pick<Step, 'externalId'>, state: StepState, created?: { side: SideKey; nativeId: string; markerWritten: boolean }): void {
  const { store, plan } = context;
  const pair = plan.settings.name;
  for (const link of state.links) {
    const nativeId = created !== undefined && link.side === created.side ? created.nativeId : link.nativeId;
    if (nativeId === undefined) continue;
    const markerWritten = created !== undefined && link.side === created.side ? created.markerWritten : link.markerWritten;
    store.putLink({ connection: sideOf(context, link.side).name, externalId: step.externalId, nativeId, markerWritten });
  }
  for (const key of ['from', 'to'] as const) {
    const values: Projection | undefined = state.snapshots[key];
    if (values === undefined) continue;
    pinSnapshot(key === 'from' ? plan.fromSnapshots : plan.toSnapshots, step.externalId);
    const kept = Object.fromEntries(Object.entries(values).filter(([field]) => state.fields.includes(field)));
    const record = state.provisional?.includes(key) === true ? { values: kept, fields: state.fields, provisional: true, written: Object.keys(kept) } : { values: kept, fields: state.fields };
    store.putSnapshot({ pair, connection: sideOf(context, key).name, externalId: step.externalId, record, fingerprint: fingerprint(kept) });
  }
  store.clearFailure(pair, step.externalId);
}

/** Undo: puts the record's links and snapshots back as they were before the run taken back. */
export function restoreState(context: ApplyContext, step: Step, restore: RestoreState): void {
  const { store, plan } = context;
  const pair = plan.settings.name;
  for (const [connection, link] of Object.entries(restore.links)) {
    if (link === null) store.removeLink(connection, step.externalId);
    else store.putLink({ connection, externalId: step.externalId, nativeId: link.nativeId, markerWritten: link.markerWritten });
  }
  for (const [connection, snapshot] of Object.entries(restore.snapshots)) {
    if (connection === plan.from.name) pinSnapshot(plan.fromSnapshots, step.externalId);
    if (connection === plan.to.name) pinSnapshot(plan.toSnapshots, step.externalId);
    if (snapshot === null) store.removeSnapshot(pair, connection, step.externalId);
    else store.putSnapshot({ pair, connection, externalId: step.externalId, record: snapshot.record, fingerprint: snapshot.fingerprint });
  }
  store.clearFailure(pair, step.externalId);
}

/** What a step that succeeded leaves in the state store: its new state, or (undo) the state put back. */
function settleState(context: ApplyContext, step: Step): void {
  if (step.state !== undefined) saveState(context, step, step.state);
  if (step.restore !== undefined) restoreState(context, step, step.restore);
}

/**
 * A create whose answer was lost. `late`: the vendor did not answer in time, so it may still be
 * storing the client; it must not be looked for and created again in this run (a slow store would then
 * arrive as a duplicate) and is looked up by the next run. Otherwise (a reset, a 5xx, a dropped
 * answer) the vendor is done with the request, and a look-up now tells.
 */
export interface LostCreate {
  readonly lost: true;
  readonly late: boolean;
}

export function isLost(value: RecordOutcome | LostCreate): value is LostCreate {
  return 'lost' in value;
}

/** Runs one write step. Returns its outcome, or that a create's answer was lost. */
export async function runStep(context: ApplyContext, step: Step): Promise<RecordOutcome | LostCreate> {
  const { store, plan } = context;
  const side = step.side === undefined ? undefined : sideOf(context, step.side);
  if (side === undefined || step.op === 'none' || step.op === 'bookkeeping') return outcomeOf(step, plannedStatus(step));
  const connector = side.connector;
  const pair = plan.settings.name;
  const includeContacts = plan.settings.contacts;
  const nativeId = step.record?.nativeId;
  // Read once: a create works its state and expected values out from its body when asked (plan.ts).
  const stepState = step.state;
  const leaves = step.op === 'create' && stepState !== undefined ? toJournalledState(plan, stepState) : undefined;
  const journalId = store.journalIntent({ runId: context.runId, pair, operation: step.op, connection: side.name, externalId: step.externalId, nativeId, expected: step.expected, leaves, undo: undoDataOf(plan, step) });
  try {
    switch (step.op) {
      case 'create': {
        const result = await connector.createClient(step.body ?? {}, { includeContacts });
        const failedParts = result.subresourceErrors?.length ?? 0;
        // Parts the vendor refused and the connector left out: the vendor fills them in (a number of
        // its own), so they are not ours to compare against next time.
        const refusedKeys = new Set((result.refusedFields ?? []).flatMap((refused) => canonicalKeysOf(side, refused.field, plan)));
        store.transaction(() => {
          store.journalOutcome(journalId, 'done', { nativeId: result.id, detail: failedParts > 0 ? `${failedParts} contacts or custom values not written` : undefined });
          if (stepState !== undefined && step.side !== undefined) {
            let state: StepState = failedParts > 0 ? { ...stepState, fields: stepState.fields.filter((f) => f !== 'contacts' && f !== 'customValues') } : stepState;
            if (refusedKeys.size > 0) {
              const own = state.snapshots[step.side];
              const kept = own === undefined ? undefined : Object.fromEntries(Object.entries(own).filter(([key]) => !refusedKeys.has(key)));
              state = { ...state, snapshots: { ...state.snapshots, [step.side]: kept } };
            }
            if (result.record !== undefined) {
              // The vendor answered with the record as stored (Billomat): that, not our expectation, is the base.
              const stored = project(side.mapping.decode(result.record).customer, plan.tracked);
              state = { ...state, snapshots: { ...state.snapshots, [step.side]: stored }, provisional: state.provisional?.filter((k) => k !== step.side) };
            }
            saveState(context, step, state, { side: step.side, nativeId: result.id, markerWritten: result.externalIdStored });
          }
        });
        if (plan.settings.markers === 'immediate' && side.mapping.identity.externalIdSlot !== undefined && !result.externalIdStored) {
          await writeMarker(context, { ...step, op: 'marker', record: undefined }, side, result.id);
        }
        const record = step.action.records[0] ?? step.externalId;
        const failed = (result.subresourceErrors ?? []).map((error) => ({ record, field: 'contacts/customValues', rule: `not written to ${side.name}; tried again next run`, actual: error.vendorMessage ?? error.code }));
        const refused = (result.refusedFields ?? []).map((part) => ({ record, field: `${side.mapping.vendor} ${part.field}`, rule: `refused by ${side.name}; left out`, actual: part.message }));
        const notes = [...failed, ...refused];
        return outcomeOf(step, 'created', {
          records: [...step.action.records, `${side.mapping.vendor}:${result.id}`],
          ...(notes.length > 0 ? { reason: `created without ${notes.length} part${notes.length === 1 ? '' : 's'} ${side.name} refused`, dropped: [...(step.action.dropped ?? []), ...notes] } : {}),
        });
      }
      case 'update':
      case 'archive':
        await connector.updateClient(nativeId ?? '', step.body ?? {}, { current: step.record?.raw, includeContacts });
        break;
      case 'delete':
        try {
          await connector.deleteClient(nativeId ?? '');
        } catch (error) {
          if (!isVendorError(error) || error.code !== 'VENDOR_DELETE_REFUSED') throw error;
          // The vendor keeps clients with documents: archive instead (DESIGN §7).
          await connector.updateClient(nativeId ?? '', step.body ?? {}, { current: step.record?.raw });
          store.transaction(() => {
            store.journalOutcome(journalId, 'done', { detail: `delete refused (${error.vendorMessage ?? error.message}); archived instead` });
            store.clearFailure(pair, step.externalId);
            if (step.restore !== undefined) restoreState(context, step, step.restore);
          });
          return outcomeOf(step, 'archived', { reason: `delete refused by ${side.name} (${error.vendorMessage ?? 'client has documents'}); archived instead` });
        }
        break;
      case 'marker':
        // Undo clears the slot: an empty external id is what the vendors hold for "none".
        await connector.setExternalId(nativeId ?? '', step.clearMarker === true ? '' : step.externalId);
        store.transaction(() => {
          store.journalOutcome(journalId, 'done');
          if (nativeId !== undefined && step.clearMarker !== true) store.putLink({ connection: side.name, externalId: step.externalId, nativeId, markerWritten: true });
          if (step.restore !== undefined) restoreState(context, step, step.restore);
        });
        return outcomeOf(step, 'marker');
    }
    store.transaction(() => {
      store.journalOutcome(journalId, 'done');
      settleState(context, step);
    });
    const status: OutcomeStatus = step.op === 'update' ? 'updated' : step.op === 'archive' ? 'archived' : 'deleted';
    return outcomeOf(step, status);
  } catch (caught) {
    const error = toSyncError(caught);
    if (step.op === 'create' && error.code === 'VENDOR_OUTCOME_UNKNOWN') {
      store.journalOutcome(journalId, 'unknown', { detail: error.message });
      return { lost: true, late: isTimeout(typeof error.context.network === 'string' ? error.context.network : undefined) };
    }
    store.transaction(() => {
      store.journalOutcome(journalId, 'failed', { detail: error.message });
      store.recordFailure({ pair, externalId: step.externalId, connection: side.name, code: error.code, message: isVendorError(error) ? (error.vendorMessage ?? error.message) : error.message });
    });
    context.logger.warn({ externalId: step.externalId, connection: side.name, code: error.code }, 'record failed');
    if (error.kind === 'config' && error.code === 'VENDOR_AUTH') throw error;
    return outcomeOf(step, 'failed', { error: errorOf(error) });
  }
}

/** The tracked canonical keys a vendor field feeds (`number` → `number`, `custom_values[x]` → `customValues`). */
function canonicalKeysOf(side: SyncSide, vendorField: string, plan: PlanContext): string[] {
  const field = vendorField.replace(/\[.*$/, '');
  const keys = new Set<string>();
  for (const mapping of side.mapping.fields.values()) {
    if (!mapping.vendorFields.some((f) => f === field || f.startsWith(`${field}[]`) || f.startsWith(`${field}.`))) continue;
    const bracket = mapping.path.indexOf('[]');
    keys.add(bracket < 0 ? mapping.path : mapping.path.slice(0, bracket));
  }
  return [...keys].filter((key) => plan.trackedKeys.includes(key));
}

async function writeMarker(context: ApplyContext, step: Step, side: SyncSide, nativeId: string): Promise<void> {
  const { store, plan } = context;
  const journalId = store.journalIntent({ runId: context.runId, pair: plan.settings.name, operation: 'marker', connection: side.name, externalId: step.externalId, nativeId });
  try {
    await side.connector.setExternalId(nativeId, step.externalId);
    store.transaction(() => {
      store.journalOutcome(journalId, 'done');
      store.putLink({ connection: side.name, externalId: step.externalId, nativeId, markerWritten: true });
    });
  } catch (caught) {
    // The record exists and is linked in the state store; a later run writes the marker.
    store.journalOutcome(journalId, 'failed', { detail: toSyncError(caught).message });
  }
}

/**
 * How many records run side by side: the run's concurrency, raised to what the connections the steps
 * write to take in flight when every one of them takes more (a file takes writes in batches, one
 * rewrite each). A run that writes to an API vendor keeps its concurrency.
 */
export function writesSideBySide(context: Pick<ApplyContext, 'plan' | 'concurrency'>, steps: readonly Step[]): number {
  const written = new Set(steps.flatMap((step) => (step.side === undefined || step.op === 'none' || step.op === 'bookkeeping' ? [] : [step.side])));
  if (written.size === 0) return context.concurrency;
  const allowed = Math.min(...[...written].map((key) => sideOf(context, key).connector.capabilities.writesInFlight ?? 0));
  return Math.max(context.concurrency, allowed);
}

/** Runs the plan's steps: a record's steps in order, records side by side up to `writesSideBySide`. */
export async function applySteps(context: ApplyContext, steps: readonly Step[]): Promise<ApplyResult> {
  const groups = new Map<string, Step[]>();
  for (const step of steps) {
    if (step.deferred === true) continue;
    const key = step.externalId;
    groups.set(key, [...(groups.get(key) ?? []), step]);
  }
  const queue = [...groups.values()];
  const total = queue.reduce((n, group) => n + group.filter((s) => s.op !== 'none').length, 0);
  const outcomes: RecordOutcome[] = [];
  const unknown: Step[] = [];
  let done = 0;

  // Calls still to make per connection, for the estimate of the time left.
  const remaining = new Map<string, number>();
  for (const group of groups.values()) for (const step of group) for (const call of step.action.calls) remaining.set(call.connection, (remaining.get(call.connection) ?? 0) + call.count);
  const startedAt = context.clock.now();

  /**
   * The time left: the longer of what the rate budgets allow for the calls still to make, and what
   * the pace so far says (when the vendor's answers, not its budget, set the pace).
   */
  const etaMs = (): number | undefined => {
    // Calls that fit in what is left of the current rate window cost no waiting.
    const floor = Math.max(0, ...[context.plan.from, context.plan.to].map((side) => durationOf(Math.max(0, (remaining.get(side.name) ?? 0) - side.connector.spareCalls()), side.connector)));
    const pace = done === 0 ? undefined : ((context.clock.now() - startedAt) / done) * (total - done);
    return pace === undefined ? (floor > 0 ? floor : undefined) : Math.max(floor, Math.round(pace));
  };

  const report = (step: Step): void => {
    for (const call of step.action.calls) remaining.set(call.connection, Math.max(0, (remaining.get(call.connection) ?? 0) - call.count));
    const { calls, rateWaitMs } = context.stats();
    context.onProgress?.({ phase: 'apply', done, total, calls, rateWaitMs, etaMs: etaMs() });
  };

  async function runGroup(group: readonly Step[]): Promise<void> {
    let failed = false;
    for (const step of group) {
      if (step.op === 'bookkeeping') {
        if (!failed && (step.state !== undefined || step.restore !== undefined)) context.store.transaction(() => settleState(context, step));
        outcomes.push(outcomeOf(step, plannedStatus(step)));
        continue;
      }
      if (step.op === 'none') {
        outcomes.push(outcomeOf(step, plannedStatus(step)));
        continue;
      }
      if (failed) {
        outcomes.push(outcomeOf(step, 'not-started', { reason: 'an earlier write of this record failed' }));
        continue;
      }
      const outcome = await runStep(context, step);
      done += 1;
      report(step);
      if (isLost(outcome)) {
        if (outcome.late) outcomes.push(lateCreate(step));
        else unknown.push(step);
        failed = true;
        continue;
      }
      outcomes.push(outcome);
      if (outcome.status === 'failed') failed = true;
    }
  }

  /** A stopped run journals the writes it did not start, so the next run's report can say what waited. */
  function stopGroup(group: readonly Step[]): void {
    context.store.transaction(() => {
      for (const step of group) {
        if (step.op === 'none' || step.op === 'bookkeeping' || step.side === undefined) {
          outcomes.push(outcomeOf(step, plannedStatus(step)));
          continue;
        }
        const id = context.store.journalIntent({ runId: context.runId, pair: context.plan.settings.name, operation: step.op, connection: sideOf(context, step.side).name, externalId: step.externalId, nativeId: step.record?.nativeId });
        context.store.journalOutcome(id, 'abandoned', { detail: 'not started: the run was stopped' });
        outcomes.push(outcomeOf(step, 'not-started', { reason: 'the run was stopped before this write' }));
      }
    });
  }

  // The workers share one cursor into the queue. Not `queue.shift()`: an array of 100,000 groups lives
  // in V8's large-object space, where every shift moves the whole rest of the array (5 CPU-s for a
  // re-run of 100,000 clients that writes nothing).
  let next = 0;
  async function worker(): Promise<void> {
    for (let group = queue[next++]; group !== undefined; group = queue[next++]) {
      if (context.signal?.aborted === true) {
        stopGroup(group);
        continue;
      }
      await runGroup(group);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, writesSideBySide(context, steps)) }, () => worker()));
  return { outcomes, unknown };
}

/** Deferred marker writes, only while the target's current rate window has budget to spare. */
export async function applyDeferredMarkers(context: ApplyContext, steps: readonly Step[]): Promise<RecordOutcome[]> {
  const outcomes: RecordOutcome[] = [];
  const deferred = steps.filter((step) => step.deferred === true && step.side !== undefined);
  for (const [index, step] of deferred.entries()) {
    if (step.side === undefined) continue;
    context.onProgress?.({ phase: 'markers', done: index, total: deferred.length, ...context.stats() });
    const side = sideOf(context, step.side);
    if (context.signal?.aborted === true || side.connector.spareCalls() <= 0) {
      outcomes.push(outcomeOf(step, 'skipped', { reason: 'marker deferred: no spare rate budget in this window' }));
      continue;
    }
    const outcome = await runStep(context, step);
    outcomes.push(isLost(outcome) ? outcomeOf(step, 'failed') : outcome);
  }
  return outcomes;
}

export function sumStats(stats: readonly ConnectorStats[]): { calls: number; rateWaitMs: number } {
  return { calls: stats.reduce((n, s) => n + s.calls, 0), rateWaitMs: stats.reduce((n, s) => n + s.rateWaitMs, 0) };
}
