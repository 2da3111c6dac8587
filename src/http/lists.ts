/**
 * Vendor lists in every shape they arrive in, made plain arrays: a JSON array; an XML wrapper
 * `{ contact: [...] }`; Billomat's single object for a one-item list and its absent key or `""`
 * for an empty one (VENDORS.md §3.2).
 */
export function toList(value: unknown, element?: string): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (isRecord(value) && element !== undefined && element in value) return toList(value[element]);
  return [value];
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Returns a copy of a raw record whose list fields (`contacts` → `contact` …) are plain arrays, so a
 * JSON and an XML answer give the same record. A field the record does not carry stays absent.
 */
export function normalizeListFields(record: Record<string, unknown>, listElements: ReadonlyMap<string, string | undefined>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [field, element] of listElements) {
    if (!(field in record)) continue;
    const value = record[field];
    if (Array.isArray(value)) continue;
    out ??= { ...record };
    out[field] = toList(value, element);
  }
  return out ?? record;
}

/** `parent.child` XML list pairs for a record's list fields, under each root the record appears in. */
export function xmlListPathsOf(listElements: ReadonlyMap<string, string | undefined>, extra: readonly string[]): Set<string> {
  const paths = new Set(extra);
  for (const [field, element] of listElements) if (element !== undefined) paths.add(`${field}.${element}`);
  return paths;
}
