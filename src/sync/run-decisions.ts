import type { Decision, Finding } from '../store/open-items.js';
import type { OpenItem } from '../store/types.js';
import type { PairingResult } from './decisions.js';
import type { PlannedAction, RecordOutcome, ReviewEntry } from './types.js';

/*
 * What a run tells the open items: what it found for a person to settle (findings), and what became
 * of each decision it was given (carried out, still waiting, not possible). Pure: the engine stores both.
 */

/** What became of one decision in a run, for its report. */
export interface DecisionOutcome {
  readonly item: string;
  readonly kind: OpenItem['kind'];
  readonly externalId: string;
  readonly field?: string | undefined;
  readonly decision: Readonly<Record<string, unknown>>;
  readonly by?: string | undefined;
  /**
   * `carried-out`: done in this run; `planned`: what a dry run would do; `waiting`: a write it needs
   * failed, tried again next run; `standing`: ignore or skip, kept until taken back; `not-possible`: see reason.
   */
  readonly status: 'carried-out' | 'planned' | 'waiting' | 'standing' | 'not-possible';
  readonly reason?: string | undefined;
}

const TROUBLE = new Set(['failed', 'not-started', 'invalid']);

/** Each decided item's outcome in a run, from the run's record outcomes and reconcile's pairings. */
export function decisionOutcomes(items: readonly OpenItem[], pairings: readonly PairingResult[], outcomes: readonly RecordOutcome[], options: { dryRun: boolean; carriedOut?: ReadonlySet<string> | undefined }): DecisionOutcome[] {
  const byRecord = new Map<string, RecordOutcome[]>();
  for (const outcome of outcomes) byRecord.set(outcome.externalId, [...(byRecord.get(outcome.externalId) ?? []), outcome]);
  const pairingOf = new Map(pairings.map((p) => [p.item, p]));
  return items.flatMap((item): DecisionOutcome[] => {
    const decision = item.decision as Decision | undefined;
    if (decision === undefined) return [];
    const base = { item: item.id, kind: item.kind, externalId: item.externalId, ...(item.field === '' ? {} : { field: item.field }), decision: item.decision ?? {}, by: item.decidedBy };
    if (decision.action === 'ignore' || decision.action === 'skip') return [{ ...base, status: 'standing' }];
    if (decision.action === 'unlink') return [{ ...base, status: options.carriedOut?.has(item.id) === true ? 'carried-out' : 'planned' }];
    let externalId = item.externalId;
    if (decision.action === 'accept' || decision.action === 'link') {
      const pairing = pairingOf.get(item.id);
      if (pairing?.problem !== undefined || pairing?.externalId === undefined) return [{ ...base, status: 'not-possible', reason: pairing?.problem ?? 'the records were not read' }];
      externalId = pairing.externalId;
    }
    const own = byRecord.get(externalId) ?? [];
    const trouble = own.find((o) => TROUBLE.has(o.status) || (o.status === 'conflict' && (item.field === '' || o.fields?.includes(item.field) === true)));
    if (trouble !== undefined) return [{ ...base, status: 'waiting', reason: trouble.error?.message ?? trouble.reason ?? trouble.status }];
    return [{ ...base, status: options.dryRun ? 'planned' : 'carried-out' }];
  });
}

/** What a run found for a person to settle: conflicts per field, review candidates, invalid records, failed writes. */
export function findingsOf(actions: readonly PlannedAction[], review: readonly ReviewEntry[], outcomes: readonly RecordOutcome[]): Finding[] {
  const findings: Finding[] = [];
  for (const action of actions) {
    const about = { records: action.records, name: action.name, connection: action.connection, reason: action.reason };
    if (action.kind === 'conflict') {
      const fields = action.fields ?? [];
      if (fields.length === 0) findings.push({ kind: 'conflict', externalId: action.externalId, detail: about });
      for (const field of fields) findings.push({ kind: 'conflict', externalId: action.externalId, field, detail: { ...about, ...(action.values?.[field] === undefined ? {} : { values: action.values[field] }) } });
    } else if (action.kind === 'invalid') {
      findings.push({ kind: 'invalid', externalId: action.externalId, detail: { ...about, issues: action.issues ?? [], sourceVersion: action.sourceVersion } });
    }
  }
  for (const entry of review) findings.push({ kind: 'review', externalId: entry.externalId, detail: { source: entry.source, candidates: entry.candidates, reason: entry.reason } });
  for (const outcome of outcomes) {
    if (outcome.status !== 'failed') continue;
    findings.push({ kind: 'failed', externalId: outcome.externalId, detail: { records: outcome.records, name: outcome.name, connection: outcome.connection, action: outcome.action, error: outcome.error } });
  }
  return findings;
}
