import type { JsonCache } from '../json-cache.js';
import { dataReply, textReply, type JsonRecord, type Reply } from '../reply.js';
import { toXmlTree } from '../xml-codec.js';
import { FS_XML_ITEMS } from './client-fields.js';

/**
 * FactuurSturen's answer shapes (VENDORS.md §2.2): a list is a bare array, a single client is
 * wrapped `{"client": {…}}`; errors are plain text or JSON (quirk `errorFormat`, wire-decisions.md).
 */
export function fsList(items: readonly JsonRecord[], list: keyof typeof FS_XML_ITEMS = 'clients', cache?: JsonCache): Reply {
  const xml = (): JsonRecord => ({ [list]: items.length === 0 ? '' : { [FS_XML_ITEMS[list]]: toXmlTree(items, FS_XML_ITEMS) } });
  return cache === undefined ? dataReply(200, items, xml) : { status: 200, body: { kind: 'data', json: items, xml, jsonBytes: () => cache.array(items) } };
}

/** A single client, wrapped: `{"client": {…}}` (VENDORS.md §2.2). */
export function fsClient(client: JsonRecord): Reply {
  return dataReply(200, { client }, { client });
}

/** An error in the configured format (quirk `errorFormat`). */
export function fsError(status: number, message: string, format: 'text' | 'json'): Reply {
  return format === 'text' ? textReply(status, message) : dataReply(status, { error: { message, code: status } }, { error: { message, code: status } });
}
