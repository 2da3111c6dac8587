import type { RunResult } from '../../sync/types.js';

/** One row of a run's dropped fields: a target connection, a canonical field, how many records held a value. */
export interface DroppedRow {
  readonly target: string;
  readonly field: string;
  readonly records: number;
}

/**
 * The run's dropped fields per target connection. A two-way run writes into both connections, so a
 * field one of them cannot hold is named with the connection that lacks it (from the planned
 * actions, the same issues `result.dropped` counts); a result without them (an older report) names
 * the run's target.
 */
export function droppedByTarget(result: Pick<RunResult, 'actions' | 'dropped' | 'to'>): DroppedRow[] {
  const rows = new Map<string, { target: string; field: string; records: number }>();
  for (const action of result.actions) {
    for (const issue of action.dropped ?? []) {
      const target = action.connection ?? result.to.connection;
      const field = issue.field.split(' ')[0] ?? issue.field;
      const key = `${target}\u0000${field}`;
      const row = rows.get(key) ?? { target, field, records: 0 };
      row.records += 1;
      rows.set(key, row);
    }
  }
  if (rows.size > 0) return [...rows.values()];
  return Object.entries(result.dropped).map(([field, records]) => ({ target: result.to.connection, field, records }));
}
