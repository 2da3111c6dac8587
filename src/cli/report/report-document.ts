import type { ConnectorStats } from '../../vendors/types.js';
import { formatBudget, formatCount, formatElapsed } from '../format.js';
import type { BudgetState } from './report-types.js';

/**
 * A report as plain text cells: what to show and in which order, decided once; the Markdown and
 * HTML renderers only format (and escape) it.
 */
export interface ReportTable {
  readonly heading: string;
  readonly note?: string | undefined;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Rows left out of the readable summary (the JSON report has them all). */
  readonly omitted: number;
}

export interface ReportDocument {
  readonly title: string;
  readonly facts: readonly (readonly [string, string])[];
  readonly sections: readonly ReportTable[];
}

/** Rows a readable summary shows per section; the JSON report always has every record. */
export const SUMMARY_ROWS = 200;

/** A table, cut to `SUMMARY_ROWS`; undefined when there is nothing to show. */
export function table(heading: string, columns: readonly string[], rows: readonly (readonly string[])[], note?: string): ReportTable | undefined {
  if (rows.length === 0) return undefined;
  return { heading, columns, rows: rows.slice(0, SUMMARY_ROWS), omitted: Math.max(0, rows.length - SUMMARY_ROWS), ...(note === undefined ? {} : { note }) };
}

/** Calls per connection, with the rate budget and time spent waiting for it. */
export function callsTable(calls: Readonly<Record<string, ConnectorStats>>, budgets: Readonly<Record<string, BudgetState>>): ReportTable | undefined {
  const rows = Object.entries(calls).map(([connection, stats]) => {
    const budget = budgets[connection];
    return [
      connection,
      formatCount(stats.calls),
      (['list', 'get', 'create', 'update', 'delete', 'other'] as const).map((kind) => `${kind} ${formatCount(stats.callsByKind[kind])}`).join(', '),
      formatCount(stats.limitResponses),
      formatCount(stats.retries),
      formatElapsed(stats.rateWaitMs),
      budget === undefined ? '' : formatBudget(budget),
    ];
  });
  return table('Calls per connection', ['connection', 'calls', 'by kind', 'rate-limit answers', 'retries', 'waited for rate windows', 'rate budget'], rows);
}

/** Drops the sections that had nothing to show. */
export function present(sections: readonly (ReportTable | undefined)[]): ReportTable[] {
  return sections.filter((section): section is ReportTable => section !== undefined);
}
