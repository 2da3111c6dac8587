import type { JsonRecord } from './reply.js';

/**
 * Records by numeric id, listed in id order. The sorted list is cached until a record is added,
 * replaced or removed, so paging through 100,000 clients does not sort on every page.
 */
export interface RecordTable {
  readonly size: number;
  get(id: string): JsonRecord | undefined;
  has(id: string): boolean;
  set(id: string, record: JsonRecord): void;
  delete(id: string): boolean;
  /** Every record in ascending id order. Do not mutate the array. */
  ordered(): readonly JsonRecord[];
  /** One more than the highest id, or `first` for an empty table. */
  nextId(first: number): string;
}

/** Creates an empty table; `idField` names the record's id property (`client_id`, `clientnr`, `id`). */
export function createRecordTable(idField: string): RecordTable {
  const records = new Map<string, JsonRecord>();
  let sorted: JsonRecord[] | undefined;
  let highest = 0;
  return {
    get size() {
      return records.size;
    },
    get: (id) => records.get(id),
    has: (id) => records.has(id),
    set(id, record) {
      // A replaced record must show in listings too, not only a new one.
      sorted = undefined;
      records.set(id, record);
      highest = Math.max(highest, Number(id) || 0);
    },
    delete(id) {
      sorted = undefined;
      return records.delete(id);
    },
    ordered() {
      sorted ??= [...records.values()].sort((a, b) => Number(a[idField]) - Number(b[idField]));
      return sorted;
    },
    nextId: (first) => String(Math.max(first, highest + 1)),
  };
}
