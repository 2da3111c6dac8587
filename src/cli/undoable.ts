import type { OutcomeStatus } from '../sync/types.js';

/**
 * The outcomes `client-sync undo` can take back. A deleted client is not one of them: it cannot be
 * brought back, so a run that only deleted (an undo of a migration, a sync with hard deletes) is not
 * offered for undo.
 */
export const UNDOABLE_OUTCOMES: ReadonlySet<string> = new Set<OutcomeStatus>(['created', 'updated', 'archived', 'marker']);

/** Whether outcome counts (a run's summary) hold a write an undo can take back. */
export function hasUndoableCounts(counts: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(counts).some(([status, n]) => UNDOABLE_OUTCOMES.has(status) && typeof n === 'number' && n > 0);
}
