import type { JsonCache } from '../json-cache.js';
import { dataReply, type JsonRecord, type Reply } from '../reply.js';
import { toXmlTree } from '../xml-codec.js';
import { EF_XML_ITEMS } from './client-fields.js';

/**
 * EF's answer shapes (VENDORS.md §1.2, §1.5, §1.6): lists are bare JSON arrays without paging
 * data, single items bare objects, writes short receipts, errors `{"error": "…"}` (XML
 * `<data><error>…</error></data>`).
 */
export function efList(items: readonly JsonRecord[], list: keyof typeof EF_XML_ITEMS = 'clients', cache?: JsonCache): Reply {
  const element = EF_XML_ITEMS[list];
  const xml = (): JsonRecord => ({ [list]: items.length === 0 ? '' : { [element]: toXmlTree(items, EF_XML_ITEMS) } });
  return cache === undefined ? dataReply(200, items, xml) : { status: 200, body: { kind: 'data', json: items, xml, jsonBytes: () => cache.array(items) } };
}

/** A single item: a bare JSON object (VENDORS.md §1.2), `<client>` in XML. */
export function efObject(item: JsonRecord, element: 'client' | 'contact' = 'client'): Reply {
  return dataReply(200, item, () => ({ [element]: toXmlTree(item, EF_XML_ITEMS) }));
}

/** `{"success":"client created","client_id":"67290","uri":"…"}` and friends. */
export function efReceipt(status: number, receipt: JsonRecord): Reply {
  return dataReply(status, receipt, { data: receipt });
}

/** `{"error":"…"}`, XML `<data><error>…</error></data>` (VENDORS.md §1.5). */
export function efError(status: number, message: string): Reply {
  return dataReply(status, { error: message }, { data: { error: message } });
}

/**
 * A body EF cannot read is answered with HTTP 200 and `{"code":400,"error":"Syntax error"}`
 * (or the UTF-8 message): VENDORS.md §1.5, the Java client's comment "sc=200 in this case".
 */
export function efSyntaxError(message: 'Syntax error' | 'Malformed UTF-8 characters, possibly incorrectly encoded'): Reply {
  return dataReply(200, { code: 400, error: message }, { data: { code: 400, error: message } });
}
