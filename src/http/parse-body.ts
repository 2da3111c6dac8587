import { XmlSyntaxError } from './xml.js';

/**
 * An answer body, read by what it is rather than by what it claims: vendors send XML error pages to
 * JSON requests, HTML pages from load balancers (Billomat's 502, VENDORS.md §3.5) and plain text
 * (FactuurSturen's new client number, VENDORS.md §2.6).
 */
export type ParsedBody =
  | { readonly format: 'json'; readonly data: unknown; readonly text: string }
  | { readonly format: 'xml'; readonly data: unknown; readonly text: string }
  | { readonly format: 'html'; readonly text: string }
  | { readonly format: 'text'; readonly text: string }
  | { readonly format: 'empty'; readonly text: '' }
  /** Claimed or looked like JSON or XML but does not parse. */
  | { readonly format: 'malformed'; readonly text: string; readonly reason: string };

const HTML_START = /^(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** Reads a body given its Content-Type and a vendor's XML reader. Never throws. */
export function parseBody(text: string, contentType: string | undefined, readXml: (text: string) => unknown): ParsedBody {
  const type = (contentType ?? '').toLowerCase();
  const trimmed = text.trim();
  if (trimmed === '') return { format: 'empty', text: '' };
  if (type.includes('html') || HTML_START.test(trimmed)) return { format: 'html', text };
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"');
  if (type.includes('json') || looksJson) {
    try {
      return { format: 'json', data: JSON.parse(trimmed) as unknown, text };
    } catch (error) {
      if (!trimmed.startsWith('<')) {
        // A JSON content type on a bare number or word is text (FactuurSturen's `1234`).
        if (!looksJson) return { format: 'text', text };
        return { format: 'malformed', text, reason: error instanceof Error ? error.message : 'invalid JSON' };
      }
    }
  }
  if (type.includes('xml') || trimmed.startsWith('<')) {
    try {
      return { format: 'xml', data: readXml(trimmed), text };
    } catch (error) {
      if (error instanceof XmlSyntaxError) return { format: 'malformed', text, reason: `invalid XML (${error.message})` };
      throw error;
    }
  }
  return { format: 'text', text };
}

/** The title or first heading of an HTML page, for an error message (`502 Bad Gateway`). */
export function htmlTitle(text: string): string | undefined {
  const match = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(text) ?? /<h1[^>]*>([^<]{1,200})<\/h1>/i.exec(text);
  return match?.[1]?.trim().replace(/\s+/g, ' ') || undefined;
}
