import { decidedItems, markApplied, recordFindings } from '../store/open-items.js';
import type { OpenItem, StateStore } from '../store/types.js';
import { toPlanDecisions, type PairingResult, type PlanDecisions } from './decisions.js';
import { decisionOutcomes, findingsOf, type DecisionOutcome } from './run-decisions.js';
import type { PlannedAction, RecordOutcome, ReviewEntry } from './types.js';

/*
 * The engine's side of the open items: the decisions read before planning, the unlinks carried out
 * before reading, and after the run, decisions carried out and findings recorded.
 */

/** The decided items of a pair and the decisions the planner takes from them. */
export function readDecisions(store: StateStore, pair: string): { items: OpenItem[]; decisions: PlanDecisions } {
  const items = decidedItems(store, pair);
  return { items, decisions: toPlanDecisions(items) };
}

/**
 * Unlinks by hand: the external id's links on both connections and the pair's snapshots go, in one
 * transaction with the item closing, so the records are read as strangers. Returns the items done.
 */
export function carryOutUnlinks(store: StateStore, input: { pair: string; runId: string; connections: readonly string[]; items: readonly OpenItem[]; now: number }): Set<string> {
  const { pair, connections, now } = input;
  const done = new Set<string>();
  const unlinks = input.items.filter((item) => item.decision?.action === 'unlink');
  if (unlinks.length === 0) return done;
  store.transaction(() => {
    for (const item of unlinks) {
      for (const connection of connections) {
        store.removeLink(connection, item.externalId);
        store.removeSnapshot(pair, connection, item.externalId);
      }
      done.add(item.id);
    }
    markApplied(store, unlinks, input.runId, now);
  });
  return done;
}

export interface RunDecisionsInput {
  readonly pair: string;
  /** Undefined for a dry run: nothing is stored. */
  readonly runId: string | undefined;
  readonly items: readonly OpenItem[];
  readonly pairings: readonly PairingResult[];
  readonly unlinked: ReadonlySet<string>;
  readonly actions: readonly PlannedAction[];
  readonly review: readonly ReviewEntry[];
  readonly outcomes: readonly RecordOutcome[];
  /** A stopped run did not try every record: it closes no item. */
  readonly stopped: boolean;
  readonly now: number;
}

/** After a run: closes the decisions it carried out, records what it found, and says what became of each decision. */
export function recordRunDecisions(store: StateStore, input: RunDecisionsInput): DecisionOutcome[] {
  const outcomes = decisionOutcomes(input.items, input.pairings, input.outcomes, { dryRun: input.runId === undefined, carriedOut: input.unlinked });
  const runId = input.runId;
  if (runId === undefined) return outcomes;
  const done = new Set(outcomes.filter((o) => o.status === 'carried-out').map((o) => o.item));
  store.transaction(() => {
    markApplied(store, input.items.filter((item) => done.has(item.id) && item.decision?.action !== 'unlink'), runId, input.now);
    if (!input.stopped) recordFindings(store, { pair: input.pair, runId, findings: findingsOf(input.actions, input.review, input.outcomes), now: input.now });
  });
  return outcomes;
}
