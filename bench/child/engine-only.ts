import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadVendorDefaults } from '../../src/http/vendor-defaults.js';
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
  /** The records of a vendor that lists all clients in one call (FactuurSturen), read whole up front. */
  raws: (RawRecord | undefined)[] | undefined;
  readonly file: string;
  /** The vendor's page size (config/vendors.yaml); none: the whole list in one call. */
  readonly pageSize: number | null;
}

interface DumpHeader {
  readonly customFieldNames?: unknown;
  readonly lookups?: Record<string, LookupEntry[]>;
}

function dumpLines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file), crlfDelay: Infinity });
}

/**
 * Reads a dump's header and, for a vendor that lists every client in one call, its records, as
 * that one call gives them to a run. A paged vendor's records are read during decode, a page at a
 * time (pages), as runPair gets them.
 */
async function readDump(file: string, vendor: ApiVendorId): Promise<Cached> {
  const pageSize = loadVendorDefaults()[vendor].pageSize;
  let header: DumpHeader | undefined;
  const raws: RawRecord[] = [];
  for await (const line of dumpLines(file)) {
    if (line === '') continue;
    if (header === undefined) {
      header = JSON.parse(line) as DumpHeader;
      if (pageSize !== null) break;
      continue;
    }
    raws.push(JSON.parse(line) as RawRecord);
  }
  const given = header?.customFieldNames;
  const names = Array.isArray(given) ? new Set(given.filter((n): n is string => typeof n === 'string')) : undefined;
  const lookups = Object.fromEntries(Object.entries(header?.lookups ?? {}).map(([name, entries]) => [name, createLookupTable(name, entries)]));
  return { customFieldNames: names, lookups, raws: pageSize === null ? raws : undefined, file, pageSize };
}

/**
 * A dump's records as a run gets them: a listing read whole is handed over record by record and let
 * go of (as the FactuurSturen connector does); a paged one is parsed a page at a time.
 */
async function* records(cache: Cached): AsyncGenerator<RawRecord> {
  const { raws } = cache;
  if (raws !== undefined) {
    for (let i = 0; i < raws.length; i++) {
      const raw = raws[i] as RawRecord;
      raws[i] = undefined;
      yield raw;
    }
    cache.raws = undefined;
    return;
  }
  let first = true;
  let page: string[] = [];
  for await (const line of dumpLines(cache.file)) {
    if (line === '') continue;
    if (first) {
      first = false;
      continue;
    }
    page.push(line);
    if (page.length === cache.pageSize) {
      yield* page.map((l) => JSON.parse(l) as RawRecord);
      page = [];
    }
  }
  yield* page.map((l) => JSON.parse(l) as RawRecord);
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
  const [fromCache, toCache] = [await readDump(input.from.file, input.from.vendor), await readDump(input.to.file, input.to.vendor)];
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
  const decode = async (side: SyncSide, cache: Cached, links: readonly { nativeId: string; externalId: string }[], snapshots: SnapshotIndex): Promise<{ records: SideRecord[]; taken: Map<string, Set<string>> }> => {
    const byNative = new Map(links.map((link) => [link.nativeId, link.externalId]));
    const linkedIds = new Set(byNative.values());
    const taken = takenCollector(side.mapping);
    const settle = { side, tracked, trackedKeys: fieldKeys(tracked), snapshots, linked: (id: string) => linkedIds.has(id), spill };
    const out: SideRecord[] = [];
    for await (const raw of records(cache)) {
      const record = toSideRecord(side, raw, byNative);
      if (record === undefined) continue;
      taken.add(record.customer);
      out.push(settleIfUnchanged(settle, record));
    }
    return { records: out, taken: taken.taken };
  };
  // As runPair: decoded and reconciled in a function of their own, so the records are held only by
  // the matches, which the plan lets go of one by one.
  const { reconciliation, context, counts } = await (async () => {
    const fromDecoded = await decode(from, fromCache, fromLinks, fromSnapshots);
    const toDecoded = await decode(to, toCache, toLinks, toSnapshots);
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
    return { reconciliation, context, counts: { from: fromRecords.length, to: toRecords.length } };
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
    records: counts,
    matches: reconciliation.matches.length,
    planCounts,
    plannedWrites,
  };
}
