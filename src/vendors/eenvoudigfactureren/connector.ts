import { isVendorError } from '../../errors/index.js';
import { checkConnection, createConnection, pageByOffset, xmlListPathsOf, type ConnectorTuning, type VendorRequest } from '../../http/index.js';
import type { RawRecord } from '../../mapping/record-codec.js';
import type { ConnectionOptions, CreateResult, ListOptions, VendorConnector, WriteOptions } from '../types.js';
import { eenvoudigfacturerenAuth } from './auth.js';
import { planContactWrites } from './contacts.js';
import { EF_ENDPOINTS, externalIdFilter } from './endpoints.js';
import { createEenvoudigFacturerenProtocol } from './errors.js';
import { XML_ROOT_LISTS, clientListElements, readClient, readClientList, readCreatedId } from './payloads.js';

/**
 * The EenvoudigFactureren connector (VENDORS.md §1). JSON is asked for, XML understood; lists page
 * with `skip`/`take`; updates are partial `POST /clients/{id}` (never `PUT`, which deletes what it
 * does not carry); every body is checked for `error`, whatever the status.
 */
export function createEenvoudigFacturerenConnector(options: ConnectionOptions & ConnectorTuning): VendorConnector {
  const lists = clientListElements(options.mapping.listElements);
  const protocol = createEenvoudigFacturerenProtocol(xmlListPathsOf(lists, XML_ROOT_LISTS));
  const connection = createConnection(options, { protocol, auth: eenvoudigfacturerenAuth(options.credentials, options.name) });
  const { http, settings, limiter, stats, logger } = connection;
  const pageSize = settings.pageSize ?? 100;

  async function listPage(query: Record<string, string | number>, signal: AbortSignal | undefined): Promise<RawRecord[]> {
    const request = { kind: 'list', method: 'GET', path: EF_ENDPOINTS.clients, query, retry: 'idempotent', signal } as const;
    const answer = await http.send(request);
    const clients = readClientList(answer, lists);
    if (clients === undefined) throw http.invalid(request, answer, 'expected a list of clients');
    return clients;
  }

  async function getClient(id: string, listOptions?: ListOptions): Promise<RawRecord | undefined> {
    const request = { kind: 'get', method: 'GET', path: EF_ENDPOINTS.client(id), byId: true, retry: 'idempotent', signal: listOptions?.signal } as const;
    try {
      const answer = await http.send(request);
      const client = readClient(answer, lists);
      if (client === undefined) throw http.invalid(request, answer, 'expected a client');
      return client;
    } catch (error) {
      if (isVendorError(error) && error.code === 'VENDOR_NOT_FOUND') return undefined;
      throw error;
    }
  }

  /** `POST /clients/{id}`: partial; safe to repeat unless it creates nested contacts. */
  async function postUpdate(id: string, body: RawRecord, createsItems: boolean, signal: AbortSignal | undefined): Promise<void> {
    await http.send({ kind: 'update', method: 'POST', path: EF_ENDPOINTS.client(id), body, byId: true, retry: createsItems ? 'create' : 'idempotent', signal });
  }

  async function updateClient(id: string, body: RawRecord, writeOptions?: WriteOptions): Promise<void> {
    const signal = writeOptions?.signal;
    const { contacts, ...rest } = body;
    let remove: readonly string[] = [];
    let createsContacts = false;
    const out: RawRecord = { ...rest };
    if (writeOptions?.includeContacts === true && contacts !== undefined) {
      const current = writeOptions.current ?? (await getClient(id, { signal }));
      const plan = planContactWrites(contacts, current?.contacts);
      if (plan.contacts !== undefined) out.contacts = plan.contacts;
      remove = plan.remove;
      createsContacts = plan.createsContacts;
    }
    if (Object.keys(out).length > 0) await postUpdate(id, out, createsContacts, signal);
    for (const contactId of remove) {
      try {
        await http.send({ kind: 'delete', method: 'DELETE', path: EF_ENDPOINTS.contact(id, contactId), byId: true, retry: 'idempotent', signal });
      } catch (error) {
        // Already gone is what was wanted.
        if (!isVendorError(error) || error.code !== 'VENDOR_NOT_FOUND') throw error;
      }
    }
  }

  async function* findPages(externalId: string, signal: AbortSignal | undefined): AsyncGenerator<RawRecord> {
    // The filter is a comma-separated list of terms: a value with a comma cannot be filtered on,
    // so such an id is looked for in the full listing.
    const filter = externalId.includes(',') ? {} : { filter: externalIdFilter(externalId) };
    if (externalId.includes(',')) logger.warn('an external id with a comma cannot be filtered on; reading the full listing');
    yield* pageByOffset(pageSize, (skip, take) => listPage({ ...filter, skip, take }, signal));
  }

  return {
    vendor: 'eenvoudigfactureren',
    connection: options.name,
    capabilities: {
      pageSize,
      listingHasTotal: false,
      externalIdSlot: options.mapping.identity.externalIdSlot !== undefined,
      contactsPerClientCall: false,
      separateSubresourceWrites: false,
      externalIdInCreate: true,
      update: options.mapping.identity.update,
    },
    rateBudget: () => limiter.budget(),
    spareCalls: () => limiter.available(),
    // Contacts come nested in every client: `includeContacts` costs nothing here.
    listClients: (listOptions) => pageByOffset(pageSize, (skip, take) => listPage({ skip, take }, listOptions?.signal)),
    getClient,
    async createClient(body: RawRecord, writeOptions?: WriteOptions): Promise<CreateResult> {
      const { contacts, ...rest } = body;
      const sent = writeOptions?.includeContacts === true && contacts !== undefined ? { ...rest, contacts } : rest;
      const request: VendorRequest = { kind: 'create', method: 'POST', path: EF_ENDPOINTS.clients, body: sent, retry: 'create', signal: writeOptions?.signal };
      const answer = await http.send(request);
      const id = readCreatedId(answer);
      if (id === undefined) throw http.unknownOutcome(request, answer, 'the create receipt carries no client_id');
      const externalId = sent.external_client_id;
      return { id, externalIdStored: typeof externalId === 'string' && externalId !== '' };
    },
    updateClient,
    archiveClient: (id, writeOptions) => postUpdate(id, { state: 'archived' }, false, writeOptions?.signal),
    async deleteClient(id, writeOptions) {
      await http.send({ kind: 'delete', method: 'DELETE', path: EF_ENDPOINTS.client(id), byId: true, deletesClient: true, retry: 'idempotent', signal: writeOptions?.signal });
    },
    async findByExternalId(externalId, listOptions) {
      const found: RawRecord[] = [];
      // EF matches `=` loosely and does not enforce uniqueness (VENDORS.md §1.8): keep exact matches, all of them.
      for await (const client of findPages(externalId, listOptions?.signal)) if (client.external_client_id === externalId) found.push(client);
      return found;
    },
    setExternalId: (id, externalId, writeOptions) => postUpdate(id, { external_client_id: externalId }, false, writeOptions?.signal),
    check: (checkOptions) =>
      checkConnection(http, { kind: 'other', method: 'GET', path: EF_ENDPOINTS.clients, query: { take: 1 }, signal: checkOptions?.signal }, (answer) => readClientList(answer, lists) !== undefined),
    stats: () => stats.snapshot(),
  };
}
