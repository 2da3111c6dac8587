import type { VendorId } from '../vendors/ids.js';
import type { CompiledRule } from './compile.js';
import type { Reference } from './schema.js';

/* Helpers shared by the record decoder and encoder. */

export const partsOf = (reference: Reference): [string, string][] =>
  typeof reference === 'string' ? [['', reference]] : Object.entries(reference);

/** Turns a vendor value into something safe to keep in `extensions` (JSON only). */
export function toJson(value: unknown): unknown {
  // Strings and booleans are JSON as they are: most values are, and a copy through text cost as much
  // as the rest of their decoding.
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The vendor field(s) of a rule, as written in messages (`delivery_address.country_code+delivery_address.country`). */
export function vendorLabel(rule: CompiledRule, prefix: string): string {
  return partsOf(rule.vendor).map(([, name]) => (prefix === '' ? name : `${prefix}.${name}`)).join('+');
}

/** `canonical path (vendor vendor field)`, with list items numbered (`contacts[1].name`). */
export function fieldLabel(vendor: VendorId, rule: CompiledRule, listIndex: number | undefined, vendorPrefix: string): string {
  // A rule over several canonical fields is named by its first (`name` for EF's name-or-person).
  const first = rule.object === undefined && rule.list === undefined ? rule.canonicalPaths.slice(0, 1) : rule.canonicalPaths;
  const canonical = first.map((p) => (listIndex === undefined ? p : p.replace('[]', `[${listIndex}]`))).join('+');
  return `${canonical || `extensions.${vendor}`} (${vendor} ${vendorLabel(rule, vendorPrefix)})`;
}

/** A full canonical path, relative to the list item it belongs to (when inside one). */
export function relativeTo(path: string, itemPrefix: string | undefined): string {
  return itemPrefix !== undefined && path.startsWith(itemPrefix) ? path.slice(itemPrefix.length) : path;
}
