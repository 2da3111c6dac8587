import type { Decision } from '../store/open-items.js';
import type { OpenItem } from '../store/types.js';

/*
 * A person's decisions, as the planner takes them: read from the state store before planning and
 * handed in (the planner stays pure, and a dry run shows what the decisions will do). Each decision
 * is carried out through the normal plan and apply: a conflict decision turns the field into an
 * update, an accepted candidate or a link by hand into a link of two existing records, a rejected
 * candidate into a create, an ignored record and a skipped invalid one into a skip.
 */

/** How a person settled one conflicting field. */
export type ConflictChoice = ({ readonly take: 'from' | 'to' } | { readonly value: unknown }) & { readonly item: string };

/** Two existing records a person says are the same client (an accepted candidate, a link by hand). */
export interface Pairing {
  readonly item: string;
  /** Native ids on the pair's `from` and `to` connections. */
  readonly from: string;
  readonly to: string;
}

/** What reconcile made of a pairing: the external id the two records now share, or why it could not. */
export interface PairingResult {
  readonly item: string;
  readonly externalId?: string | undefined;
  readonly problem?: string | undefined;
}

export interface PlanDecisions {
  /** external id → canonical field → choice. */
  readonly conflicts: ReadonlyMap<string, ReadonlyMap<string, ConflictChoice>>;
  readonly pairings: readonly Pairing[];
  /** Source records whose candidates a person rejected: created anew. */
  readonly rejected: ReadonlySet<string>;
  /** Records a person said never to sync (until un-ignored), with the item that says so. */
  readonly ignored: ReadonlyMap<string, string>;
  /** Invalid records skipped until their source changes: external id → the source version skipped. */
  readonly skipped: ReadonlyMap<string, string>;
}

export const NO_DECISIONS: PlanDecisions = { conflicts: new Map(), pairings: [], rejected: new Set(), ignored: new Map(), skipped: new Map() };

/** The native id in a `vendor:id` record label. */
export function nativeIdOf(label: string): string {
  return label.slice(label.indexOf(':') + 1);
}

function candidateLabels(item: OpenItem): string[] {
  const candidates = item.detail.candidates;
  if (!Array.isArray(candidates)) return [];
  return candidates.flatMap((c: unknown) => (typeof c === 'object' && c !== null && typeof (c as { record?: unknown }).record === 'string' ? [(c as { record: string }).record] : []));
}

function sourceLabel(item: OpenItem): string | undefined {
  const source = item.detail.source;
  return typeof source === 'object' && source !== null && typeof (source as { record?: unknown }).record === 'string' ? (source as { record: string }).record : undefined;
}

/** The decisions of a pair's decided items (pending and standing), as the planner takes them. */
export function toPlanDecisions(items: readonly OpenItem[]): PlanDecisions {
  const conflicts = new Map<string, Map<string, ConflictChoice>>();
  const pairings: Pairing[] = [];
  const rejected = new Set<string>();
  const ignored = new Map<string, string>();
  const skipped = new Map<string, string>();
  for (const item of items) {
    const decision = item.decision as Decision | undefined;
    if (decision === undefined) continue;
    switch (decision.action) {
      case 'take':
      case 'value': {
        const fields = conflicts.get(item.externalId) ?? new Map<string, ConflictChoice>();
        fields.set(item.field, decision.action === 'take' ? { take: decision.side, item: item.id } : { value: decision.value, item: item.id });
        conflicts.set(item.externalId, fields);
        break;
      }
      case 'accept': {
        const source = sourceLabel(item);
        if (source !== undefined) pairings.push({ item: item.id, from: nativeIdOf(source), to: nativeIdOf(decision.candidate) });
        break;
      }
      case 'link':
        pairings.push({ item: item.id, from: decision.from, to: decision.to });
        break;
      case 'reject':
        rejected.add(item.externalId);
        break;
      case 'ignore':
        ignored.set(item.externalId, item.id);
        break;
      case 'skip':
        if (typeof item.detail.sourceVersion === 'string') skipped.set(item.externalId, item.detail.sourceVersion);
        break;
      case 'retry':
      case 'unlink':
        break; // a retry needs nothing but a run; an unlink is carried out before the records are read
    }
  }
  return { conflicts, pairings, rejected, ignored, skipped };
}

/** The candidate an accept takes when none is named: the only one, else none. */
export function onlyCandidate(item: OpenItem): string | undefined {
  const labels = candidateLabels(item);
  return labels.length === 1 ? labels[0] : undefined;
}

export { candidateLabels };
