import { parseXmlDocument } from './xml-codec.js';

/** A request body as the simulator understood it. */
export type ParsedBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly value: unknown; readonly format: 'json' | 'xml' | 'form' }
  /** The bytes are not valid UTF-8 (EF answers this one specially, VENDORS.md §1.5). */
  | { readonly kind: 'malformed-utf8' }
  | { readonly kind: 'syntax'; readonly message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a write body by its content type: JSON, XML (`application/xml`, `text/xml`) or form
 * encoding with nested keys (`reference[line1]`, VENDORS.md §2.2). A body without a content type is
 * read as JSON when it looks like JSON, else as a form.
 */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { kind: 'none' };
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { kind: 'malformed-utf8' };
  }
  const type = (contentType ?? '').toLowerCase();
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'none' };
  try {
    if (type.includes('json') || (type === '' && /^[[{]/.test(trimmed))) return { kind: 'ok', value: JSON.parse(text) as unknown, format: 'json' };
    if (type.includes('xml')) return { kind: 'ok', value: parseXmlDocument(text), format: 'xml' };
    return { kind: 'ok', value: parseForm(text), format: 'form' };
  } catch (error) {
    return { kind: 'syntax', message: error instanceof Error ? error.message : String(error) };
  }
}

/** `a=1&reference[line1]=x` → `{ a: '1', reference: { line1: 'x' } }`; all-numeric keys make arrays. */
export function parseForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const names = key.replace(/\]/g, '').split('[');
    let node = root;
    names.forEach((name, i) => {
      if (i === names.length - 1) {
        node[name] = value;
        return;
      }
      const next = node[name];
      if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        node[name] = created;
        node = created;
      }
    });
  }
  return arraysFromNumericKeys(root) as Record<string, unknown>;
}

function arraysFromNumericKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, arraysFromNumericKeys(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}
