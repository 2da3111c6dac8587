import { createHash } from 'node:crypto';
import type { Customer } from '../canonical/customer.js';
import type { Mapping } from '../mapping/mapping.js';
import { getPath, isPlainObject, jsonEqual, setPath, type JsonObject } from '../mapping/_paths.js';

/**
 * The canonical fields a pair compares and writes, and the flat "projection" of a record onto them.
 * Projections are what snapshots store, what fingerprints hash, and what the planner diffs.
 */
export interface FieldSet {
  /** Leaf paths (`billingAddress.city`, `extensions.billomat.price_group`). */
  readonly scalars: readonly string[];
  /** Lists compared as a whole (`contacts`), with the item fields that count. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
}

/** A record reduced to a field set: `{ 'billingAddress.city': 'Gent', contacts: [{ name: 'Jan' }] }`. */
export type Projection = Readonly<Record<string, unknown>>;

export interface FieldSetOptions {
  /** Canonical paths (or prefixes) the pair leaves alone. */
  readonly exclude?: readonly string[] | undefined;
  readonly contacts: boolean;
  readonly customValues: boolean;
  /** Leave out fields the target only writes on create. */
  readonly updatesOnly?: boolean | undefined;
}

const LIST_OPTION: Readonly<Record<string, keyof Pick<FieldSetOptions, 'contacts' | 'customValues'>>> = { contacts: 'contacts', customValues: 'customValues' };

/** Whether a pair leaves `path` alone (its `exclude` list names it or a prefix of it). */
export function excluded(path: string, exclude: readonly string[] | undefined): boolean {
  return exclude?.some((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`)) ?? false;
}

/**
 * The fields that travel from `source` to `target`: read by the source, written by the target.
 * The external id is not among them (it moves as a marker, never as a field update), and neither are
 * read-only facts. Vendor-only fields travel only between accounts of the same vendor.
 */
export function fieldSetBetween(source: Mapping, target: Mapping, options: FieldSetOptions): FieldSet {
  const scalars: string[] = [];
  const lists = new Map<string, string[]>();
  for (const [path, field] of source.fields) {
    if (!field.reads || path === 'externalClientId' || path.startsWith('facts.') || excluded(path, options.exclude)) continue;
    const written = target.fields.get(path);
    if (written === undefined || !written.writes || (options.updatesOnly === true && written.createOnly)) continue;
    const bracket = path.indexOf('[]');
    if (bracket < 0) {
      scalars.push(path);
      continue;
    }
    const list = path.slice(0, bracket);
    const option = LIST_OPTION[list];
    if (option === undefined || !options[option]) continue;
    lists.set(list, [...(lists.get(list) ?? []), path.slice(bracket + 3)]);
  }
  return { scalars, lists };
}

/** Fields in both sets (two-way pairs compare what travels both ways). */
export function intersectFieldSets(a: FieldSet, b: FieldSet): FieldSet {
  const scalars = a.scalars.filter((path) => b.scalars.includes(path));
  const lists = new Map<string, readonly string[]>();
  for (const [list, items] of a.lists) {
    const other = b.lists.get(list);
    if (other === undefined) continue;
    const common = items.filter((item) => other.includes(item));
    if (common.length > 0) lists.set(list, common);
  }
  return { scalars, lists };
}

function readScalar(customer: Customer, path: string): unknown {
  if (path.startsWith('extensions.')) {
    const [, vendor = '', ...rest] = path.split('.');
    const extensions = customer.extensions as Record<string, Record<string, unknown> | undefined> | undefined;
    return extensions?.[vendor]?.[rest.join('.')];
  }
  return getPath(customer, path);
}

function writeScalar(target: JsonObject, path: string, value: unknown): void {
  if (path.startsWith('extensions.')) {
    const [, vendor = '', ...rest] = path.split('.');
    const extensions = (target.extensions ??= {}) as Record<string, Record<string, unknown>>;
    (extensions[vendor] ??= {})[rest.join('.')] = value;
    return;
  }
  setPath(target, path, value);
}

/** Reduces a record to a field set. Absent values are left out; empty lists too. */
export function project(customer: Customer, fields: FieldSet): Projection {
  const out: Record<string, unknown> = {};
  for (const path of fields.scalars) {
    const value = readScalar(customer, path);
    if (value !== undefined) out[path] = value;
  }
  for (const [list, items] of fields.lists) {
    const value = (customer as Record<string, unknown>)[list];
    if (!Array.isArray(value)) continue;
    const projected = value.flatMap((item: unknown) => {
      if (!isPlainObject(item)) return [];
      const kept: JsonObject = {};
      for (const sub of items) {
        const v = getPath(item, sub);
        if (v !== undefined) setPath(kept, sub, v);
      }
      return Object.keys(kept).length === 0 ? [] : [kept];
    });
    if (projected.length > 0) out[list] = projected;
  }
  return out;
}

/** The keys of a field set as they appear in projections. */
export function fieldKeys(fields: FieldSet): string[] {
  return [...fields.scalars, ...fields.lists.keys()];
}

/** Keys whose values differ between two projections (absent on one side counts as a difference). */
export function changedKeys(before: Projection, after: Projection, keys: readonly string[]): string[] {
  return keys.filter((key) => !jsonEqual(before[key], after[key]));
}

/**
 * Copies the given keys from `from` into a copy of `into`: the record a side should hold after a sync.
 * A key absent in `from` is removed from the result (the field was cleared).
 */
export function withValues(into: Customer, from: Customer, keys: readonly string[], fields: FieldSet): Customer {
  const out = copyJson(into) as JsonObject;
  for (const key of keys) {
    if (fields.lists.has(key)) {
      const value = (from as Record<string, unknown>)[key];
      if (value === undefined) delete out[key];
      else out[key] = copyJson(value);
      continue;
    }
    const value = readScalar(from, key);
    if (value === undefined) removeScalar(out, key);
    else writeScalar(out, key, copyJson(value));
  }
  return out;
}

/**
 * A record holding just the values of a projection (the inverse of `project` for its keys), so that
 * `withValues` can copy them into another record: what undo writes back.
 */
export function fromProjection(values: Projection, fields: FieldSet): Customer {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (fields.lists.has(key)) out[key] = copyJson(value);
    else writeScalar(out, key, copyJson(value));
  }
  return out;
}

/**
 * A deep copy of canonical (JSON) data that shares its strings, which cannot change anyway:
 * structuredClone copied every string of every record a plan writes (0.8 kB a create) and was the
 * slowest part of `withValues`. Anything but plain objects and arrays still goes through it.
 */
function copyJson(value: unknown): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return structuredClone(value); // throws, as before
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson);
  if (!isPlainObject(value) || Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const keys = Object.keys(value);
  // An own `__proto__` key would set the copy's prototype instead of a property.
  if (keys.includes('__proto__')) return structuredClone(value);
  const out: JsonObject = {};
  for (const key of keys) out[key] = copyJson(value[key]);
  return out;
}

function removeScalar(target: JsonObject, path: string): void {
  if (path.startsWith('extensions.')) {
    const [, vendor = '', ...rest] = path.split('.');
    const extensions = target.extensions as Record<string, Record<string, unknown> | undefined> | undefined;
    const bag = extensions?.[vendor];
    if (bag !== undefined) delete bag[rest.join('.')];
    return;
  }
  const keys = path.split('.');
  const parents: JsonObject[] = [];
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(node)) return;
    parents.push(node);
    node = node[key];
  }
  if (!isPlainObject(node)) return;
  delete node[keys.at(-1) ?? path];
  // Drop objects emptied on the way up, so "no address" is absent rather than {}.
  for (let i = keys.length - 2; i >= 0; i--) {
    const parent = parents[i];
    const key = keys[i];
    if (parent === undefined || key === undefined) break;
    const child = parent[key];
    if (isPlainObject(child) && Object.keys(child).length === 0) delete parent[key];
    else break;
  }
}

/** A stable hash of a projection (key order does not matter). */
export function fingerprint(projection: Projection): string {
  return createHash('sha1').update(stableJson(projection)).digest('base64url');
}

export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
