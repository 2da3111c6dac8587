import { jsonEqual } from '../mapping/_paths.js';
import type { StateStore } from '../store/types.js';
import type { ConnectorStats } from '../vendors/types.js';
import { sumStats } from './apply.js';
import { readSide } from './engine.js';
import { summarizeQuality, type QualityReport } from './quality.js';
import { readFindings, withPlaceholders } from './run-quality.js';
import { project } from './fields.js';
import { asHeldBy, createPlanContext, fitCustomValues } from './plan-context.js';
import { matchKeys, reconcile } from './reconcile.js';
import type { SideRecord } from './side-records.js';
import type { PairSettings, RunPairOptions, SyncSide, VerifyResult } from './types.js';

export interface VerifyPairOptions {
  readonly pair: PairSettings;
  readonly from: SyncSide;
  readonly to: SyncSide;
  readonly store: StateStore;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: RunPairOptions['onProgress'];
}

/** Groups of records in one account that look like the same client (same VAT number, e-mail, or name + postal code). */
function duplicateSuspects(records: readonly SideRecord[]): VerifyResult['duplicateSuspects'] {
  const groups = new Map<string, SideRecord[]>();
  for (const record of records) {
    for (const { key, value } of matchKeys(record)) {
      const k = `${key}=${value}`;
      groups.set(k, [...(groups.get(k) ?? []), record]);
    }
  }
  return [...groups].filter(([, group]) => group.length > 1).map(([key, group]) => ({ connection: group[0]?.connection ?? '', key, records: group.map((r) => r.label) }));
}

/**
 * A read-only drift report between two connections (`client-sync verify`): how many records each
 * holds, which are only on one side, which fields differ for linked records (as the target would hold
 * the source's values), and which records look like duplicates. Makes list calls only.
 */
export async function verifyPair(options: VerifyPairOptions): Promise<VerifyResult> {
  const { store, pair } = options;
  const { from, to } = withPlaceholders(options.from, options.to, pair);
  const stats = (): { calls: number; rateWaitMs: number } => sumStats([from.connector.stats(), to.connector.stats()]);
  const [fromRecords, toRecords] = await Promise.all([
    readSide(from, store, { includeContacts: pair.contacts, signal: options.signal, onProgress: options.onProgress, stats }),
    readSide(to, store, { includeContacts: pair.contacts, signal: options.signal, onProgress: options.onProgress, stats }),
  ]);
  const fromLinks = new Set(store.links(from.name).map((l) => l.externalId));
  const toLinks = new Set(store.links(to.name).map((l) => l.externalId));
  const isLinked = (connection: string, externalId: string): boolean => (connection === from.name ? fromLinks : toLinks).has(externalId);
  const reconciliation = reconcile({ from: fromRecords, to: toRecords, settings: { ...pair, matchExisting: 'off' }, isLinked, fromConnection: from.name, toConnection: to.name });
  const context = createPlanContext({ settings: { ...pair, mode: 'one-way' }, from, to, isLinked, linkedCount: 0, fromSnapshots: new Map(), toSnapshots: new Map() });
  const toFields = to.connector.customFieldNames === undefined ? undefined : await to.connector.customFieldNames();
  const names = toFields === undefined ? undefined : new Set(toFields);

  const onlyInFrom: VerifyResult['onlyInFrom'][number][] = [];
  const onlyInTo: VerifyResult['onlyInTo'][number][] = [];
  const differences: VerifyResult['differences'][number][] = [];
  let matched = 0;
  for (const match of reconciliation.matches) {
    const { from: a, to: b } = match;
    if (a !== undefined && b === undefined) onlyInFrom.push({ externalId: match.externalId, record: a.label, name: a.name });
    else if (b !== undefined && a === undefined) onlyInTo.push({ externalId: match.externalId, record: b.label, name: b.name });
    else if (a !== undefined && b !== undefined) {
      matched += 1;
      if (a.customer === undefined || b.customer === undefined) continue;
      const expected = project(asHeldBy(to.mapping, fitCustomValues(a.customer, names, a.label, to.name).customer, a.label), context.tracked);
      const actual = project(b.customer, context.tracked);
      const fields = context.trackedKeys.filter((key) => !jsonEqual(expected[key], actual[key])).map((path) => ({ path, from: expected[path], to: actual[path] }));
      if (fields.length > 0) differences.push({ externalId: match.externalId, records: [a.label, b.label], name: a.name, fields });
    }
  }
  const calls: Record<string, ConnectorStats> = { [from.name]: from.connector.stats(), [to.name]: to.connector.stats() };
  return {
    pair: pair.name,
    from: { connection: from.name, vendor: from.mapping.vendor, count: fromRecords.length },
    to: { connection: to.name, vendor: to.mapping.vendor, count: toRecords.length },
    matched,
    onlyInFrom,
    onlyInTo,
    differences,
    duplicateSuspects: [
      ...reconciliation.duplicates.map((d) => ({ connection: d.connection, key: `externalId=${d.externalId}`, records: d.records.map((r) => r.label) })),
      ...duplicateSuspects(fromRecords),
      ...duplicateSuspects(toRecords),
    ],
    unreadable: [...fromRecords, ...toRecords].filter((r) => r.issues.length > 0).map((r) => ({ record: r.label, issues: r.issues })),
    calls,
    quality: summarizeQuality([readFindings(from, fromRecords), readFindings(to, toRecords)]),
  };
}

export interface AuditQualityOptions {
  readonly side: SyncSide;
  readonly store: StateStore;
  /** The placeholder list to read with (a pair's adjustments); default the built-in list. */
  readonly placeholders?: PairSettings['placeholders'] | undefined;
  readonly contacts?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: RunPairOptions['onProgress'];
}

/** The data quality of one connection as it is, read-only: list calls only, nothing written. */
export async function auditQuality(options: AuditQualityOptions): Promise<{ readonly records: number; readonly quality: QualityReport; readonly calls: ConnectorStats }> {
  const side = withPlaceholders(options.side, options.side, { placeholders: options.placeholders ?? {} }).from;
  const records = await readSide(side, options.store, { includeContacts: options.contacts ?? false, signal: options.signal, onProgress: options.onProgress, stats: () => sumStats([side.connector.stats()]) });
  return { records: records.length, quality: summarizeQuality([readFindings(side, records)]), calls: side.connector.stats() };
}
