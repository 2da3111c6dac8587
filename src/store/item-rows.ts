import type { ItemState, OpenItem } from './types.js';

/** An open item as both stores hold it: detail and decision as JSON text. */
export interface ItemRow {
  readonly id: string;
  readonly pair: string;
  readonly kind: OpenItem['kind'];
  readonly external_id: string;
  readonly field: string;
  readonly state: ItemState;
  readonly detail: string;
  readonly decision: string | null;
  readonly decided_by: string | null;
  readonly decided_at: number | null;
  readonly applied_run: string | null;
  readonly opened_run: string | null;
  readonly opened_at: number;
  readonly closed_at: number | null;
  readonly updated_at: number;
}

/** The columns in the order `itemValues` gives them. */
export const ITEM_COLUMNS = ['id', 'pair', 'kind', 'external_id', 'field', 'state', 'detail', 'decision', 'decided_by', 'decided_at', 'applied_run', 'opened_run', 'opened_at', 'closed_at', 'updated_at'] as const;

export function toItem(row: ItemRow): OpenItem {
  return {
    id: row.id, pair: row.pair, kind: row.kind, externalId: row.external_id, field: row.field, state: row.state,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    decision: row.decision === null ? undefined : (JSON.parse(row.decision) as Record<string, unknown>),
    decidedBy: row.decided_by ?? undefined, decidedAt: row.decided_at ?? undefined, appliedRun: row.applied_run ?? undefined,
    openedRun: row.opened_run ?? undefined, openedAt: row.opened_at, closedAt: row.closed_at ?? undefined, updatedAt: row.updated_at,
  };
}

/** An item's column values, in ITEM_COLUMNS order. */
export function itemValues(item: OpenItem): (string | number | null)[] {
  return [
    item.id, item.pair, item.kind, item.externalId, item.field, item.state, JSON.stringify(item.detail),
    item.decision === undefined ? null : JSON.stringify(item.decision), item.decidedBy ?? null, item.decidedAt ?? null,
    item.appliedRun ?? null, item.openedRun ?? null, item.openedAt, item.closedAt ?? null, item.updatedAt,
  ];
}

/** `INSERT … ON CONFLICT (id) DO UPDATE` in either dialect (`?` or `$n` placeholders). */
export function upsertItemSql(placeholder: (index: number) => string): string {
  const updates = ITEM_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO open_items (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map((_c, i) => placeholder(i + 1)).join(', ')}) ON CONFLICT (id) DO UPDATE SET ${updates}`;
}

/** The WHERE clause of an items query and its parameters, in either dialect. */
export function itemsWhere(query: { pair?: string | undefined; states?: readonly ItemState[] | undefined; ids?: readonly string[] | undefined }, placeholder: (index: number) => string): { where: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  const add = (values: readonly string[]): string => values.map((value) => {
    params.push(value);
    return placeholder(params.length);
  }).join(', ');
  if (query.pair !== undefined) clauses.push(`pair = ${add([query.pair])}`);
  if (query.states !== undefined) clauses.push(query.states.length === 0 ? 'FALSE' : `state IN (${add(query.states)})`);
  if (query.ids !== undefined) clauses.push(query.ids.length === 0 ? 'FALSE' : `id IN (${add(query.ids)})`);
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}
