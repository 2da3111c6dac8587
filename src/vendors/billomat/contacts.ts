import { isVendorError, type VendorError } from '../../errors/index.js';
import { diffNested, isRecord, pageByNumber, type HttpClient, type VendorRequest } from '../../http/index.js';
import type { RawRecord } from '../../mapping/record-codec.js';
import { BM_ENDPOINTS } from './endpoints.js';
import { readList, readOne } from './payloads.js';

/**
 * Billomat contacts live in their own resource, listed per client only (`client_id` is mandatory,
 * VENDORS.md §3.9): reading them costs one call per client, so the connector reads and writes them
 * only when asked (`includeContacts`). Writes pair desired contacts with existing ones (by id, equal
 * content, then `customfield`, e-mail or name), then create, update by id, and delete what is gone.
 */
export interface ContactStore {
  read(clientId: string, signal: AbortSignal | undefined): Promise<RawRecord[]>;
  /** Returns the failures; every other change is still written. */
  write(clientId: string, desired: readonly unknown[], current: readonly unknown[], signal: AbortSignal | undefined): Promise<VendorError[]>;
}

export function createContactStore(http: HttpClient, perPage: number): ContactStore {
  async function read(clientId: string, signal: AbortSignal | undefined): Promise<RawRecord[]> {
    const contacts: RawRecord[] = [];
    const pages = pageByNumber(perPage, async (page, per_page) => {
      const request: VendorRequest = { kind: 'list', method: 'GET', path: BM_ENDPOINTS.contacts, query: { client_id: clientId, per_page, page }, retry: 'idempotent', signal };
      const answer = await http.send(request);
      const read = readList(answer, 'contacts', 'contact');
      if (read === undefined) throw http.invalid(request, answer, 'expected {"contacts":{…}}');
      return read;
    });
    for await (const contact of pages) contacts.push(contact);
    return contacts;
  }

  async function send(request: VendorRequest, expect: boolean): Promise<void> {
    const answer = await http.send(request);
    if (expect && readOne(answer, 'contact') === undefined) throw http.invalid(request, answer, 'expected {"contact":{…}}');
  }

  async function write(clientId: string, desired: readonly unknown[], current: readonly unknown[], signal: AbortSignal | undefined): Promise<VendorError[]> {
    const wanted = desired.filter(isRecord);
    const fieldsOf = ({ id: _id, client_id: _client, ...fields }: RawRecord): RawRecord => fields;
    const diff = diffNested(wanted, current, { idField: 'id', keyFields: ['customfield', 'email', 'name', 'last_name'] });
    const errors: VendorError[] = [];
    const run = async (request: VendorRequest, expect: boolean): Promise<void> => {
      try {
        await send(request, expect);
      } catch (error) {
        if (!isVendorError(error)) throw error;
        // A contact already gone is what a DELETE wanted.
        if (!(request.method === 'DELETE' && error.code === 'VENDOR_NOT_FOUND')) errors.push(error);
      }
    };
    for (const item of diff.create) {
      // "empty values inherit the client's values" (VENDORS.md §3.9): only what is set is sent.
      await run({ kind: 'create', method: 'POST', path: BM_ENDPOINTS.contacts, body: { contact: { ...fieldsOf(item), client_id: clientId } }, retry: 'create', signal }, true);
    }
    for (const { id, item, changed } of diff.keep) {
      if (changed) await run({ kind: 'update', method: 'PUT', path: BM_ENDPOINTS.contact(id), body: { contact: fieldsOf(item) }, byId: true, retry: 'idempotent', signal }, true);
    }
    for (const id of diff.remove) {
      await run({ kind: 'delete', method: 'DELETE', path: BM_ENDPOINTS.contact(id), byId: true, retry: 'idempotent', signal }, false);
    }
    return errors;
  }

  return { read, write };
}
