import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createLookupTable, loadMapping, type LookupEntry, type LookupTable, type RawRecord } from '../../src/mapping/index.js';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../../src/sandbox/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { resolvePairSettings, type SyncSide } from '../../src/sync/index.js';
import { createPlanContext, takenCollector, trackedFieldSet } from '../../src/sync/plan-context.js';
import { fieldKeys } from '../../src/sync/fields.js';
import { createRawSpill } from '../../src/sync/raw-spill.js';
import { settleIfUnchanged } from '../../src/sync/settle-records.js';
import { readSnapshotIndex, type SnapshotIndex } from '../../src/sync/snapshot-index.js';
import { planRun } from '../../src/sync/plan.js';
import { reconcile } from '../../src/sync/reconcile.js';
import { toSideRecord, type SideRecord } from '../../src/sync/side-records.js';
import type { ApiVendorId } from '../../src/vendors/ids.js';
import { createConnector } from '../../src/vendors/registry.js';
import type { EngineOnlyInput, EngineOnlyOutput } from '../child-protocol.js';
import { createProcessMeter, peakRssKb } from '../process-meter.js';

interface Cached {
  readonly customFieldNames: ReadonlySet<string> | undefined;
  readonly lookups: Record<string, LookupTable>;
  raws: RawRecord[];
}

interface DumpHeader {
  readonly customFieldNames?: unknown;
  readonly lookups?: Record<string, LookupEntry[]>;
}

/** Reads a dump line by line, so no file-sized string is ever held. */
async function readDump(file: string): Promise<Cached> {
  const raws: RawRecord[] = [];
  let names: ReadonlySet<string> | undefined;
  let lookups: Record<string, LookupTable> = {};
  let first = true;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line === '') continue;
    const parsed = JSON.parse(line) as RawRecord;
    if (first) {
      first = false;
      const header = parsed as DumpHeader;
      const given = header.customFieldNames;
      names = Array.isArray(given) ? new Set(given.filter((n): n is string => typeof n === 'string')) : undefined;
      lookups = Object.fromEntries(Object.entries(header.lookups ?? {}).map(([name, entries]) => [name, createLookupTable(name, entries)]));
      continue;
    }
    raws.push(parsed);
  }
  return { customFieldNames: names, lookups, raws };
}

/** A side whose connector is never called: the planner only asks it for its capabilities and budget. */
async function offlineSide(name: string, vendor: ApiVendorId, lookups: Record<string, LookupTable>): Promise<SyncSide> {
  const mapping = await loadMapping(vendor, { lookups });
  const connector = createConnector({ name, vendor, baseUrl: 'http://127.0.0.1:9/api', credentials: DEFAULT_SANDBOX_CREDENTIALS[vendor], mapping });
  return { name, connector, mapping };
}

/**
 * Decode, reconcile and plan as `runPair` does them (engine.ts), on records read from a cache
 * instead of HTTP, each phase measured on its own.
 */
export async function engineOnly(input: EngineOnlyInput): Promise<EngineOnlyOutput> {
  const baselineRssKb = peakRssKb();
  const settings = resolvePairSettings(input.pair);
  const meter = createProcessMeter();
  const [fromCache, toCache] = [await readDump(input.from.file), await readDump(input.to.file)];
  meter.mark('load');
  const from = await offlineSide(input.from.name, input.from.vendor, fromCache.lookups);
  const to = await offlineSide(input.to.name, input.to.vendor, toCache.lookups);
  meter.mark('mappings');

  // As runPair: the snapshots are read a page at a time into summaries before the records, and read
  // whole later only for the records the plan needs them of, so the store stays open.
  const store = createSqliteStore({ file: input.db });
  const fromLinks = store.links(from.name);
  const toLinks = store.links(to.name);
  const fromSnapshots = readSnapshotIndex(store, settings.name, from.name);
  const toSnapshots = readSnapshotIndex(store, settings.name, to.name);
  meter.mark('state');

  // As runPair's readSide: each record decoded, its unique values noted, and settled (its decoded
  // customer let go) when it reads as its snapshot.
  const tracked = trackedFieldSet(settings, from, to);
  const spill = createRawSpill();
  const decode = (side: SyncSide, cache: Cached, links: readonly { nativeId: string; externalId: string }[], snapshots: SnapshotIndex): { records: SideRecord[]; taken: Map<string, Set<string>> } => {
    const byNative = new Map(links.map((link) => [link.nativeId, link.externalId]));
    const linkedIds = new Set(byNative.values());
    const taken = takenCollector(side.mapping);
    const settle = { side, tracked, trackedKeys: fieldKeys(tracked), snapshots, linked: (id: string) => linkedIds.has(id), spill };
    const out: SideRecord[] = [];
    for (const raw of cache.raws) {
      const record = toSideRecord(side, raw, byNative);
      if (record === undefined) continue;
      taken.add(record.customer);
      out.push(settleIfUnchanged(settle, record));
    }
    // The cache let go of: from here the records hold the raw records, as in runPair.
    cache.raws.length = 0;
    return { records: out, taken: taken.taken };
  };
  // As runPair: decoded and reconciled in a function of their own, so the records are held only by
  // the matches, which the plan lets go of one by one.
  const { reconciliation, context, records } = (() => {
    const fromDecoded = decode(from, fromCache, fromLinks, fromSnapshots);
    const toDecoded = decode(to, toCache, toLinks, toSnapshots);
    const fromRecords = fromDecoded.records;
    const toRecords = toDecoded.records;
    meter.mark('decode');

    const fromIds = new Set(fromLinks.map((l) => l.externalId));
    const toIds = new Set(toLinks.map((l) => l.externalId));
    const isLinked = (connection: string, externalId: string): boolean => (connection === from.name ? fromIds : toIds).has(externalId);
    const reconciliation = reconcile({ from: fromRecords, to: toRecords, settings, isLinked, fromConnection: from.name, toConnection: to.name });
    meter.mark('reconcile');

    // As runPair: an account's custom fields matter only when the other side brings custom values.
    const brings = (records: readonly SideRecord[]): boolean => records.some((r) => (r.settled === undefined ? (r.customer?.customValues?.length ?? 0) > 0 : r.settled.hasCustomValues));
    const context = createPlanContext({
      settings, from, to, isLinked,
      linkedCount: [...fromIds].filter((id) => toIds.has(id)).length,
      customFieldNames: settings.customValues ? { from: brings(toRecords) ? fromCache.customFieldNames : undefined, to: brings(fromRecords) ? toCache.customFieldNames : undefined } : {},
      fromSnapshots, toSnapshots,
      taken: { from: fromDecoded.taken, to: toDecoded.taken },
    });
    return { reconciliation, context, records: { from: fromRecords.length, to: toRecords.length } };
  })();
  const plan = planRun(context, reconciliation, { release: true });
  meter.mark('plan');
  store.close();
  spill.close();

  const planCounts: Record<string, number> = {};
  const plannedWrites: Record<string, number> = {};
  for (const step of plan.steps) {
    planCounts[step.action.kind] = (planCounts[step.action.kind] ?? 0) + 1;
    for (const call of step.action.calls) plannedWrites[call.connection] = (plannedWrites[call.connection] ?? 0) + call.count;
  }
  return {
    phases: meter.phases,
    total: meter.total(),
    baselineRssKb,
    records,
    matches: reconciliation.matches.length,
    planCounts,
    plannedWrites,
  };
}
