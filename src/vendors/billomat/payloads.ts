import { z } from 'zod';
import { isRecord, normalizeListFields, toList, type NumberedPage, type VendorAnswer } from '../../http/index.js';
import type { RawRecord } from '../../mapping/record-codec.js';

/**
 * Raw Billomat payloads, parsed loosely. Every scalar is a string (`"id":"3527529"`,
 * `"archived":"0"`), kept as sent (VENDORS.md §3.2). Lists come as
 * `{"clients":{"client":[…] | {…} | (absent),"@page":"1","@per_page":"100","@total":"3"}}`:
 * one result is an object, none drops the key; XML gives the same through forced list paths.
 */
const IdSchema = z.union([z.string().min(1), z.number()]);
export const BillomatRecordSchema = z.looseObject({ id: IdSchema });

/** XML lists: the list roots, and `errors.error` (one or many messages). */
export const XML_ROOT_LISTS = ['clients.client', 'contacts.contact', 'client-properties.client-property', 'client-property-values.client-property-value', 'errors.error'] as const;

const CountSchema = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);
const WrapperSchema = z.union([z.looseObject({ '@total': CountSchema.optional() }), z.literal('')]);

function dataOf(answer: VendorAnswer): unknown {
  return answer.body.format === 'json' || answer.body.format === 'xml' ? answer.body.data : undefined;
}

/** Reads `{root: {element: …, "@total"}}` into records; undefined when the answer is not that shape. */
export function readList(answer: VendorAnswer, root: string, element: string): NumberedPage<RawRecord> | undefined {
  const data = dataOf(answer);
  if (!isRecord(data) || !(root in data)) return undefined;
  const wrapper = WrapperSchema.safeParse(data[root]);
  if (!wrapper.success) return undefined;
  const items: RawRecord[] = [];
  for (const item of toList(wrapper.data === '' ? undefined : wrapper.data[element])) {
    const parsed = BillomatRecordSchema.safeParse(item);
    if (!parsed.success) return undefined;
    items.push(parsed.data);
  }
  return { items, total: wrapper.data === '' ? 0 : wrapper.data['@total'] };
}

/** Reads `{key: {…}}`, the single-record answers (`client`, `contact`, `client-property-value`). */
export function readOne(answer: VendorAnswer, key: string): RawRecord | undefined {
  const data = dataOf(answer);
  return isRecord(data) ? BillomatRecordSchema.safeParse(data[key]).data : undefined;
}

/**
 * A client with its list fields as plain arrays: `client-property-values` is an object for one
 * value, an array for several and `""` for none (clients-list-response.json,
 * clients-create-response.json in j-frost/billomat-ts); the engine gets an array every time.
 */
export function normalizeClient(client: RawRecord, lists: ReadonlyMap<string, string | undefined>): RawRecord {
  return normalizeListFields(client, lists);
}

/** `{"client":{"id":…,"customfield":"foo"}}`, the answer of the customfield sub-resource. */
export function readCustomfield(answer: VendorAnswer): string | undefined {
  const data = dataOf(answer);
  const client = isRecord(data) ? data.client : undefined;
  return isRecord(client) && typeof client.customfield === 'string' ? client.customfield : undefined;
}

const PropertySchema = z.looseObject({ id: IdSchema, name: z.string().min(1), type: z.string().optional() });
export type ClientProperty = { readonly id: string; readonly name: string; readonly type: string | undefined };

/** `{"client-properties":{"client-property":[{id, name, type, …}]}}`. */
export function readClientProperties(answer: VendorAnswer): NumberedPage<ClientProperty> | undefined {
  const page = readList(answer, 'client-properties', 'client-property');
  if (page === undefined) return undefined;
  const items: ClientProperty[] = [];
  for (const item of page.items) {
    const parsed = PropertySchema.safeParse(item);
    if (!parsed.success) return undefined;
    items.push({ id: String(parsed.data.id), name: parsed.data.name, type: parsed.data.type });
  }
  return { items, total: page.total };
}
