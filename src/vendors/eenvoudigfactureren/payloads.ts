import { z } from 'zod';
import { normalizeListFields, toList, xmlRootContent, type VendorAnswer } from '../../http/index.js';
import type { RawRecord } from '../../mapping/record-codec.js';

/**
 * Raw EenvoudigFactureren payloads, parsed loosely: a client is any object with a `client_id`;
 * every other field is kept as the vendor sent it (ids are strings, counters sometimes numbers:
 * `"invoice_count":0` next to `"quote_count":"1"`, VENDORS.md §1.2).
 */
const IdSchema = z.union([z.string().min(1), z.number()]);
export const EenvoudigFacturerenClientSchema = z.looseObject({ client_id: IdSchema });

/** `POST /clients` answers a receipt, not the client: `{"success":"client created","client_id":"67290","uri":"…"}`. */
export const CreateReceiptSchema = z.looseObject({ client_id: IdSchema });

/**
 * The list fields of a client and their XML item element. The mapping names `contacts` and
 * `custom_values`; `details` (deprecated, seed 001: `<details><detail>`) is a list too.
 */
export function clientListElements(mappingLists: ReadonlyMap<string, string | undefined>): ReadonlyMap<string, string | undefined> {
  return new Map([...mappingLists, ['details', 'detail']]);
}

/** XML list pairs: `<clients><client>` and each list field's item element. */
export const XML_ROOT_LISTS = ['clients.client'] as const;

function toClient(value: unknown, lists: ReadonlyMap<string, string | undefined>): RawRecord | undefined {
  const parsed = EenvoudigFacturerenClientSchema.safeParse(value);
  return parsed.success ? normalizeListFields(parsed.data, lists) : undefined;
}

/** `GET /clients`: JSON is a bare array; XML is `<clients><client>…</client></clients>`. */
export function readClientList(answer: VendorAnswer, lists: ReadonlyMap<string, string | undefined>): RawRecord[] | undefined {
  const { body } = answer;
  let items: unknown[];
  if (body.format === 'json' && Array.isArray(body.data)) items = body.data;
  else if (body.format === 'xml') {
    const root = xmlRootContent(body.data);
    items = toList(root, 'client');
  } else return undefined;
  const clients: RawRecord[] = [];
  for (const item of items) {
    const client = toClient(item, lists);
    if (client === undefined) return undefined;
    clients.push(client);
  }
  return clients;
}

/** `GET /clients/{id}`: JSON is a bare object; XML is `<client>…</client>`. */
export function readClient(answer: VendorAnswer, lists: ReadonlyMap<string, string | undefined>): RawRecord | undefined {
  const { body } = answer;
  if (body.format === 'json') return toClient(body.data, lists);
  if (body.format === 'xml') return toClient(xmlRootContent(body.data), lists);
  return undefined;
}

/** The new client's id from a create receipt (JSON, or XML with any root element). */
export function readCreatedId(answer: VendorAnswer): string | undefined {
  const { body } = answer;
  const data = body.format === 'json' ? body.data : body.format === 'xml' ? xmlRootContent(body.data) : undefined;
  const parsed = CreateReceiptSchema.safeParse(data);
  return parsed.success ? String(parsed.data.client_id) : undefined;
}
