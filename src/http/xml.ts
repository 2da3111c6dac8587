import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML answers parsed to the vendor's JSON shape. All three vendors answer XML by default
 * (VENDORS.md §1.2, §2.2, §3.2), so an error page or a server that ignores `Accept` still reads.
 *
 * - `parseTagValue: false`: every leaf stays a string, so `0470123456` and postal code `01234`
 *   survive (STYLE.md, environment traps).
 * - a document with a DOCTYPE is refused: no vendor answer carries one, and its entities would
 *   either blow up (billion laughs), reach for files (`SYSTEM "file:///…"`) or, left unexpanded,
 *   turn into data (a client named `&lol9;`). `processEntities: false` stays as a second guard;
 *   only the five predefined XML entities and numeric references are decoded, in one pass, by
 *   `decodeXmlEntities`.
 * - list paths are forced to arrays, so one `<contact>` reads like many.
 * - attributes on a leaf (`<id type="integer">1</id>`) are dropped, as in the JSON form;
 *   attributes on a container (`<clients page="1" total="3">`) become `@page`, `@total`, which is
 *   exactly how Billomat's JSON spells them.
 */
export interface XmlReadOptions {
  /** `parent.child` element pairs that are lists (`clients.client`, `contacts.contact`). */
  readonly listPaths: ReadonlySet<string>;
}

/** Whether the markup (not CDATA text, not a comment) holds a DOCTYPE, wherever the parser would read one. */
function declaresDoctype(text: string): boolean {
  if (!/<!DOCTYPE/i.test(text)) return false;
  return /<!DOCTYPE/i.test(text.replace(/<!\[CDATA\[[^]*?\]\]>/g, '').replace(/<!--[^]*?-->/g, ''));
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and `&#…;` references; leaves anything else as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name.toLowerCase()] ?? whole;
  });
}

function lastTwo(jpath: string): string {
  const parts = jpath.split('.');
  return parts.slice(-2).join('.');
}

/** Leaves become strings; containers keep their children and `@attributes`. */
function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplify);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node);
  const isLeaf = entries.every(([key]) => key.startsWith('@') || key === '#text' || key === '#cdata');
  if (isLeaf) return textOf(node);
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    // Whitespace between child elements (pretty-printed XML) is not data.
    if (key === '#text' && typeof value === 'string' && value.trim() === '') continue;
    out[key] = simplify(value);
  }
  return out;
}

function textOf(node: object): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key !== '#text' && key !== '#cdata') continue;
    for (const piece of Array.isArray(value) ? value : [value]) {
      if (typeof piece === 'string' || typeof piece === 'number') parts.push(String(piece));
    }
  }
  return parts.join('');
}

/** A reader for one vendor's XML; throws `XmlSyntaxError` when the text is not well-formed XML. */
export function createXmlReader(options: XmlReadOptions): (text: string) => unknown {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: false,
    cdataPropName: '#cdata',
    tagValueProcessor: (_name, value) => decodeXmlEntities(value),
    attributeValueProcessor: (_name, value) => decodeXmlEntities(value),
    isArray: (_name, jpath, _isLeaf, isAttribute) => !isAttribute && options.listPaths.has(lastTwo(String(jpath))),
  });
  return (text) => {
    if (declaresDoctype(text)) throw new XmlSyntaxError('a DOCTYPE declaration, which no vendor answer carries (refused; its entities are never read)');
    // A truncated answer must fail, not read as a shorter list; the parser alone is lenient. The
    // successor package (fast-xml-validator) is not a dependency of this project.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new XmlSyntaxError(`${valid.err.code} at line ${valid.err.line}`);
    let parsed: unknown;
    try {
      parsed = parser.parse(text);
    } catch (error) {
      // The parser throws plain Errors on what the validator lets through; callers tell bad XML by class.
      throw new XmlSyntaxError(error instanceof Error ? error.message : 'not readable');
    }
    return simplify(parsed);
  };
}

/** The body claimed or looked to be XML but is not well-formed. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

/**
 * The content of an XML document's single root element (`<client>…</client>` → the client), for
 * vendors whose JSON has no such wrapper (EenvoudigFactureren). Undefined when there is no single root.
 */
export function xmlRootContent(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const entries = Object.entries(data);
  return entries.length === 1 ? entries[0]?.[1] : undefined;
}
