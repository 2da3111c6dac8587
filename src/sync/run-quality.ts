import { createPlaceholderMatcher } from '../mapping/placeholders.js';
import { summarizeQuality, type QualityReport, type QualitySource } from './quality.js';
import type { SideRecord } from './side-records.js';
import type { PairSettings, PlannedAction, SyncSide } from './types.js';

/** Both sides of a pair, reading placeholders as the pair's list says (a side that has its own keeps it). */
export function withPlaceholders(from: SyncSide, to: SyncSide, pair: Pick<PairSettings, 'placeholders'>): { from: SyncSide; to: SyncSide } {
  const matcher = createPlaceholderMatcher(pair.placeholders);
  return { from: from.placeholders === undefined ? { ...from, placeholders: matcher } : from, to: to.placeholders === undefined ? { ...to, placeholders: matcher } : to };
}

/** Findings of the records as read from each side. */
export function readFindings(side: SyncSide, records: readonly Pick<SideRecord, 'findings'>[]): QualitySource {
  return { connection: side.name, vendor: side.mapping.vendor, stage: 'read', findings: records.flatMap((r) => r.findings) };
}

/** The run's data-quality section: what each side holds, and what the planned writes carry. */
export function qualityOfRun(from: SyncSide, to: SyncSide, read: { readonly from: readonly Pick<SideRecord, 'findings'>[]; readonly to: readonly Pick<SideRecord, 'findings'>[] }, actions: readonly PlannedAction[]): QualityReport {
  const written = (side: SyncSide): QualitySource => ({
    connection: side.name, vendor: side.mapping.vendor, stage: 'write',
    findings: actions.filter((a) => a.connection === side.name).flatMap((a) => a.findings ?? []),
  });
  return summarizeQuality([readFindings(from, read.from), readFindings(to, read.to), written(to), written(from)]);
}
