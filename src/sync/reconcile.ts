import { emailMatchKey } from '../canonical/email.js';
import { vatMatchKey } from '../canonical/vat.js';
import { NO_DECISIONS, type PairingResult, type PlanDecisions } from './decisions.js';
import type { SideRecord } from './side-records.js';
import type { PairSettings, ReviewEntry } from './types.js';

/**
 * Reconciliation: which record on one side is which record on the other. Records meet by external
 * id (the vendor's slot, else a link in the state store); on a first sync into an account that
 * already holds clients, unlinked records are matched by VAT number, e-mail, or name + postal code.
 * An ambiguous match goes to the review list, never to an automatic create. The same external id on
 * two records of one account is a conflict, reported by name, never merged.
 */

export interface Match {
  readonly externalId: string;
  readonly from: SideRecord | undefined;
  readonly to: SideRecord | undefined;
  /** Linked in this run by content (candidate match), with the keys that matched. */
  readonly adopted?: readonly string[] | undefined;
  /** Held back: ambiguous candidates are in the review list. */
  readonly inReview?: boolean | undefined;
  /** Linked by a person's decision (an accepted candidate, a link by hand): the item id. */
  readonly byHand?: string | undefined;
}

export interface DuplicateConflict {
  readonly externalId: string;
  readonly connection: string;
  readonly records: readonly SideRecord[];
}

export interface Reconciliation {
  readonly matches: readonly Match[];
  readonly duplicates: readonly DuplicateConflict[];
  readonly review: readonly ReviewEntry[];
  /** What became of each pairing a person decided (accepted candidates, links by hand). */
  readonly pairings: readonly PairingResult[];
}

export interface ReconcileInput {
  readonly from: readonly SideRecord[];
  readonly to: readonly SideRecord[];
  readonly settings: PairSettings;
  /** Whether an external id was ever linked on a connection (so a missing record was deleted, not new). */
  readonly isLinked: (connection: string, externalId: string) => boolean;
  readonly fromConnection: string;
  readonly toConnection: string;
  /** A person's decisions (read from the state store before planning). */
  readonly decisions?: PlanDecisions | undefined;
}

function byExternalId(records: readonly SideRecord[], connection: string, duplicates: DuplicateConflict[]): Map<string, SideRecord> {
  const groups = new Map<string, SideRecord[]>();
  for (const record of records) groups.set(record.externalId, [...(groups.get(record.externalId) ?? []), record]);
  const out = new Map<string, SideRecord>();
  for (const [externalId, group] of groups) {
    if (group.length === 1 && group[0] !== undefined) out.set(externalId, group[0]);
    else duplicates.push({ externalId, connection, records: group });
  }
  return out;
}

/** Keys a record can be recognised by in another account, strongest first. */
export function matchKeys(record: SideRecord): { key: string; value: string }[] {
  const customer = record.customer;
  if (customer === undefined) return [];
  const keys: { key: string; value: string }[] = [];
  const vat = customer.tax?.vatNumber;
  if (vat !== undefined && vatMatchKey(vat).length >= 6) keys.push({ key: 'vat', value: vatMatchKey(vat) });
  const email = customer.channels?.email;
  if (email !== undefined && email.includes('@')) keys.push({ key: 'email', value: emailMatchKey(email) });
  const name = record.name;
  const postal = customer.billingAddress?.postalCode;
  if (name !== undefined && postal !== undefined) keys.push({ key: 'name+postalCode', value: `${normalizeName(name)}|${postal.replace(/\s+/g, '').toUpperCase()}` });
  return keys;
}

/** Lower case, no accents, no punctuation, legal forms kept (BV and NV are different companies). */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const duplicates: DuplicateConflict[] = [];
  const from = byExternalId(input.from, input.fromConnection, duplicates);
  const to = byExternalId(input.to, input.toConnection, duplicates);
  const matches = new Map<string, Match>();
  for (const [externalId, record] of from) matches.set(externalId, { externalId, from: record, to: to.get(externalId) });
  for (const [externalId, record] of to) if (!matches.has(externalId)) matches.set(externalId, { externalId, from: undefined, to: record });

  const decisions = input.decisions ?? NO_DECISIONS;
  const pairings = applyPairings(input, matches, decisions);
  const review: ReviewEntry[] = [];
  if (input.settings.matchExisting !== 'off') {
    matchCandidates(input, matches, review, decisions);
  }
  return { matches: [...matches.values()], duplicates, review, pairings };
}

/**
 * Joins the records a person said are the same client into one match under the source record's
 * external id. A record already matched to another one is left alone and the pairing says why:
 * taking it over silently would orphan its counterpart.
 */
function applyPairings(input: ReconcileInput, matches: Map<string, Match>, decisions: PlanDecisions): PairingResult[] {
  if (decisions.pairings.length === 0) return [];
  const fromByNative = new Map<string, SideRecord>();
  const toByNative = new Map<string, SideRecord>();
  for (const match of matches.values()) {
    if (match.from !== undefined) fromByNative.set(match.from.nativeId, match.from);
    if (match.to !== undefined) toByNative.set(match.to.nativeId, match.to);
  }
  return decisions.pairings.map((pairing): PairingResult => {
    const source = fromByNative.get(pairing.from);
    const target = toByNative.get(pairing.to);
    if (source === undefined) return { item: pairing.item, problem: `no client ${pairing.from} in ${input.fromConnection}` };
    if (target === undefined) return { item: pairing.item, problem: `no client ${pairing.to} in ${input.toConnection}` };
    if (source.externalId === target.externalId) return { item: pairing.item, externalId: source.externalId };
    const sourceMatch = matches.get(source.externalId);
    const targetMatch = matches.get(target.externalId);
    if (sourceMatch?.to !== undefined) return { item: pairing.item, problem: `${source.label} is already linked to ${sourceMatch.to.label}: unlink it first` };
    if (targetMatch?.from !== undefined) return { item: pairing.item, problem: `${target.label} is already linked to ${targetMatch.from.label}: unlink it first` };
    matches.delete(target.externalId);
    matches.set(source.externalId, { externalId: source.externalId, from: source, to: target, adopted: ['a decision'], byHand: pairing.item });
    return { item: pairing.item, externalId: source.externalId };
  });
}

/**
 * New source records (never linked to the target) against target records nobody has claimed (no
 * marker, no link). A unique match on the strongest key both have is linked; anything else is held
 * back for review. Two-way pairs match in both directions the same way.
 */
function matchCandidates(input: ReconcileInput, matches: Map<string, Match>, review: ReviewEntry[], decisions: PlanDecisions): void {
  // A rejected source is created anew; an ignored one is not this run's business at all.
  const decided = (externalId: string): boolean => decisions.rejected.has(externalId) || decisions.ignored.has(externalId);
  const newFrom = [...matches.values()].filter((m) => m.from !== undefined && m.to === undefined && m.from.customer !== undefined && !input.isLinked(input.toConnection, m.externalId) && !decided(m.externalId));
  const unclaimedTo = [...matches.values()].filter((m) => m.to !== undefined && m.from === undefined && m.to.identity === 'derived' && m.to.customer !== undefined && !input.isLinked(input.fromConnection, m.externalId));
  if (newFrom.length === 0 || unclaimedTo.length === 0) return;

  // A record's keys are worked out once: normalising a name is the costly part, and a key that many
  // records share (a generic e-mail, a common name in one postal code) made the old per-candidate
  // recomputation and copy-on-append quadratic (10 CPU-s to reconcile 100,000 clients a side).
  // Each key comes with its index entry (`vat:BE0123456789`), made once too: a source matches every
  // target in its bucket, and a bucket can hold thousands.
  const keysOf = new Map<SideRecord, { key: string; value: string; entry: string }[]>();
  const keys = (record: SideRecord): { key: string; value: string; entry: string }[] => {
    let found = keysOf.get(record);
    if (found === undefined) {
      found = matchKeys(record).map(({ key, value }) => ({ key, value, entry: `${key}:${value}` }));
      keysOf.set(record, found);
    }
    return found;
  };
  const index = new Map<string, Match[]>();
  for (const match of unclaimedTo) {
    for (const { entry } of keys(match.to as SideRecord)) {
      const bucket = index.get(entry);
      if (bucket === undefined) index.set(entry, [match]);
      else bucket.push(match);
    }
  }

  const proposals = new Map<Match, { target: Match; keys: string[] }[]>();
  const claims = new Map<Match, number>();
  for (const match of newFrom) {
    const source = match.from as SideRecord;
    const sourceKeys = keys(source);
    for (const { entry } of sourceKeys) {
      const found = index.get(entry) ?? [];
      if (found.length === 0) continue;
      const shared = new Set(sourceKeys.map((k) => k.entry));
      proposals.set(match, found.map((target) => ({ target, keys: keys(target.to as SideRecord).filter((k) => shared.has(k.entry)).map((k) => k.key) })));
      for (const target of found) claims.set(target, (claims.get(target) ?? 0) + 1);
      break; // the strongest key both records have decides
    }
  }

  for (const [match, candidates] of proposals) {
    const source = match.from as SideRecord;
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only !== undefined && claims.get(only.target) === 1 && input.settings.matchExisting === 'auto') {
      matches.delete(only.target.externalId);
      matches.set(match.externalId, { externalId: match.externalId, from: source, to: only.target.to, adopted: only.keys });
      continue;
    }
    matches.set(match.externalId, { ...match, inReview: true });
    // The target records stay untouched too: in a two-way pair they would otherwise be copied back.
    // A target many sources match is marked once, not once per source (the same copy each time).
    for (const { target } of candidates) if (matches.get(target.externalId)?.inReview !== true) matches.set(target.externalId, { ...target, inReview: true });
    review.push({
      externalId: match.externalId,
      source: { connection: source.connection, record: source.label, name: source.name },
      candidates: candidates.map(({ target, keys }) => ({ connection: (target.to as SideRecord).connection, record: (target.to as SideRecord).label, name: (target.to as SideRecord).name, matchedOn: keys })),
      reason:
        input.settings.matchExisting === 'review' ? 'matching existing records is set to review'
        : candidates.length > 1 ? `${candidates.length} records in the target match`
        : 'another new record matches the same target record',
    });
  }
}
