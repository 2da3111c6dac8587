import { XMLParser } from 'fast-xml-parser';
import type { JsonRecord } from './reply.js';

/**
 * XML as the vendors write it. The element tree is the vendor's JSON shape with `@`-prefixed keys
 * as attributes (Billomat's `<clients page="1" per_page="100" total="3">`, VENDORS.md §3.2); lists
 * that are bare JSON arrays (EF `contacts`, `custom_values`) become a wrapper element holding one
 * item element per entry, as in the XML example of seed 001.
 */
// parseTagValue: false keeps "0470123456" a string (STYLE.md, environment traps).
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true, ignorePiTags: true, trimValues: true });

/** Item element names of list fields: `{ contacts: 'contact' }`. */
export type XmlItemNames = Readonly<Record<string, string>>;

/** Serialises an element tree (its single top-level key is the root element) to an XML document. */
export function toXmlDocument(tree: JsonRecord): string {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  for (const [name, value] of Object.entries(tree)) writeElement(parts, name, value);
  return parts.join('');
}

// A small writer of our own: fast-xml-parser's XMLBuilder is deprecated in favour of a package
// we do not depend on, and listing 100,000 clients as XML should not build an intermediate tree.
function writeElement(parts: string[], name: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) writeElement(parts, name, item);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    parts.push(`<${name}`);
    const children: [string, unknown][] = [];
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('@')) parts.push(` ${key.slice(1)}="${escapeXml(scalar(child)).replace(/"/g, '&quot;')}"`);
      else children.push([key, child]);
    }
    parts.push('>');
    for (const [key, child] of children) writeElement(parts, key, child);
    parts.push(`</${name}>`);
    return;
  }
  parts.push(`<${name}>${escapeXml(scalar(value))}</${name}>`);
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Turns JSON arrays under the given keys into wrapper elements: `contacts: [a]` → `contacts: { contact: [a] }`. */
export function toXmlTree(value: unknown, items: XmlItemNames): unknown {
  if (Array.isArray(value)) return value.map((entry) => toXmlTree(entry, items));
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonRecord = {};
  for (const [key, child] of Object.entries(value)) {
    const item = items[key];
    if (item !== undefined && Array.isArray(child)) out[key] = child.length === 0 ? '' : { [item]: toXmlTree(child, items) };
    else out[key] = toXmlTree(child, items);
  }
  return out;
}

/** The inverse of toXmlTree for parsed request bodies: `contacts: { contact: a }` → `contacts: [a]`. */
export function fromXmlTree(value: unknown, items: XmlItemNames): unknown {
  if (Array.isArray(value)) return value.map((entry) => fromXmlTree(entry, items));
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonRecord = {};
  for (const [key, child] of Object.entries(value)) {
    const item = items[key];
    if (item === undefined) out[key] = fromXmlTree(child, items);
    else if (child === '') out[key] = [];
    else if (typeof child === 'object' && child !== null && !Array.isArray(child) && item in child) {
      const entries: unknown = (child as JsonRecord)[item];
      out[key] = (Array.isArray(entries) ? entries : [entries]).map((entry) => fromXmlTree(entry, items));
    } else out[key] = fromXmlTree(child, items);
  }
  return out;
}

/** Parses an XML document to a tree of strings; throws on malformed XML. */
export function parseXmlDocument(text: string): JsonRecord {
  const result: unknown = parser.parse(text);
  if (typeof result !== 'object' || result === null || Array.isArray(result) || Object.keys(result).length === 0) throw new Error('not an XML document');
  return result as JsonRecord;
}
