import { isVendorError } from '../../errors/index.js';
import { checkConnection, createConnection, pageByNumber, toList, xmlListPathsOf, type ConnectorTuning, type VendorRequest } from '../../http/index.js';
import type { RawRecord } from '../../mapping/record-codec.js';
import type { ConnectionOptions, CreateResult, ListOptions, VendorConnector, WriteOptions } from '../types.js';
import { billomatAuth } from './auth.js';
import { createContactStore } from './contacts.js';
import { BM_ENDPOINTS, PROPERTY_VALUES } from './endpoints.js';
import { createBillomatProtocol } from './errors.js';
import { XML_ROOT_LISTS, normalizeClient, readCustomfield, readList, readOne } from './payloads.js';
import { createPropertyWriter } from './properties.js';

/**
 * The Billomat connector (VENDORS.md §3). Lists page with `per_page=1000` and stop at `@total`;
 * single-object and absent-key lists read as arrays; 300 requests per fixed 15-minute window are
 * never exceeded; a 401 on a by-id call after a good call is a foreign id. Contacts and custom
 * attribute values are sub-resources, written through their own calls.
 */
export function createBillomatConnector(options: ConnectionOptions & ConnectorTuning): VendorConnector {
  const lists = options.mapping.listElements;
  const protocol = createBillomatProtocol(xmlListPathsOf(lists, XML_ROOT_LISTS));
  const connection = createConnection(options, { protocol, auth: billomatAuth(options.credentials, options.name) });
  const { http, settings, limiter, stats, logger } = connection;
  const perPage = settings.pageSize ?? 1000;
  const contacts = createContactStore(http, perPage);
  const properties = createPropertyWriter(http, perPage, logger);

  async function clientsPage(query: VendorRequest['query'], signal: AbortSignal | undefined): Promise<{ items: RawRecord[]; total: number | undefined }> {
    const request: VendorRequest = { kind: 'list', method: 'GET', path: BM_ENDPOINTS.clients, query, retry: 'idempotent', signal };
    const answer = await http.send(request);
    const page = readList(answer, 'clients', 'client');
    if (page === undefined) throw http.invalid(request, answer, 'expected {"clients":{…}}');
    return { items: page.items.map((client) => normalizeClient(client, lists)), total: page.total };
  }

  async function withContacts(client: RawRecord, listOptions: ListOptions | undefined): Promise<RawRecord> {
    if (listOptions?.includeContacts !== true) return client;
    return { ...client, contacts: await contacts.read(String(client.id), listOptions.signal) };
  }

  async function* listClients(listOptions?: ListOptions): AsyncGenerator<RawRecord> {
    const pages = pageByNumber(perPage, (page, per_page) => clientsPage({ per_page, page }, listOptions?.signal));
    for await (const client of pages) yield await withContacts(client, listOptions);
  }

  async function getClient(id: string, listOptions?: ListOptions): Promise<RawRecord | undefined> {
    const request: VendorRequest = { kind: 'get', method: 'GET', path: BM_ENDPOINTS.client(id), byId: true, retry: 'idempotent', signal: listOptions?.signal };
    try {
      const answer = await http.send(request);
      const client = readOne(answer, 'client');
      if (client === undefined) throw http.invalid(request, answer, 'expected {"client":{…}}');
      return await withContacts(normalizeClient(client, lists), listOptions);
    } catch (error) {
      if (isVendorError(error) && error.code === 'VENDOR_NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** Splits a body into the client's own fields and the sub-resources written separately. */
  function split(body: RawRecord): { fields: RawRecord; values: unknown[] | undefined; contactList: unknown[] | undefined } {
    const { contacts: contactList, [PROPERTY_VALUES]: values, ...fields } = body;
    return { fields, values: values === undefined ? undefined : toList(values), contactList: contactList === undefined ? undefined : toList(contactList) };
  }

  async function createClient(body: RawRecord, writeOptions?: WriteOptions): Promise<CreateResult> {
    const signal = writeOptions?.signal;
    const { fields, values, contactList } = split(body);
    const request: VendorRequest = { kind: 'create', method: 'POST', path: BM_ENDPOINTS.clients, body: { client: fields }, retry: 'create', signal };
    const answer = await http.send(request);
    const created = readOne(answer, 'client');
    if (created === undefined) throw http.unknownOutcome(request, answer, 'expected the new {"client":{…}}');
    const record = normalizeClient(created, lists);
    const id = String(record.id);
    // Whether the create body's customfield is stored is unknown (VENDORS.md §3.8 [?]): the answer says.
    const externalId = fields.customfield;
    const externalIdStored = typeof externalId === 'string' && externalId !== '' && record.customfield === externalId;
    if (typeof externalId === 'string' && externalId !== '' && !externalIdStored) logger.debug({ id }, 'customfield not kept by the create body; setExternalId writes it');
    const errors = [
      ...(values === undefined || values.length === 0 ? [] : await properties.write(id, values, [], signal)),
      ...(writeOptions?.includeContacts === true && contactList !== undefined && contactList.length > 0 ? await contacts.write(id, contactList, [], signal) : []),
    ];
    return { id, record, externalIdStored, ...(errors.length === 0 ? {} : { subresourceErrors: errors }) };
  }

  async function updateClient(id: string, body: RawRecord, writeOptions?: WriteOptions): Promise<void> {
    const signal = writeOptions?.signal;
    const { fields, values, contactList } = split(body);
    let answered: RawRecord | undefined;
    if (Object.keys(fields).length > 0) {
      // "Archived clients cannot be edited" until unarchived (VENDORS.md §3.5, justpilot docs/resources/clients.md):
      // an edit of a client that stays archived unarchives it in the same call and archives it again after.
      const staysArchived = isArchived(writeOptions?.current?.archived) && (fields.archived === undefined || isArchived(fields.archived));
      const sent = staysArchived ? { ...fields, archived: 0 } : fields;
      const answer = await http.send({ kind: 'update', method: 'PUT', path: BM_ENDPOINTS.client(id), body: { client: sent }, byId: true, retry: 'idempotent', signal });
      answered = readOne(answer, 'client');
      if (staysArchived) {
        const archived = await http.send({ kind: 'update', method: 'PUT', path: BM_ENDPOINTS.client(id), body: { client: { archived: 1 } }, byId: true, retry: 'idempotent', signal });
        answered = readOne(archived, 'client') ?? answered;
      }
    }
    const errors = [];
    if (values !== undefined) {
      const source = answered ?? writeOptions?.current ?? (await getClient(id, { signal }));
      errors.push(...(await properties.write(id, values, toList(source?.[PROPERTY_VALUES], 'client-property-value'), signal)));
    }
    if (writeOptions?.includeContacts === true && contactList !== undefined) {
      const known = writeOptions.current?.contacts;
      errors.push(...(await contacts.write(id, contactList, Array.isArray(known) ? known : await contacts.read(id, signal), signal)));
    }
    const [first] = errors;
    if (first !== undefined) throw first;
  }

  async function* findPages(externalId: string, signal: AbortSignal | undefined): AsyncGenerator<RawRecord> {
    yield* pageByNumber(perPage, (page, per_page) => clientsPage({ customfield: externalId, per_page, page }, signal));
  }

  return {
    vendor: 'billomat',
    connection: options.name,
    capabilities: { pageSize: perPage, listingHasTotal: true, externalIdSlot: true, contactsPerClientCall: true, separateSubresourceWrites: true, externalIdInCreate: false, update: options.mapping.identity.update },
    rateBudget: () => limiter.budget(),
    spareCalls: () => limiter.available(),
    listClients,
    getClient,
    createClient,
    updateClient,
    async archiveClient(id, writeOptions) {
      await http.send({ kind: 'update', method: 'PUT', path: BM_ENDPOINTS.client(id), body: { client: { archived: 1 } }, byId: true, retry: 'idempotent', signal: writeOptions?.signal });
    },
    async deleteClient(id, writeOptions) {
      await http.send({ kind: 'delete', method: 'DELETE', path: BM_ENDPOINTS.client(id), byId: true, deletesClient: true, retry: 'idempotent', signal: writeOptions?.signal });
    },
    async findByExternalId(externalId, listOptions) {
      const found: RawRecord[] = [];
      // The filter's matching rules are undocumented: only exact matches count.
      for await (const client of findPages(externalId, listOptions?.signal)) if (client.customfield === externalId) found.push(await withContacts(client, listOptions));
      return found;
    },
    async setExternalId(id, externalId, writeOptions) {
      const request: VendorRequest = { kind: 'update', method: 'PUT', path: BM_ENDPOINTS.customfield(id), body: { client: { customfield: externalId } }, byId: true, retry: 'idempotent', signal: writeOptions?.signal };
      const answer = await http.send(request);
      if (readCustomfield(answer) !== externalId) throw http.invalid(request, answer, 'the answer does not carry the customfield just written');
    },
    customFieldNames: (nameOptions) => properties.names(nameOptions?.signal),
    check: (checkOptions) =>
      checkConnection(http, { kind: 'other', method: 'GET', path: BM_ENDPOINTS.myself, signal: checkOptions?.signal }, (answer) => readOne(answer, 'client') !== undefined),
    stats: () => stats.snapshot(),
  };
}

/** Billomat's `archived` flag, as it answers it (`"1"`) or as a body sets it (`1`, `true`). */
function isArchived(value: unknown): boolean {
  return value === 1 || value === '1' || value === true || value === 'true';
}
