import { describeDecision } from '../open-items/item-view.js';
import { formatRecordIssue } from '../../errors/index.js';
import type { OutcomeStatus, RecordOutcome, RunResult } from '../../sync/types.js';
import { formatCount, formatElapsed, formatTimestamp } from '../format.js';
import { callsTable, present, table, type ReportDocument, type ReportTable } from './report-document.js';
import { droppedByTarget } from './dropped-by-target.js';
import { qualityTables } from './quality-tables.js';
import type { RunReport } from './report-types.js';
import { UNDOABLE_OUTCOMES } from '../undoable.js';

const STATUS_HEADINGS: readonly (readonly [OutcomeStatus, string])[] = [
  ['failed', 'Failed (retried on the next run)'],
  ['invalid', 'Not valid for the target (fix the source record)'],
  ['conflict', 'Conflicts (left alone; resolve them, or set a conflict policy)'],
  ['not-started', 'Not started (the run was stopped; the next run does them)'],
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['archived', 'Archived'],
  ['deleted', 'Deleted'],
  ['linked', 'Linked to a record that already existed'],
  ['marker', 'External id written into the target'],
  ['skipped', 'Skipped'],
];

const client = (outcome: RecordOutcome): string => outcome.name ?? '';

/** The columns that say most about an outcome of this status. */
function outcomeRow(status: OutcomeStatus, outcome: RecordOutcome): string[] {
  const records = outcome.records.join(', ');
  switch (status) {
    case 'failed':
    case 'invalid':
      return [outcome.externalId, client(outcome), records, outcome.error?.code ?? (status === 'invalid' ? 'RECORD_INVALID' : ''), outcome.error?.vendorMessage ?? outcome.error?.message ?? outcome.reason ?? ''];
    case 'conflict':
      return [outcome.externalId, client(outcome), records, (outcome.fields ?? []).join(', '), outcome.reason ?? ''];
    case 'updated':
      return [outcome.externalId, client(outcome), records, (outcome.fields ?? []).join(', ')];
    case 'skipped':
    case 'not-started':
      return [outcome.externalId, client(outcome), records, outcome.reason ?? outcome.action];
    case 'created':
    case 'archived':
    case 'deleted':
    case 'linked':
    case 'marker':
      return [outcome.externalId, client(outcome), records, [outcome.recovered === undefined ? '' : `found again by ${outcome.recovered}`, outcome.reason ?? ''].filter(Boolean).join('; ')];
  }
}

function outcomeColumns(status: OutcomeStatus): string[] {
  const base = ['external id', 'client', 'records'];
  switch (status) {
    case 'failed':
    case 'invalid':
      return [...base, 'code', "vendor's message"];
    case 'conflict':
      return [...base, 'fields', 'why'];
    case 'updated':
      return [...base, 'fields written'];
    case 'skipped':
    case 'not-started':
      return [...base, 'why'];
    default:
      return [...base, 'note'];
  }
}

function countsTable(result: RunResult): ReportTable | undefined {
  const counts = new Map<string, number>();
  for (const outcome of result.outcomes) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
  if (result.dryRun || result.outcomes.length === 0) {
    const planned = Object.entries(result.plan.counts).filter(([, n]) => n > 0).map(([kind, n]) => [kind, formatCount(n)]);
    return table('Planned', ['action', 'records'], planned, result.dryRun ? 'A dry run: nothing was written.' : undefined);
  }
  return table('Outcomes', ['outcome', 'records'], [...counts].map(([status, n]) => [status, formatCount(n)]));
}

function planCallsTable(result: RunResult): ReportTable | undefined {
  const rows = Object.entries(result.plan.calls).map(([connection, calls]) => [
    connection,
    formatCount(calls.reads),
    formatCount(calls.writes),
    formatElapsed(result.plan.estimatedMs[connection] ?? 0),
  ]);
  return table('Plan: calls and time at the rate budget', ['connection', 'reads', 'writes planned', 'estimated time for the writes'], rows);
}

/** What became of each decision a person took (client-sync resolve, accept, reject, ignore, link, unlink). */
function decisionsTable(result: RunResult): ReportTable | undefined {
  const rows = (result.decisions ?? []).map((d) => [d.item, `${d.kind}${d.field === undefined ? '' : ` ${d.field}`}`, d.externalId, describeDecision(d.decision) ?? '', d.by ?? '', d.status, d.reason ?? '']);
  return table('Decisions', ['item', 'about', 'external id', 'decision', 'by', 'outcome', 'note'], rows);
}

/** The readable document of a migrate, sync or plan run. */
export function runDocument(report: RunReport): ReportDocument {
  const result = report.result;
  const took = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
  const facts: [string, string][] = [
    ['pair', `${result.pair} (${result.mode}): ${result.from.connection} (${result.from.vendor}) → ${result.to.connection} (${result.to.vendor})`],
    ['status', `${result.status}, exit code ${report.exitCode}${result.dryRun ? ' (dry run: nothing written)' : ''}`],
    ['started', formatTimestamp(result.startedAt)],
    ['took', Number.isFinite(took) ? formatElapsed(took) : ''],
    ['run id', result.runId ?? '(none: dry run)'],
    ['config', report.config],
  ];
  if (result.error !== undefined) facts.push(['stopped by', `${result.error.code}: ${result.error.message}`]);
  const wrote = result.outcomes.some((o) => UNDOABLE_OUTCOMES.has(o.status));
  if (!result.dryRun && result.runId !== undefined && wrote) facts.push(['take it back', `client-sync undo ${result.runId} (--dry-run shows the plan first)`]);
  // An invalid record's outcome says "cannot hold this record"; its planned action says which field and rule.
  const issuesOf = new Map(result.actions.filter((a) => a.kind === 'invalid').map((a) => [a.externalId, (a.issues ?? []).map(formatRecordIssue).join('; ')]));
  const withIssues = (o: RecordOutcome): RecordOutcome => (o.status === 'invalid' && issuesOf.get(o.externalId) ? { ...o, reason: `${o.reason ?? ''}: ${issuesOf.get(o.externalId) ?? ''}` } : o);
  const byStatus = STATUS_HEADINGS.map(([status, heading]) =>
    table(heading, outcomeColumns(status), result.outcomes.filter((o) => o.status === status).map((o) => outcomeRow(status, withIssues(o)))),
  );
  const planned = result.dryRun
    ? table('Planned actions', ['action', 'external id', 'client', 'records', 'fields / why'], result.actions.filter((a) => a.kind !== 'skip').map((a) => [a.kind, a.externalId, a.name ?? '', a.records.join(', '), a.fields?.join(', ') ?? a.reason ?? '']))
    : undefined;
  return {
    title: `client-sync ${result.command}: ${result.from.connection} → ${result.to.connection}`,
    facts,
    sections: present([
      countsTable(result),
      planCallsTable(result),
      callsTable(result.calls, report.budgets),
      table('Fields the target cannot hold (dropped)', ['target', 'canonical field', 'records that had a value'], droppedByTarget(result).map((row) => [row.target, row.field, formatCount(row.records)]), 'The target connection has no place for these; the values stay in the source record.'),
      table('Records that could not be read', ['record', 'problems'], result.unreadable.map((u) => [u.record, u.issues.map(formatRecordIssue).join('; ')])),
      ...qualityTables(result.quality),
      table('Needs review: possible matches in the target', ['external id', 'source record', 'candidates', 'why'], result.review.map((r) => [r.externalId, `${r.source.record}${r.source.name === undefined ? '' : ` (${r.source.name})`}`, r.candidates.map((c) => `${c.record}${c.name === undefined ? '' : ` (${c.name})`} on ${c.matchedOn.join('+')}`).join('; '), r.reason])),
      decisionsTable(result),
      planned,
      ...byStatus,
    ]),
  };
}
