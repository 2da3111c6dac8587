import type { RawRecord } from '../mapping/record-codec.js';
import { isRecord } from './lists.js';

/**
 * Nested items written through their own calls (EenvoudigFactureren contacts by `contact_id`,
 * Billomat contacts by `id`): which desired items update which existing ones, which are new, and
 * which existing ones are gone. The engine hands over items without vendor ids (the canonical
 * contact has none), so items are paired by id when one is given, then by equal content, then by a
 * key field (e-mail, name …); what is left is created or removed.
 */
export interface NestedDiff {
  /** Desired items paired with the existing item they become; `changed` when a sent value differs. */
  readonly keep: readonly { readonly id: string; readonly item: RawRecord; readonly changed: boolean }[];
  readonly create: readonly RawRecord[];
  /** Ids of existing items no desired item pairs with. */
  readonly remove: readonly string[];
}

export interface DiffNestedOptions {
  readonly idField: string;
  /** Tried in order to pair items whose content differs. */
  readonly keyFields: readonly string[];
}

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/** Every value the desired item sends equals the existing item's (vendors answer strings: `0` equals `"0"`). */
export function sendsNoChange(desired: RawRecord, existing: RawRecord, idField: string): boolean {
  return Object.entries(desired).every(([key, value]) => key === idField || text(value) === text(existing[key]));
}

export function diffNested(desired: readonly RawRecord[], existing: readonly unknown[], options: DiffNestedOptions): NestedDiff {
  const { idField } = options;
  const open = new Map<string, RawRecord>();
  for (const item of existing) {
    const id = isRecord(item) ? item[idField] : undefined;
    if (isRecord(item) && (typeof id === 'string' || typeof id === 'number')) open.set(String(id), item);
  }
  const pairs = new Map<number, string>();
  const claim = (index: number, id: string): void => {
    pairs.set(index, id);
    open.delete(id);
  };
  const unpaired = (): number[] => desired.map((_, index) => index).filter((index) => !pairs.has(index));

  desired.forEach((item, index) => {
    const id = item[idField];
    if ((typeof id === 'string' || typeof id === 'number') && open.has(String(id))) claim(index, String(id));
  });
  for (const index of unpaired()) {
    const item = desired[index];
    const match = item === undefined ? undefined : [...open].find(([, current]) => sendsNoChange(item, current, idField));
    if (match !== undefined) claim(index, match[0]);
  }
  for (const field of options.keyFields) {
    for (const index of unpaired()) {
      const key = text(desired[index]?.[field]).trim().toLowerCase();
      if (key === '') continue;
      const match = [...open].find(([, current]) => text(current[field]).trim().toLowerCase() === key);
      if (match !== undefined) claim(index, match[0]);
    }
  }

  const keep: { id: string; item: RawRecord; changed: boolean }[] = [];
  const create: RawRecord[] = [];
  desired.forEach((item, index) => {
    const id = pairs.get(index);
    const current = id === undefined ? undefined : existingById(existing, idField, id);
    if (id === undefined || current === undefined) create.push(item);
    else keep.push({ id, item, changed: !sendsNoChange(item, current, idField) });
  });
  return { keep, create, remove: [...open.keys()] };
}

function existingById(existing: readonly unknown[], idField: string, id: string): RawRecord | undefined {
  for (const item of existing) {
    if (!isRecord(item)) continue;
    const value = item[idField];
    if ((typeof value === 'string' || typeof value === 'number') && String(value) === id) return item;
  }
  return undefined;
}
