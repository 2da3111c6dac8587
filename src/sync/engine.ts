import { hostname } from 'node:os';
import { systemClock } from '../clock.js';
import { ConfigError, RecordError, toSyncError } from '../errors/index.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { Snapshot, StateStore } from '../store/types.js';
import type { ConnectorStats } from '../vendors/types.js';
import { applyDeferredMarkers, applySteps, runStep, sumStats, type ApplyContext } from './apply.js';
import { confirmGone } from './confirm-gone.js';
import { NO_DECISIONS, type PairingResult } from './decisions.js';
import { carryOutUnlinks, readDecisions, recordRunDecisions } from './decisions-store.js';
import { durationOf } from './cost.js';
import { createPlanContext, takenCollector, trackedFieldSet, type PlanContext } from './plan-context.js';
import { createRawSpill } from './raw-spill.js';
import { customValuesPrint, settleIfUnchanged } from './settle-records.js';
import { readSnapshotIndex, summaryOf, type SnapshotSummary } from './snapshot-index.js';
import { fieldKeys } from './fields.js';
import { planRun, type Plan } from './plan.js';
import { reconcile, type Match } from './reconcile.js';
import { resolveOpenIntents, resolveUnknownCreates } from './recover.js';
import { qualityOfRun, withPlaceholders } from './run-quality.js';
import { toSideRecord, type SideRecord } from './side-records.js';
import { checkUndoable, planUndo } from './undo-plan.js';
import type { ActionKind, PlanSummary, ProgressEvent, RecordOutcome, RunPairOptions, RunResult, SyncSide } from './types.js';

export { resolvePairSettings } from './settings.js';

/** The lock of a pair covers its two connections, whichever pair name a run uses. */
export function lockKeyOf(from: string, to: string): string {
  return [from, to].sort().join('+');
}

/** Reads a whole side: every client, decoded, with its identity. The listing must complete. */
export async function readSide(side: SyncSide, store: StateStore, options: { includeContacts: boolean; signal?: AbortSignal | undefined; onProgress?: ((event: ProgressEvent) => void) | undefined; stats: () => { calls: number; rateWaitMs: number }; keep?: ((record: SideRecord, linked: (externalId: string) => boolean) => SideRecord) | undefined }): Promise<SideRecord[]> {
  const links = new Map(store.links(side.name).map((link) => [link.nativeId, link.externalId]));
  const linkedIds = new Set(links.values());
  const linked = (externalId: string): boolean => linkedIds.has(externalId);
  const records: SideRecord[] = [];
  for await (const raw of side.connector.listClients({ includeContacts: options.includeContacts, signal: options.signal })) {
    const record = toSideRecord(side, raw, links);
    // What the run keeps of each record is decided as it is read, so the decoded listing is never all held.
    if (record !== undefined) records.push(options.keep === undefined ? record : options.keep(record, linked));
    if (records.length % 500 === 0) options.onProgress?.({ phase: 'read', connection: side.name, done: records.length, ...options.stats() });
  }
  options.onProgress?.({ phase: 'read', connection: side.name, done: records.length, total: records.length, ...options.stats() });
  return records;
}

/** A record that may be written into the other side, and its counterpart there (if the other side holds one). */
interface Incoming {
  readonly record: SideRecord | undefined;
  readonly counterpart: SideRecord | undefined;
}

/**
 * Whether writing `incoming` into a side may need to know which custom fields that side's account
 * defines (one call on Billomat): a record with custom values the other side does not hold yet (a
 * create), or whose custom values changed since the pair's last sync and differ from its
 * counterpart's. Not for values both sides already agree on, nor for a same-field conflict that
 * `conflict: manual` leaves to a person (no decision taken yet): those are not written. A record held
 * back for review is not written at all. `own` and `theirs` are the snapshots of the record's side
 * and of the side written into.
 */
function needsCustomFieldNames(context: PlanContext, incoming: Iterable<Incoming>, own: ReadonlyMap<string, Snapshot>, theirs: ReadonlyMap<string, Snapshot>): boolean {
  if (!context.tracked.lists.has('customValues')) return false;
  // Compared by hash (customValuesPrint): a settled record and a snapshot's summary keep one of the
  // tracked custom values, not the values, so neither is decoded or read again for this.
  const printOf = (record: SideRecord): string | undefined => {
    if (record.settled !== undefined) return record.settled.customValues;
    const { customer } = record;
    return customer === undefined ? undefined : customValuesPrint(customer, context.tracked);
  };
  const unchangedSince = (base: SnapshotSummary | undefined, print: string | undefined): boolean => base !== undefined && base.base && base.fields.includes('customValues') && print === base.customValues;
  const leftToPerson = (externalId: string): boolean => context.settings.mode === 'two-way' && context.settings.conflict === 'manual' && !context.decisions.conflicts.has(externalId);
  for (const { record, counterpart } of incoming) {
    if (record === undefined) continue;
    // A settled record says whether it has custom values without being decoded again.
    const { settled } = record;
    const customer = settled === undefined ? record.customer : undefined;
    if (settled !== undefined ? !settled.hasCustomValues : customer === undefined || (customer.customValues?.length ?? 0) === 0) continue;
    if (counterpart === undefined || (counterpart.settled === undefined && counterpart.customer === undefined)) return true;
    const print = printOf(record);
    const held = printOf(counterpart);
    if (print === held || unchangedSince(summaryOf(own, record.externalId), print)) continue;
    if (!unchangedSince(summaryOf(theirs, record.externalId), held) && leftToPerson(record.externalId)) continue;
    return true;
  }
  return false;
}

/** The records each side brings to the other: from the reconciled matches, or (undo) by external id. */
function incomingOf(records: { from: readonly SideRecord[]; to: readonly SideRecord[] }, matches: readonly Match[] | undefined): { toTo: Incoming[]; toFrom: Incoming[] } {
  if (matches !== undefined) {
    const settled = matches.filter((m) => m.inReview !== true);
    return {
      toTo: settled.map((m) => ({ record: m.from, counterpart: m.to })),
      toFrom: settled.map((m) => ({ record: m.to, counterpart: m.from })),
    };
  }
  const fromById = new Map(records.from.map((r) => [r.externalId, r]));
  const toById = new Map(records.to.map((r) => [r.externalId, r]));
  return {
    toTo: records.from.map((record) => ({ record, counterpart: toById.get(record.externalId) })),
    toFrom: records.to.map((record) => ({ record, counterpart: fromById.get(record.externalId) })),
  };
}

/** The custom fields `side` defines, asked for only when a record to write into it needs them. */
async function definedCustomFields(side: SyncSide, needed: boolean, signal: AbortSignal | undefined): Promise<ReadonlySet<string> | undefined> {
  if (side.connector.customFieldNames === undefined || !needed) return undefined;
  const names = await side.connector.customFieldNames({ ...(signal === undefined ? {} : { signal }) });
  return names === undefined ? undefined : new Set(names);
}

/** How long closed journal entries are kept: a month of runs to explain. */
const JOURNAL_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

const ACTION_KINDS: readonly ActionKind[] = ['create', 'update', 'archive', 'delete', 'marker', 'link', 'skip', 'conflict', 'invalid'];

function summarize(plan: Plan, options: RunPairOptions, reads: Readonly<Record<string, number>>, linked: number): PlanSummary {
  const counts = Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<ActionKind, number>;
  const writes: Record<string, number> = { [options.from.name]: 0, [options.to.name]: 0 };
  for (const step of plan.steps) {
    counts[step.action.kind] += 1;
    for (const call of step.action.calls) writes[call.connection] = (writes[call.connection] ?? 0) + call.count;
  }
  const sides = [options.from, options.to];
  return {
    counts,
    calls: Object.fromEntries(sides.map((side) => [side.name, { reads: reads[side.name] ?? 0, writes: writes[side.name] ?? 0 }])),
    estimatedMs: Object.fromEntries(sides.map((side) => [side.name, durationOf(writes[side.name] ?? 0, side.connector)])),
    linked,
  };
}

function droppedFields(plan: Plan): Record<string, number> {
  const out: Record<string, number> = {};
  for (const step of plan.steps) {
    for (const issue of step.action.dropped ?? []) {
      const field = issue.field.split(' ')[0] ?? issue.field;
      out[field] = (out[field] ?? 0) + 1;
    }
  }
  return out;
}

function plannedOutcome(step: Plan['steps'][number]): RecordOutcome {
  const { action } = step;
  const status = action.kind === 'conflict' ? 'conflict' : action.kind === 'invalid' ? 'invalid' : 'skipped';
  return { externalId: step.externalId, status, action: action.kind, connection: action.connection, records: action.records, name: action.name, fields: action.fields, reason: action.reason ?? (step.op === 'none' ? undefined : 'dry run'), dropped: action.dropped };
}

/** An undo can start: the run wrote something on this pair, and no undo has taken it back yet. */
function checkUndo(store: StateStore, pair: string, runId: string): void {
  checkUndoable(store.journal({ runId }), runId, pair);
  const done = store.runs({ pair, limit: 1_000 }).find((r) => r.status === 'ok' && r.summary?.undoes === runId);
  if (done !== undefined) throw new ConfigError([{ key: 'run-id', message: `run ${runId} was already taken back by run ${done.id}` }]);
}

/**
 * Runs one pair once: read both sides completely, reconcile, plan, and (unless a dry run) apply with
 * a journal. Per-record failures never stop the run; configuration, authentication and a vendor that
 * is down do, before any write where possible.
 */
export async function runPair(options: RunPairOptions): Promise<RunResult> {
  const logger: Logger = (options.logger ?? silentLogger).child({ pair: options.pair.name });
  const clock = options.clock ?? systemClock;
  const { store, pair } = options;
  const { from, to } = withPlaceholders(options.from, options.to, pair);
  const dryRun = options.dryRun === true;
  const startedAt = new Date(clock.now()).toISOString();
  const stats = (): { calls: number; rateWaitMs: number } => sumStats([from.connector.stats(), to.connector.stats()]);
  if (options.undo !== undefined) checkUndo(store, pair.name, options.undo.runId);
  const run = dryRun ? undefined : store.beginRun(pair.name, options.command, lockKeyOf(from.name, to.name));
  // The journal is for recovery and for explaining recent runs; closed entries older than this go.
  if (run !== undefined) store.pruneJournal(pair.name, clock.now() - JOURNAL_RETENTION_MS);
  const heartbeat = run === undefined ? undefined : setInterval(() => store.heartbeat(run.id), 60_000);
  heartbeat?.unref();

  // The raw records of settled clients, out of memory until the run ends (undo runs keep theirs).
  const spill = options.undo === undefined ? createRawSpill() : undefined;
  let plan: Plan = { steps: [] };
  let summary: PlanSummary | undefined;
  let unreadable: RunResult['unreadable'] = [];
  let read: { from: readonly Pick<SideRecord, 'findings'>[]; to: readonly Pick<SideRecord, 'findings'>[] } = { from: [], to: [] };
  let review: RunResult['review'] = [];
  let decisions: RunResult['decisions'] = [];
  const outcomes: RecordOutcome[] = [];
  const finish = (status: RunResult['status'], error?: { code: string; message: string }): RunResult => {
    const calls: Record<string, ConnectorStats> = { [from.name]: from.connector.stats(), [to.name]: to.connector.stats() };
    const result: RunResult = {
      runId: run?.id, pair: pair.name, command: options.command, mode: pair.mode, dryRun,
      from: { connection: from.name, vendor: from.mapping.vendor }, to: { connection: to.name, vendor: to.mapping.vendor },
      startedAt, finishedAt: new Date(clock.now()).toISOString(), status,
      plan: summary ?? summarize(plan, options, {}, 0), actions: plan.steps.map((s) => s.action), outcomes, review, calls,
      dropped: droppedFields(plan), unreadable, decisions, ...(error === undefined ? {} : { error }),
      quality: qualityOfRun(from, to, read, plan.steps.map((s) => s.action)),
    };
    if (heartbeat !== undefined) clearInterval(heartbeat);
    spill?.close();
    if (run !== undefined) {
      const counts: Record<string, number> = {};
      for (const outcome of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
      store.finishRun(run.id, status, {
        counts, calls: Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, v.calls])), host: hostname(),
        ...(options.undo === undefined ? {} : { undoes: options.undo.runId }), ...(error === undefined ? {} : { error: error.code }),
      });
    }
    return result;
  };

  try {
    // A person's decisions go into the plan as inputs; unlinks by hand change the links the records are read with.
    // An undo takes a run back and nothing else: no decision goes into it.
    const decided = options.undo === undefined ? readDecisions(store, pair.name) : { items: [], decisions: NO_DECISIONS };
    const unlinked = run === undefined || options.undo !== undefined ? new Set<string>() : carryOutUnlinks(store, { pair: pair.name, runId: run.id, connections: [from.name, to.name], items: decided.items, now: clock.now() });
    // Reading and planning in a function of their own: once it returns, the records read, the matches
    // and the rest of what only the plan needed can go before apply (of 100,000 creates, a long time).
    const { context, pairings } = await (async (): Promise<{ context: PlanContext; pairings: readonly PairingResult[] }> => {
      // Reading in a function of its own, planning after it returned: the plan lets go of each match's
      // records as it plans it, so a migration's records and its plan are not both held whole.
      const prepared = await (async () => {
        // Read before the records, so each record is compared with its snapshot as it comes in: an
        // unchanged one lets go of its decoded customer (settle-records.ts). Undo runs keep every record whole.
        const snapshots = { from: readSnapshotIndex(store, pair.name, from.name), to: readSnapshotIndex(store, pair.name, to.name) };
        const tracked = trackedFieldSet(pair, from, to);
        const taken = { from: takenCollector(from.mapping), to: takenCollector(to.mapping) };
        const keep = (side: SyncSide, key: 'from' | 'to') => (record: SideRecord, linked: (externalId: string) => boolean): SideRecord => {
          taken[key].add(record.customer);
          if (options.undo !== undefined) return record;
          return settleIfUnchanged({ side, tracked, trackedKeys: fieldKeys(tracked), snapshots: snapshots[key], linked, spill }, record);
        };
        const [fromRecords, toRecords] = await Promise.all([
          readSide(from, store, { includeContacts: pair.contacts, signal: options.signal, onProgress: options.onProgress, stats, keep: keep(from, 'from') }),
          readSide(to, store, { includeContacts: pair.contacts, signal: options.signal, onProgress: options.onProgress, stats, keep: keep(to, 'to') }),
        ]);
        // Only their findings are kept for the run's quality report.
        read = { from: [{ findings: fromRecords.flatMap((r) => r.findings) }], to: [{ findings: toRecords.flatMap((r) => r.findings) }] };
        const reads = { [from.name]: from.connector.stats().calls, [to.name]: to.connector.stats().calls };
        unreadable = [...fromRecords, ...toRecords].filter((r) => r.issues.length > 0).map((r) => ({ record: r.label, issues: r.issues }));

        const links = { from: new Map(store.links(from.name).map((l) => [l.externalId, l])), to: new Map(store.links(to.name).map((l) => [l.externalId, l])) };
        const fromLinks = new Set(links.from.keys());
        const toLinks = new Set(links.to.keys());
        const isLinked = (connection: string, externalId: string): boolean => (connection === from.name ? fromLinks : toLinks).has(externalId);
        const linkedCount = [...fromLinks].filter((id) => toLinks.has(id)).length;
        let planned = createPlanContext({
          settings: pair, from, to, isLinked, linkedCount, links,
          taken: { from: taken.from.taken, to: taken.to.taken },
          fromSnapshots: snapshots.from, toSnapshots: snapshots.to,
          decisions: decided.decisions,
        });

        let records = { from: fromRecords, to: toRecords };
        if (!dryRun) {
          const open = store.openIntents(pair.name);
          if (open.length > 0) {
            const resolved = resolveOpenIntents(planned, store, open, records);
            records = resolved;
            logger.info({ open: open.length }, 'resolved the writes of an earlier run that never finished');
            for (const link of store.links(to.name)) toLinks.add(link.externalId);
            for (const link of store.links(from.name)) fromLinks.add(link.externalId);
            // Creates found again left their snapshots: plan against them.
            if (resolved.recovered > 0) planned = { ...planned, fromSnapshots: readSnapshotIndex(store, pair.name, from.name), toSnapshots: readSnapshotIndex(store, pair.name, to.name) };
          }
        }
        options.onProgress?.({ phase: 'reconcile', done: records.from.length + records.to.length, ...stats() });
        const undo = options.undo;
        const reconciliation = undo === undefined
          ? reconcile({ from: records.from, to: records.to, settings: pair, isLinked, fromConnection: from.name, toConnection: to.name, decisions: decided.decisions })
          : undefined;
        const incoming = incomingOf(records, reconciliation?.matches);
        const context: PlanContext = {
          ...planned,
          customFieldNames: {
            from: await definedCustomFields(from, pair.mode === 'two-way' && needsCustomFieldNames(planned, incoming.toFrom, planned.toSnapshots, planned.fromSnapshots), options.signal),
            to: await definedCustomFields(to, needsCustomFieldNames(planned, incoming.toTo, planned.fromSnapshots, planned.toSnapshots), options.signal),
          },
        };
        // The records stay with the matches only (an undo plans from the records themselves).
        return { context, reconciliation, records: undo === undefined ? undefined : records, reads, linkedCount };
      })();
      const { context, reconciliation, reads, linkedCount } = prepared;
      const undo = options.undo;
      let pairings: readonly PairingResult[] = [];
      if (undo !== undefined) {
        plan = planUndo(context, store.journal({ runId: undo.runId }), prepared.records ?? { from: [], to: [] }, undo);
      } else if (reconciliation !== undefined) {
        review = reconciliation.review;
        pairings = reconciliation.pairings;
        plan = await confirmGone(planRun(context, reconciliation, { allowMassArchive: options.allowMassArchive, release: true }), context, store, options.signal);
      }
      summary = summarize(plan, options, reads, linkedCount);
      options.onProgress?.({ phase: 'plan', done: plan.steps.length, total: plan.steps.length, ...stats() });
      return { context, pairings };
    })();

    const settle = (): void => {
      if (options.undo !== undefined) return;
      decisions = recordRunDecisions(store, { pair: pair.name, runId: run?.id, items: decided.items, pairings, unlinked, actions: plan.steps.map((s) => s.action), review, outcomes, stopped: options.signal?.aborted === true, now: clock.now() });
    };
    if (run === undefined) {
      outcomes.push(...plan.steps.map(plannedOutcome));
      settle();
      return finish(plan.steps.some((s) => s.action.kind === 'conflict' || s.action.kind === 'invalid') ? 'partial' : 'ok');
    }

    for (const step of plan.steps) {
      if (step.action.kind === 'invalid') {
        store.recordFailure({ pair: pair.name, externalId: step.externalId, connection: step.action.connection ?? from.name, code: 'RECORD_INVALID', message: new RecordError(step.action.issues ?? []).message || (step.action.reason ?? 'invalid') });
      }
    }
    const applyContext: ApplyContext = { plan: context, store, runId: run.id, logger, concurrency: options.concurrency ?? 4, signal: options.signal, onProgress: options.onProgress, stats, clock };
    const applied = await applySteps(applyContext, plan.steps);
    outcomes.push(...applied.outcomes);
    if (applied.unknown.length > 0) {
      outcomes.push(...(await resolveUnknownCreates(applyContext, applied.unknown, (step) => runStep(applyContext, step))));
    }
    outcomes.push(...(await applyDeferredMarkers(applyContext, plan.steps)));
    settle();
    const stopped = options.signal?.aborted === true;
    const troubled = outcomes.some((o) => o.status === 'failed' || o.status === 'conflict' || o.status === 'invalid');
    return finish(stopped ? 'stopped' : troubled ? 'partial' : 'ok');
  } catch (caught) {
    // Stopped while reading or planning: nothing was written yet, so this is a stop, not a failure.
    if (options.signal?.aborted === true) return finish('stopped');
    const error = toSyncError(caught);
    logger.error({ code: error.code }, 'run stopped');
    finish('failed', { code: error.code, message: error.message });
    throw error;
  }
}

export { verifyPair, type VerifyPairOptions } from './verify.js';
