import { z } from 'zod';
import { isRecord, toList, xmlRootContent, type VendorAnswer } from '../../http/index.js';
import type { RawRecord } from '../../mapping/record-codec.js';

/**
 * Raw FactuurSturen payloads, parsed loosely. Every value comes back as a string, booleans as
 * `"true"`/`"false"` and the country as an id (`"146"`), VENDORS.md §2.2; they are kept as sent.
 */
const IdSchema = z.union([z.string().regex(/^\d+$/), z.number().int()]);
export const FactuurSturenClientSchema = z.looseObject({ clientnr: IdSchema });

export const XML_ROOT_LISTS = ['clients.client', 'countrylist.country', 'countries.country'] as const;

/**
 * The vendor's own parsed object when it is a client, not zod's copy of it: the schema transforms
 * nothing, and the whole list comes in one answer (100,000 clients), so a copy of each would hold the
 * list twice until the last record was read.
 */
const toClient = (value: unknown): RawRecord | undefined => (FactuurSturenClientSchema.safeParse(value).success ? (value as RawRecord) : undefined);

/** `GET /clients`: a bare JSON array (XML `<clients><client>`). */
export function readClientList(answer: VendorAnswer): RawRecord[] | undefined {
  const { body } = answer;
  const items = body.format === 'json' && Array.isArray(body.data) ? body.data : body.format === 'xml' ? toList(xmlRootContent(body.data), 'client') : undefined;
  if (items === undefined) return undefined;
  const clients = items.map(toClient);
  return clients.every((client): client is RawRecord => client !== undefined) ? clients : undefined;
}

/** `GET /clients/{clientnr}`: wrapped, `{"client":{…}}` (XML `<client>`, which parses to the same). */
export function readClient(answer: VendorAnswer): RawRecord | undefined {
  const { body } = answer;
  if (body.format !== 'json' && body.format !== 'xml') return undefined;
  if (isRecord(body.data) && 'client' in body.data) return toClient(body.data.client);
  // Tolerated: a bare client, should a server answer without the wrapper.
  return toClient(body.data);
}

/**
 * `POST /clients` answers 201 with the new clientnr as plain text (`1234`), VENDORS.md §2.6
 * (FactuurSturenNL `Convert.ToInt32(responseString)`). A JSON number or string, or an object with
 * a `clientnr`, is read too.
 */
export function readCreatedId(answer: VendorAnswer): string | undefined {
  const { body } = answer;
  if (body.format === 'text') return /^\s*"?(\d+)"?\s*$/.exec(body.text)?.[1];
  if (body.format !== 'json' && body.format !== 'xml') return undefined;
  const id = IdSchema.safeParse(body.data);
  if (id.success) return String(id.data);
  const root = body.format === 'xml' ? xmlRootContent(body.data) : undefined;
  let candidate: unknown = body.data;
  if (isRecord(body.data) && isRecord(body.data.client)) candidate = body.data.client; // {"client":{"clientnr":…}}
  else if (root !== undefined && !isRecord(root)) candidate = { clientnr: root }; // <clientnr>1234</clientnr>
  const client = toClient(candidate);
  return client === undefined ? undefined : String(client.clientnr);
}

const CountrySchema = z.looseObject({ id: IdSchema, name: z.string().min(1) });

/** `GET /countrylist`: `[{"id":"146","name":"Nederland"}, …]`. */
export function readCountryList(answer: VendorAnswer): { id: string; name: string }[] | undefined {
  const { body } = answer;
  const items = body.format === 'json' && Array.isArray(body.data) ? body.data : body.format === 'xml' ? toList(xmlRootContent(body.data), 'country') : undefined;
  const parsed = z.array(CountrySchema).min(1).safeParse(items);
  return parsed.success ? parsed.data.map((country) => ({ id: String(country.id), name: country.name })) : undefined;
}
