/** Small helpers for dotted paths in plain JSON-like objects. */

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `a.b.c`; a key that exists with a dot in its name is found too. */
export function getPath(source: unknown, path: string): unknown {
  if (!isPlainObject(source)) return undefined;
  if (path in source) return source[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  return getPath(source[path.slice(0, dot)], path.slice(dot + 1));
}

/** Writes `a.b.c`, creating objects on the way. */
export function setPath(target: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (isPlainObject(next)) node = next;
    else {
      const created: JsonObject = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys.at(-1) ?? path] = value;
}

/** Vendors say "nothing" as undefined, null or an empty (or blank) string. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Structural equality for JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  const ka = Object.keys(a as JsonObject).filter((k) => (a as JsonObject)[k] !== undefined);
  const kb = Object.keys(b as JsonObject).filter((k) => (b as JsonObject)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as JsonObject)[k], (b as JsonObject)[k]));
}

/** Joins path segments, skipping empty ones. */
export function joinPath(...parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join('.');
}
