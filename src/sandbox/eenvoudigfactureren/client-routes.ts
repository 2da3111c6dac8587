import type { JsonRecord, Reply, SimRequest } from '../reply.js';
import type { Router } from '../router.js';
import { EF_COUNTERS } from './client-fields.js';
import { counterValue, efHasDocuments, orderEfClient } from './client-record.js';
import { projectEfFields, queryEfClients } from './client-query.js';
import { applyEfClientWrite } from './client-writes.js';
import { readEfBody } from './ef-body.js';
import type { EfContext } from './ef-context.js';
import { efError, efList, efObject, efReceipt } from './ef-replies.js';

/**
 * The clients domain (https://help.eenvoudigfactureren.be/support/solutions/articles/101000381976,
 * seeds 000/001; semantics VENDORS.md §1.3–1.6 and wire-decisions.md).
 */
export function addEfClientRoutes(router: Router, context: EfContext): void {
  const { state } = context;
  router
    .add('GET', '/clients', (request) => listClients(request, context))
    .add('POST', '/clients', (request) => createClient(request, context))
    .add('GET', '/clients/:id', (_request, { id = '' }) => withClient(context, id, (client) => efObject(client)))
    .add('POST', '/clients/:id', (request, { id = '' }) => withClient(context, id, (client) => writeClient(request, context, client, 'update')))
    .add('PUT', '/clients/:id', (request, { id = '' }) => withClient(context, id, (client) => writeClient(request, context, client, 'replace')))
    .add('DELETE', '/clients/:id', (_request, { id = '' }) =>
      withClient(context, id, (client) => {
        // Deleting a client with documents: unknown in VENDORS.md §1.5, refused here (wire-decisions.md).
        if (efHasDocuments(client)) return efError(context.deleteRefusedStatus, 'client has documents');
        state.remove(id);
        return efReceipt(200, { success: 'client removed' });
      }),
    );
}

/** Runs `action` on an existing client, or answers EF's `client_id unknown` (VENDORS.md §1.5). */
export function withClient(context: EfContext, id: string, action: (client: JsonRecord) => Reply): Reply {
  const client = context.state.clients.get(id);
  return client === undefined ? efError(404, 'client_id unknown') : action(client);
}

/**
 * `GET /clients?skip=N&take=M`: a bare array, no total (VENDORS.md §1.3). Above the maximum take
 * the simulator either cuts silently or refuses (quirk `takeCap`, wire-decisions.md).
 */
function listClients(request: SimRequest, context: EfContext): Reply {
  const skip = readCount(request.query.get('skip'), 0);
  let take = readCount(request.query.get('take'), context.maxTake);
  if (skip === undefined) return efError(400, 'skip invalid');
  if (take === undefined) return efError(400, 'take invalid');
  if (take > context.maxTake) {
    if (context.takeCap === 'reject') return efError(400, `take invalid (maximum ${context.maxTake})`);
    take = context.maxTake;
  }
  const external = exactExternalIdFilter(request.query);
  const source = external === undefined ? context.state.clients.ordered() : context.state.byExternalId(external);
  const result = queryEfClients(source, external === undefined ? request.query : withoutFilter(request.query));
  if (!result.ok) return efError(400, result.error);
  return efList(projectEfFields(result.records.slice(skip, skip + take), request.query.get('fields')), 'clients', context.json);
}

function readCount(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** `filter=external_client_id=X` alone is answered from an index: connectors look clients up by it. */
function exactExternalIdFilter(query: URLSearchParams): string | undefined {
  const match = /^external_client_id(?:=|__eq__)([^,]*)$/s.exec(query.get('filter') ?? '');
  return match === null ? undefined : match[1];
}

function withoutFilter(query: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(query);
  copy.delete('filter');
  return copy;
}

function createClient(request: SimRequest, context: EfContext): Reply {
  const read = readEfBody(request);
  if ('reply' in read) return read.reply;
  const id = context.state.nextClientId();
  const uri = `${context.baseUrl}/clients/${id}`;
  const result = applyEfClientWrite(read.body, {
    mode: 'create',
    current: undefined,
    customFields: context.state.customFields,
    nextContactId: context.state.nextContactId,
    clientUri: uri,
  });
  if (!result.ok) return efError(400, result.error);
  const record = result.value;
  if (record.number === '' && context.autoNumber) record.number = String(context.state.highestNumber() + 1);
  else if (record.number !== '' && context.state.idByNumber(String(record.number)) !== undefined) return efError(400, 'number not unique');
  record.client_id = id;
  record.uri = uri;
  record.last_activity = context.timestamp();
  for (const counter of EF_COUNTERS) record[counter] = counterValue(0);
  context.state.put(orderEfClient(record));
  // 201 with a short receipt, not the object (VENDORS.md §1.6).
  return efReceipt(201, { success: 'client created', client_id: id, uri });
}

function writeClient(request: SimRequest, context: EfContext, current: JsonRecord, mode: 'update' | 'replace'): Reply {
  const read = readEfBody(request);
  if ('reply' in read) return read.reply;
  const id = String(current.client_id);
  const result = applyEfClientWrite(read.body, {
    mode,
    current,
    customFields: context.state.customFields,
    nextContactId: context.state.nextContactId,
    clientUri: String(current.uri),
  });
  if (!result.ok) return efError(400, result.error);
  const record = result.value;
  const holder = record.number === '' ? undefined : context.state.idByNumber(String(record.number));
  if (holder !== undefined && holder !== id) return efError(400, 'number not unique');
  record.last_activity = context.timestamp();
  context.state.put(orderEfClient(record));
  return efReceipt(200, { success: 'client updated' });
}
