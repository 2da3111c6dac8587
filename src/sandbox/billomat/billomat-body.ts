import { parseBody } from '../body-parser.js';
import type { JsonRecord, Reply, SimRequest } from '../reply.js';
import { billomatErrors } from './billomat-replies.js';

/**
 * Reads a wrapped Billomat write body, `{"client": {…}}` or `<client>…</client>` (VENDORS.md §3.2),
 * and returns the inner object.
 */
export function readBillomatBody(request: SimRequest, wrapper: string): { readonly body: JsonRecord } | { readonly reply: Reply } {
  const parsed = parseBody(request.rawBody, request.headers['content-type']);
  if (parsed.kind === 'none') return { reply: billomatErrors(400, `Missing ${wrapper} element`) };
  if (parsed.kind === 'malformed-utf8') return { reply: billomatErrors(400, 'Request body is not valid UTF-8') };
  if (parsed.kind === 'syntax') return { reply: billomatErrors(400, 'Request body could not be parsed') };
  const outer = parsed.value;
  const inner = typeof outer === 'object' && outer !== null && !Array.isArray(outer) ? (outer as JsonRecord)[wrapper] : undefined;
  if (inner === '') return { body: {} };
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return { reply: billomatErrors(400, `Missing ${wrapper} element`) };
  return { body: inner as JsonRecord };
}
