/** Small helpers for dotted paths in plain JSON-like objects. */

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A dotted path cut into its keys, and what is left of it from each key on (`a.b.c`: `a.b.c`, `b.c`,
 * `c`). Paths come from mappings and the canonical fields, a few hundred in all, read and written for
 * every field of every record: cutting them afresh each time made getPath and setPath a quarter of the
 * CPU of decoding and planning 100,000 clients, most of it hashing the new key strings. The memo only
 * ever holds what `split` would return, so it cannot change a result; it starts over past its limit.
 */
interface PathParts {
  readonly keys: readonly string[];
  readonly rests: readonly string[];
}
const PATH_MEMO_LIMIT = 10_000;
const pathMemo = new Map<string, PathParts>();
function partsOfPath(path: string): PathParts {
  let parts = pathMemo.get(path);
  if (parts === undefined) {
    const keys = path.split('.');
    parts = { keys, rests: keys.map((_, i) => keys.slice(i).join('.')) };
    if (pathMemo.size >= PATH_MEMO_LIMIT) pathMemo.clear();
    pathMemo.set(path, parts);
  }
  return parts;
}

/** Reads `a.b.c`; a key that exists with a dot in its name is found too. */
export function getPath(source: unknown, path: string): unknown {
  const { keys, rests } = partsOfPath(path);
  let node = source;
  for (let i = 0; i < keys.length; i++) {
    if (!isPlainObject(node)) return undefined;
    const rest = rests[i] as string;
    if (rest in node) return node[rest];
    if (i === keys.length - 1) return undefined;
    node = node[keys[i] as string];
  }
  return undefined;
}

/** Writes `a.b.c`, creating objects on the way. */
export function setPath(target: JsonObject, path: string, value: unknown): void {
  const { keys } = partsOfPath(path);
  let node = target;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const key = keys[i] as string;
    const next = node[key];
    if (isPlainObject(next)) node = next;
    else {
      const created: JsonObject = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[last] ?? path] = value;
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
