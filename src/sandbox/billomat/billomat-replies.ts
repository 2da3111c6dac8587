import type { JsonCache } from '../json-cache.js';
import { dataReply, type JsonRecord, type Reply } from '../reply.js';

/**
 * Billomat's answer shapes (VENDORS.md §3.2, §3.5). A list is
 * `{"clients":{"client":[…],"@page":"1","@per_page":"100","@total":"3"}}` where `client` is an
 * object when there is exactly one and absent when there are none; the `@` keys are the XML
 * attributes of `<clients page="1" per_page="100" total="3">`, so JSON and XML share one tree.
 */
export function billomatList(list: string, item: string, items: readonly JsonRecord[], page: number, perPage: number, total: number, cache?: JsonCache): Reply {
  const body: JsonRecord = {};
  const [first] = items;
  if (items.length === 1) body[item] = first;
  else if (items.length > 1) body[item] = items;
  body['@page'] = String(page);
  body['@per_page'] = String(perPage);
  body['@total'] = String(total);
  const tree = { [list]: body };
  if (cache === undefined) return dataReply(200, tree, tree);
  const jsonBytes = (): Buffer => {
    const head = `{${JSON.stringify(list)}:{`;
    const tail = `"@page":"${String(page)}","@per_page":"${String(perPage)}","@total":"${String(total)}"}}`;
    if (first === undefined) return Buffer.from(`${head}${tail}`);
    const key = `${head}${JSON.stringify(item)}:`;
    return items.length === 1 ? Buffer.concat([Buffer.from(key), cache.bytes(first), Buffer.from(`,${tail}`)]) : cache.array(items, key, `,${tail}`);
  };
  return { status: 200, body: { kind: 'data', json: tree, xml: tree, jsonBytes } };
}

/** `{"client": {…}}`, the same tree in XML. */
export function billomatObject(status: number, key: string, value: JsonRecord): Reply {
  const tree = { [key]: value };
  return dataReply(status, tree, tree);
}

/** `{"errors":{"error":"msg"}}`, or an array of messages when there are several (VENDORS.md §3.5). */
export function billomatErrors(status: number, messages: string | readonly string[]): Reply {
  const error = typeof messages === 'string' ? messages : messages.length === 1 ? (messages[0] ?? '') : [...messages];
  const tree = { errors: { error } };
  return dataReply(status, tree, tree);
}

/** Reads `page` and `per_page` (default 100, at most `maxPerPage`; VENDORS.md §3.3). */
export function readPaging(query: URLSearchParams, maxPerPage: number): { page: number; perPage: number } {
  const perPage = Math.min(maxPerPage, Math.max(1, Number.parseInt(query.get('per_page') ?? '', 10) || 100));
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '', 10) || 1);
  return { page, perPage };
}
