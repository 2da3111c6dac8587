import { isVendorError } from '../../errors/index.js';
import { checkConnection, createConnection, pageByOffset, sendWithoutRefusedFields, withoutField, xmlListPathsOf, type ConnectorTuning, type RefusalRule, type RefusedField, type VendorRequest } from '../../http/index.js';
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
  // EF lists every custom field the account defines on every client (empty when unset), so the
  // names are learned from what is read; before any client is read they are unknown.
  const customFields = new Set<string>();
  let sawClient = false;
  const refusedCustomFields = new Set<string>();
  const learn = (client: RawRecord): void => {
    sawClient = true;
    const values = client.custom_values;
    if (!Array.isArray(values)) return;
    for (const item of values) {
      const name = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).name : undefined;
      if (typeof name === 'string' && name !== '') customFields.add(name);
    }
  };

  async function listPage(query: Record<string, string | number>, signal: AbortSignal | undefined): Promise<RawRecord[]> {
    const request = { kind: 'list', method: 'GET', path: EF_ENDPOINTS.clients, query, retry: 'idempotent', signal } as const;
    const answer = await http.send(request);
    const clients = readClientList(answer, lists);
    if (clients === undefined) throw http.invalid(request, answer, 'expected a list of clients');
    clients.forEach(learn);
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
    // An update that EF refuses for a custom value is a failure to report: the record stays as it was.
    const known = knownFieldsOnly(body);
    await http.send({ kind: 'update', method: 'POST', path: EF_ENDPOINTS.client(id), body: known.body, byId: true, retry: createsItems ? 'create' : 'idempotent', signal });
  }

  /**
   * EF refuses a whole client that carries a customer number another client has (`number not
   * unique`, a real EF message, VENDORS.md §1.5) or a custom value for a field the account does not
   * define (custom fields are added under Settings > Advanced). Such a part is left out — up front
   * when the account's fields are known — and the client is sent again without it.
   */
  const refusals: readonly RefusalRule[] = [
    { message: /^number not unique$/i, without: (body) => withoutField(body, 'number'), field: () => 'number' },
    {
      message: /^custom value (.+) unknown$/i,
      without: (body, match) => {
        refusedCustomFields.add(match[1] ?? '');
        return dropCustomValues(body, (name) => name === match[1]);
      },
      field: (match) => `custom_values[${match[1] ?? ''}]`,
    },
  ];

  function knownFieldsOnly(body: RawRecord): { body: RawRecord; refused: RefusedField[] } {
    const refused: RefusedField[] = [];
    const kept = dropCustomValues(body, (name) => {
      const unknown = refusedCustomFields.has(name) || (sawClient && !customFields.has(name));
      if (unknown) refused.push({ field: `custom_values[${name}]`, message: `custom value ${name} unknown` });
      return unknown;
    });
    return { body: kept, refused };
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
      const known = knownFieldsOnly(sent);
      const { result: id, refused } = await sendWithoutRefusedFields(known.body, refusals, async (withFields) => {
        const request: VendorRequest = { kind: 'create', method: 'POST', path: EF_ENDPOINTS.clients, body: withFields, retry: 'create', signal: writeOptions?.signal };
        const answer = await http.send(request);
        const created = readCreatedId(answer);
        if (created === undefined) throw http.unknownOutcome(request, answer, 'the create receipt carries no client_id');
        return created;
      });
      const externalId = sent.external_client_id;
      const refusedFields = [...known.refused, ...refused];
      return { id, externalIdStored: typeof externalId === 'string' && externalId !== '', ...(refusedFields.length === 0 ? {} : { refusedFields }) };
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
    customFieldNames: () => Promise.resolve(sawClient ? [...customFields] : undefined),
    check: (checkOptions) =>
      checkConnection(http, { kind: 'other', method: 'GET', path: EF_ENDPOINTS.clients, query: { take: 1 }, signal: checkOptions?.signal }, (answer) => readClientList(answer, lists) !== undefined),
    stats: () => stats.snapshot(),
  };
}

/** The body without the custom values whose field name `drop` picks. */
function dropCustomValues(body: RawRecord, drop: (name: string) => boolean): RawRecord {
  const values = body.custom_values;
  if (!Array.isArray(values)) return body;
  const kept = values.filter((item) => {
    const name = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).name : undefined;
    return typeof name !== 'string' || !drop(name);
  });
  return kept.length === values.length ? body : { ...body, custom_values: kept };
}
