import { parseBody } from '../body-parser.js';
import type { JsonRecord, Reply, SimRequest } from '../reply.js';
import { fromXmlTree } from '../xml-codec.js';
import { EF_XML_ITEMS } from './client-fields.js';
import { efSyntaxError } from './ef-replies.js';

/**
 * Reads an EF write body (JSON, XML or form encoding, VENDORS.md §1.2) to a flat object; an XML
 * body's root element (`<client>`) is unwrapped. Unreadable bodies get EF's HTTP-200 error.
 */
export function readEfBody(request: SimRequest): { readonly body: JsonRecord } | { readonly reply: Reply } {
  const parsed = parseBody(request.rawBody, request.headers['content-type']);
  switch (parsed.kind) {
    case 'none':
      return { body: {} };
    case 'malformed-utf8':
      return { reply: efSyntaxError('Malformed UTF-8 characters, possibly incorrectly encoded') };
    case 'syntax':
      return { reply: efSyntaxError('Syntax error') };
    case 'ok': {
      let value = parsed.value;
      if (parsed.format === 'xml' && isObject(value)) {
        const keys = Object.keys(value);
        const root = keys.length === 1 ? value[keys[0] ?? ''] : value;
        value = fromXmlTree(root === '' ? {} : root, EF_XML_ITEMS);
      }
      return isObject(value) ? { body: value } : { reply: efSyntaxError('Syntax error') };
    }
  }
}

function isObject(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
