import type { OpenItem } from '../../store/types.js';
import { formatTimestamp } from '../format.js';

/*
 * An open item as people read it, in the terminal (`client-sync review`) and in the web console:
 * what is wrong, the values side by side, and what was decided.
 */

/** One field's values at the last sync and on both sides now. */
export interface ValueView {
  readonly base: unknown;
  readonly from: unknown;
  readonly to: unknown;
}

export interface ItemView {
  readonly id: string;
  readonly pair: string;
  readonly kind: OpenItem['kind'];
  readonly state: OpenItem['state'];
  readonly externalId: string;
  readonly field?: string | undefined;
  readonly name?: string | undefined;
  readonly records: readonly string[];
  readonly values?: ValueView | undefined;
  readonly candidates: readonly { readonly record: string; readonly name?: string | undefined; readonly matchedOn: readonly string[] }[];
  readonly reason?: string | undefined;
  readonly issues: readonly { readonly field: string; readonly rule: string; readonly actual?: string | undefined }[];
  /** The decision in words, who took it and when; undefined while open. */
  readonly decision?: string | undefined;
  readonly decidedBy?: string | undefined;
  readonly decidedAt?: string | undefined;
  /** Whether a run still has to carry the decision out. */
  readonly waiting: boolean;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const obj = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/** A decision in words: "take to", "value \"Gent\"", "accept billomat:3". */
export function describeDecision(decision: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (decision === undefined) return undefined;
  switch (decision.action) {
    case 'take':
      return `take ${String(decision.side)}`;
    case 'value':
      return `value ${JSON.stringify(decision.value)}`;
    case 'accept':
      return `accept ${String(decision.candidate)}`;
    case 'link':
      return `link from:${String(decision.from)} to:${String(decision.to)}`;
    default:
      return String(decision.action);
  }
}

export function toItemView(item: OpenItem): ItemView {
  const detail = item.detail;
  const source = obj(detail.source);
  const values = detail.values === undefined ? undefined : obj(detail.values);
  const records = list(detail.records).filter((r): r is string => typeof r === 'string');
  const sourceRecord = str(source.record);
  return {
    id: item.id, pair: item.pair, kind: item.kind, state: item.state, externalId: item.externalId,
    field: item.field === '' ? undefined : item.field,
    name: str(detail.name) ?? str(source.name),
    records: records.length > 0 ? records : sourceRecord === undefined ? [] : [sourceRecord],
    values: values === undefined ? undefined : { base: values.base, from: values.from, to: values.to },
    candidates: list(detail.candidates).map((c) => ({ record: str(obj(c).record) ?? '?', name: str(obj(c).name), matchedOn: list(obj(c).matchedOn).map(String) })),
    reason: str(detail.reason) ?? str(obj(detail.error).message),
    issues: list(detail.issues).map((i) => ({ field: str(obj(i).field) ?? '?', rule: str(obj(i).rule) ?? '?', actual: str(obj(i).actual) })),
    decision: describeDecision(item.decision),
    decidedBy: item.decidedBy,
    decidedAt: item.decidedAt === undefined ? undefined : new Date(item.decidedAt).toISOString(),
    waiting: item.decision !== undefined && item.appliedRun === undefined && item.state === 'open',
  };
}

/** A value for the terminal: JSON, "(empty)" when absent. */
export function showValue(value: unknown): string {
  return value === undefined || value === null ? '(empty)' : JSON.stringify(value);
}

/** The commands a person can use on an item, by kind. */
export function commandsFor(view: ItemView): string[] {
  switch (view.kind) {
    case 'conflict':
      return [`client-sync resolve ${view.id} --take from|to`, `client-sync resolve ${view.id} --value <value>`, `client-sync ignore ${view.id}`];
    case 'review':
      return [`client-sync accept ${view.id}${view.candidates.length > 1 ? ' --candidate <record>' : ''}`, `client-sync reject ${view.id}`, `client-sync ignore ${view.id}`];
    case 'invalid':
      return [`client-sync resolve ${view.id} --skip`, `client-sync resolve ${view.id} --retry`, `client-sync ignore ${view.id}`];
    case 'failed':
      return [`client-sync resolve ${view.id} --retry`, `client-sync ignore ${view.id}`];
    default:
      return [];
  }
}

/** `client-sync review` for people. */
export function renderItems(views: readonly ItemView[]): string {
  if (views.length === 0) return 'Nothing to review: no open conflicts, candidates, invalid records or failed writes.';
  const lines: string[] = [];
  for (const view of views) {
    const about = [view.externalId, view.name === undefined ? undefined : `"${view.name}"`, view.records.join(' ↔ ')].filter((s) => s !== undefined && s !== '').join('  ');
    lines.push(`${view.id}  ${view.pair}  ${view.kind}${view.field === undefined ? '' : ` ${view.field}`}  ${about}${view.state === 'dismissed' ? '  (dismissed)' : ''}`);
    if (view.values !== undefined) lines.push(`    base ${showValue(view.values.base)}   from ${showValue(view.values.from)}   to ${showValue(view.values.to)}`);
    for (const candidate of view.candidates) lines.push(`    candidate ${candidate.record}${candidate.name === undefined ? '' : ` "${candidate.name}"`} matches on ${candidate.matchedOn.join(', ')}`);
    for (const issue of view.issues) lines.push(`    ${issue.field}: ${issue.rule}${issue.actual === undefined ? '' : ` (got ${issue.actual})`}`);
    if (view.reason !== undefined && view.kind !== 'conflict') lines.push(`    ${view.reason}`);
    if (view.decision !== undefined) {
      lines.push(`    decided: ${view.decision} by ${view.decidedBy ?? '?'} at ${view.decidedAt === undefined ? '?' : formatTimestamp(view.decidedAt)}${view.waiting ? ' (carried out by the next run)' : ''}`);
    } else {
      lines.push(...commandsFor(view).map((command) => `    ${command}`));
    }
  }
  return lines.join('\n');
}
