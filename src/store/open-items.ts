import { createHash } from 'node:crypto';
import type { ItemKind, OpenItem, StateStore } from './types.js';

/*
 * The life of an open item, written once for both backends on top of `items`/`putItems`. A run
 * reports what it found (`recordFindings`): new findings open items, findings that are gone close
 * theirs (the data no longer produces them), and a finding that comes back reopens its item with
 * the same id. A person's decision (`decideItems`) waits in the item until a run carries it out
 * (`markApplied`); standing decisions (ignore, skip) keep the item dismissed instead.
 */

/** Something a run found that a person may have to settle. */
export interface Finding {
  readonly kind: Exclude<ItemKind, 'link' | 'unlink'>;
  readonly externalId: string;
  /** A conflict's canonical field; empty or absent for the other kinds. */
  readonly field?: string | undefined;
  readonly detail: Readonly<Record<string, unknown>>;
}

const PREFIX: Readonly<Record<ItemKind, string>> = { conflict: 'c', review: 'r', invalid: 'i', failed: 'f', link: 'l', unlink: 'u' };

/** The stable id of an item: the same pair, kind, record and field give the same id on every run and machine. */
export function itemId(pair: string, kind: ItemKind, externalId: string, field = ''): string {
  const hash = createHash('sha256').update(JSON.stringify([pair, kind, externalId, field])).digest('hex');
  return `${PREFIX[kind]}-${hash.slice(0, 8)}`;
}

/** Kinds a run finds (and so may close); links and unlinks by hand close when carried out. */
const FOUND_KINDS: readonly ItemKind[] = ['conflict', 'review', 'invalid', 'failed'];

/**
 * Brings a pair's items in line with what a complete run found. Returns the ids opened (new or
 * back again) and closed. Call it only for a run that planned every record (not a stopped one).
 */
export function recordFindings(store: StateStore, input: { pair: string; runId: string; findings: readonly Finding[]; now: number }): { opened: string[]; closed: string[] } {
  const { pair, runId, now } = input;
  return store.transaction(() => {
    const existing = new Map(store.items({ pair }).map((item) => [item.id, item]));
    const seen = new Set<string>();
    const changed: OpenItem[] = [];
    const opened: string[] = [];
    const closed: string[] = [];
    for (const finding of input.findings) {
      const field = finding.field ?? '';
      const id = itemId(pair, finding.kind, finding.externalId, field);
      if (seen.has(id)) continue;
      seen.add(id);
      const item = existing.get(id);
      if (item === undefined || item.state === 'resolved' || (item.state === 'dismissed' && item.decision?.action !== 'ignore')) {
        // New, back after it was settled, or a record skipped "until its source changes" that changed.
        changed.push({
          id, pair, kind: finding.kind, externalId: finding.externalId, field, state: 'open', detail: finding.detail,
          decision: undefined, decidedBy: undefined, decidedAt: undefined, appliedRun: undefined, openedRun: runId, openedAt: now, closedAt: undefined, updatedAt: now,
        });
        opened.push(id);
      } else if (JSON.stringify(item.detail) !== JSON.stringify(finding.detail)) {
        // Found again with new values: the newest detail. Found again as it was: nothing to write (a
        // pair with 788 standing conflicts rewrote them all on every run: 2.4 CPU-s at 100,000 clients).
        changed.push({ ...item, detail: finding.detail, updatedAt: now });
      }
    }
    for (const item of existing.values()) {
      if (item.state !== 'open' || seen.has(item.id) || !FOUND_KINDS.includes(item.kind)) continue;
      changed.push({ ...item, state: 'resolved', closedAt: now, updatedAt: now });
      closed.push(item.id);
    }
    store.putItems(changed);
    return { opened, closed };
  });
}

/** What a person decided, as stored in an item (see src/sync/decisions.ts for what each means). */
export type Decision =
  | { readonly action: 'take'; readonly side: 'from' | 'to' }
  | { readonly action: 'value'; readonly value: unknown }
  | { readonly action: 'accept'; readonly candidate: string }
  | { readonly action: 'reject' }
  | { readonly action: 'ignore' }
  | { readonly action: 'skip' }
  | { readonly action: 'retry' }
  | { readonly action: 'link'; readonly from: string; readonly to: string }
  | { readonly action: 'unlink' };

/** Standing decisions keep their item dismissed; the others wait, open, for the next run. */
export function isStanding(decision: Decision): boolean {
  return decision.action === 'ignore' || decision.action === 'skip';
}

/** Records a decision on items; a later decision replaces an earlier one that no run carried out yet. */
export function decideItems(store: StateStore, items: readonly OpenItem[], decision: Decision, by: string, now: number): OpenItem[] {
  const decided = items.map((item): OpenItem => ({
    ...item, state: isStanding(decision) ? 'dismissed' : 'open', decision: { ...decision }, decidedBy: by, decidedAt: now, appliedRun: undefined, closedAt: isStanding(decision) ? now : undefined, updatedAt: now,
  }));
  store.putItems(decided);
  return decided;
}

/** Takes a standing decision back (un-ignore): the item is open again, for the next run to find or close. */
export function reopenItems(store: StateStore, items: readonly OpenItem[], now: number): OpenItem[] {
  const reopened = items.map((item): OpenItem => ({ ...item, state: 'open', decision: undefined, decidedBy: undefined, decidedAt: undefined, appliedRun: undefined, closedAt: undefined, updatedAt: now }));
  store.putItems(reopened);
  return reopened;
}

/** A link or unlink made by hand: an item that only holds the decision until a run carries it out. */
export function handItem(pair: string, kind: 'link' | 'unlink', key: string, detail: Readonly<Record<string, unknown>>, now: number): OpenItem {
  return {
    id: itemId(pair, kind, key), pair, kind, externalId: key, field: '', state: 'open', detail, decision: undefined, decidedBy: undefined, decidedAt: undefined,
    appliedRun: undefined, openedRun: undefined, openedAt: now, closedAt: undefined, updatedAt: now,
  };
}

/** Decisions a run carried out: closed, with the run that did it. */
export function markApplied(store: StateStore, items: readonly OpenItem[], runId: string, now: number): void {
  store.putItems(items.map((item) => ({ ...item, state: isStanding(item.decision as Decision) ? item.state : 'resolved', appliedRun: runId, closedAt: now, updatedAt: now })));
}

/** The decisions waiting for a run (and the standing ones) of a pair. */
export function decidedItems(store: StateStore, pair: string): OpenItem[] {
  return store.items({ pair, states: ['open', 'dismissed'] }).filter((item) => item.decision !== undefined && (item.appliedRun === undefined || item.state === 'dismissed'));
}
