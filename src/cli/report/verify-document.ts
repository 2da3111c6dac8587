import { formatRecordIssue } from '../../errors/index.js';
import { formatCount, formatElapsed, formatTimestamp } from '../format.js';
import { callsTable, present, table, type ReportDocument } from './report-document.js';
import { qualityTables } from './quality-tables.js';
import type { VerifyReport } from './report-types.js';

/** A field value as a short readable cell (values are customer data: shown, never interpreted). */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** The readable document of a `verify` drift report. */
export function verifyDocument(report: VerifyReport): ReportDocument {
  const result = report.result;
  const { from, to } = result;
  const drift = result.onlyInFrom.length + result.onlyInTo.length + result.differences.length + result.duplicateSuspects.length;
  return {
    title: `client-sync verify: ${from.connection} → ${to.connection}`,
    facts: [
      ['pair', `${result.pair}: ${from.connection} (${from.vendor}) → ${to.connection} (${to.vendor})`],
      ['verdict', report.inStep ? 'in step' : `drift found (${formatCount(drift)} ${drift === 1 ? 'finding' : 'findings'}), exit code ${report.exitCode}`],
      ['started', formatTimestamp(report.startedAt)],
      ['took', formatElapsed(Date.parse(report.finishedAt) - Date.parse(report.startedAt))],
      ['config', report.config],
    ],
    sections: present([
      table('Counts', ['', 'records'], [
        [`in ${from.connection}`, formatCount(from.count)],
        [`in ${to.connection}`, formatCount(to.count)],
        ['matched', formatCount(result.matched)],
        [`only in ${from.connection}`, formatCount(result.onlyInFrom.length)],
        [`only in ${to.connection}`, formatCount(result.onlyInTo.length)],
        ['with differing fields', formatCount(result.differences.length)],
        ['duplicate suspects', formatCount(result.duplicateSuspects.length)],
      ]),
      table(`Only in ${from.connection}`, ['external id', 'record', 'client'], result.onlyInFrom.map((r) => [r.externalId, r.record, r.name ?? ''])),
      table(`Only in ${to.connection}`, ['external id', 'record', 'client'], result.onlyInTo.map((r) => [r.externalId, r.record, r.name ?? ''])),
      table('Field differences', ['external id', 'client', 'field', from.connection, to.connection], result.differences.flatMap((d) => d.fields.map((f) => [d.externalId, d.name ?? '', f.path, showValue(f.from), showValue(f.to)]))),
      table('Duplicate suspects', ['connection', 'matched on', 'records'], result.duplicateSuspects.map((d) => [d.connection, d.key, d.records.join(', ')])),
      table('Records that could not be read', ['record', 'problems'], result.unreadable.map((u) => [u.record, u.issues.map(formatRecordIssue).join('; ')])),
      ...qualityTables(result.quality),
      callsTable(result.calls, report.budgets),
    ]),
  };
}
