import type { IncomingHttpHeaders } from 'node:http';
import type { ResponseFormat } from './reply.js';

/**
 * Picks the answer format the way the vendors document it: `?format=json|xml` first, then an
 * `Accept` header naming JSON or XML, then the request's own content type ("the response format
 * follows the request format", EF api-basics, VENDORS.md §1.2), else XML, the default of all three
 * (VENDORS.md §1.2, §2.2, §3.2).
 */
export function negotiateFormat(query: URLSearchParams, headers: IncomingHttpHeaders): ResponseFormat {
  const explicit = query.get('format')?.toLowerCase();
  if (explicit === 'json' || explicit === 'xml') return explicit;
  const accept = (headers.accept ?? '').toLowerCase();
  if (accept.includes('json')) return 'json';
  if (accept.includes('xml')) return 'xml';
  if ((headers['content-type'] ?? '').toLowerCase().includes('json')) return 'json';
  return 'xml';
}
