import { InternalError, isVendorError, RecordError } from '../../errors/index.js';
import { checkConnection, createConnection, sendWithoutRefusedFields, withoutField, type RefusalRule, pageByOffset, xmlListPathsOf, type ConnectorTuning, type VendorRequest } from '../../http/index.js';
import type { LookupTable } from '../../mapping/lookups.js';
import type { RawRecord } from '../../mapping/record-codec.js';
import type { ConnectionOptions, CreateResult, ListOptions, VendorConnector, WriteOptions } from '../types.js';
import { factuursturenAuth } from './auth.js';
import { COUNTRY_TABLE, toCountryTable } from './countries.js';
import { FS_ENDPOINTS } from './endpoints.js';
import { createFactuurSturenProtocol } from './errors.js';
import { XML_ROOT_LISTS, readClient, readClientList, readCountryList, readCreatedId } from './payloads.js';

/** A listing read in one call: for the planner, one page holds every client. */
const ALL_AT_ONCE = Number.MAX_SAFE_INTEGER;

/**
 * Yields the records of a whole listing, each let go of by the list once handed over: a run keeps
 * only what it needs of a record (see settle-records.ts), and the list would otherwise hold every
 * client of the account until the last was read.
 */
function* handOver(records: RawRecord[]): Generator<RawRecord> {
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as RawRecord;
    records[i] = HANDED_OVER;
    yield record;
  }
}
const HANDED_OVER: RawRecord = Object.freeze({});

/**
 * The FactuurSturen.nl connector (VENDORS.md §2). Basic auth with the API key; all clients in one
 * call unless a page size is configured (`count`/`start`); updates `PUT` the whole record, because
 * whether PUT replaces the record is unknown; no external-id slot (links live in the state store).
 */
export function createFactuurSturenConnector(options: ConnectionOptions & ConnectorTuning): VendorConnector {
  const { mapping } = options;
  const protocol = createFactuurSturenProtocol(xmlListPathsOf(mapping.listElements, XML_ROOT_LISTS));
  const connection = createConnection(options, { protocol, auth: factuursturenAuth(options.credentials, options.name) });
  const { http, settings, limiter, stats, logger } = connection;
  const pageSize = settings.pageSize;
  let countries: Promise<LookupTable> | undefined;

  async function listRequest(query: VendorRequest['query'], signal: AbortSignal | undefined): Promise<RawRecord[]> {
    const request: VendorRequest = { kind: 'list', method: 'GET', path: FS_ENDPOINTS.clients, query, retry: 'idempotent', signal };
    const answer = await http.send(request);
    const clients = readClientList(answer);
    if (clients === undefined) throw http.invalid(request, answer, 'expected a list of clients');
    return clients;
  }

  async function* listClients(listOptions?: ListOptions): AsyncGenerator<RawRecord> {
    const signal = listOptions?.signal;
    if (pageSize === undefined) yield* handOver(await listRequest(undefined, signal));
    else yield* pageByOffset(pageSize, (start, count) => listRequest({ count, start }, signal));
  }

  async function getClient(id: string, listOptions?: ListOptions): Promise<RawRecord | undefined> {
    const request: VendorRequest = { kind: 'get', method: 'GET', path: FS_ENDPOINTS.client(id), byId: true, retry: 'idempotent', signal: listOptions?.signal };
    try {
      const answer = await http.send(request);
      const client = readClient(answer);
      if (client === undefined) throw http.invalid(request, answer, 'expected {"client":{…}}');
      return client;
    } catch (error) {
      if (isVendorError(error) && error.code === 'VENDOR_NOT_FOUND') return undefined;
      throw error;
    }
  }

  async function put(id: string, body: RawRecord, signal: AbortSignal | undefined): Promise<void> {
    await http.send({ kind: 'update', method: 'PUT', path: FS_ENDPOINTS.client(id), body, byId: true, retry: 'idempotent', signal });
  }

  /**
   * Archiving sets `active: false`, but a PUT may replace the whole record, so the whole record is
   * sent: the current one, read back through the mapping (so `"true"` strings go out as booleans
   * and the country as its id, as seed 002 writes them), with the status changed.
   */
  async function archiveClient(id: string, writeOptions?: WriteOptions): Promise<void> {
    const current = writeOptions?.current ?? (await getClient(id, { signal: writeOptions?.signal }));
    if (current === undefined) throw http.notFound({ method: 'PUT', path: FS_ENDPOINTS.client(id) });
    const label = mapping.labelOf(current);
    const decoded = mapping.decode(current, label);
    if (decoded.issues.length > 0) throw new RecordError(decoded.issues);
    const encoded = mapping.encode({ ...decoded.customer, status: 'archived' }, label, { mode: 'update' });
    if (encoded.issues.length > 0) throw new RecordError(encoded.issues);
    await put(id, encoded.body, writeOptions?.signal);
  }

  async function loadCountries(signal: AbortSignal | undefined): Promise<LookupTable> {
    const request: VendorRequest = { kind: 'other', method: 'GET', path: FS_ENDPOINTS.countryList, retry: 'idempotent', signal };
    const answer = await http.send(request);
    const list = readCountryList(answer);
    if (list === undefined) throw http.invalid(request, answer, 'expected [{"id","name"}, …]');
    return toCountryTable(list, mapping.lookups.get(COUNTRY_TABLE));
  }

  return {
    vendor: 'factuursturen',
    connection: options.name,
    capabilities: {
      pageSize: pageSize ?? ALL_AT_ONCE,
      listingHasTotal: pageSize === undefined,
      externalIdSlot: false,
      contactsPerClientCall: false,
      separateSubresourceWrites: false,
      externalIdInCreate: false,
      update: mapping.identity.update,
    },
    rateBudget: () => limiter.budget(),
    spareCalls: () => limiter.available(),
    listClients,
    getClient,
    async createClient(body: RawRecord, writeOptions?: WriteOptions): Promise<CreateResult> {
      // A client number already in use (or one FactuurSturen will not take) costs the number, not the
      // client: the account then numbers the client itself (mappings/factuursturen.yaml, clientnr).
      const { result: id, refused } = await sendWithoutRefusedFields(body, CLIENTNR_REFUSALS, async (sent) => {
        const request: VendorRequest = { kind: 'create', method: 'POST', path: FS_ENDPOINTS.clients, body: sent, retry: 'create', signal: writeOptions?.signal };
        const answer = await http.send(request);
        const created = readCreatedId(answer);
        if (created === undefined) throw http.unknownOutcome(request, answer, 'expected the new clientnr as text');
        return created;
      });
      return { id, externalIdStored: false, ...(refused.length === 0 ? {} : { refusedFields: refused }) };
    },
    // The body is the whole record (mapping `update: full`): PUT may replace what it does not carry.
    updateClient: (id, body, writeOptions) => put(id, body, writeOptions?.signal),
    archiveClient,
    async deleteClient(id, writeOptions) {
      await http.send({ kind: 'delete', method: 'DELETE', path: FS_ENDPOINTS.client(id), byId: true, deletesClient: true, retry: 'idempotent', signal: writeOptions?.signal });
    },
    // No external-id slot (VENDORS.md §2.8): links live in the state store.
    findByExternalId: () => Promise.resolve([]),
    setExternalId: () => Promise.reject(new InternalError('factuursturen has no external-id slot; check capabilities.externalIdSlot before calling setExternalId')),
    async lookupTables(lookupOptions) {
      countries ??= loadCountries(lookupOptions?.signal).catch((error: unknown) => {
        countries = undefined; // not cached: the next run tries the vendor again
        const offline = mapping.lookups.get(COUNTRY_TABLE);
        if (offline === undefined || !isVendorError(error)) throw error;
        logger.warn({ code: error.code }, 'country list unavailable; using the offline table');
        return offline;
      });
      return { [COUNTRY_TABLE]: await countries };
    },
    check: (checkOptions) =>
      checkConnection(http, { kind: 'other', method: 'GET', path: FS_ENDPOINTS.clients, query: { count: 1 }, signal: checkOptions?.signal }, (answer) => readClientList(answer) !== undefined),
    stats: () => stats.snapshot(),
  };
}

/**
 * FactuurSturen's answers to an unusable client number. The wording is not documented (VENDORS.md
 * §2.5: error bodies unknown); these match "already exists" / "in use" and "invalid value" phrasings.
 */
const CLIENTNR_REFUSALS: readonly RefusalRule[] = [
  { message: /client ?n(umbe)?r.*(already exists|in use|not unique)|'clientnr' has an invalid value/i, without: (body) => withoutField(body, 'clientnr'), field: () => 'clientnr' },
];
