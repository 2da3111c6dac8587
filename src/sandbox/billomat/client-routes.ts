import { emptyReply, type JsonRecord, type Reply, type SimRequest } from '../reply.js';
import { asText } from '../field-checks.js';
import type { Router } from '../router.js';
import { readBillomatBody } from './billomat-body.js';
import { BILLOMAT_ACCOUNT_COUNTRY, withDerivedFields, type BillomatContext } from './billomat-context.js';
import { billomatErrors, billomatList, billomatObject, readPaging } from './billomat-replies.js';
import { BILLOMAT_CLIENT_FIELDS } from './client-fields.js';
import { filterBillomatClients } from './client-filters.js';
import { applyBillomatWrite } from './record-writes.js';

/** Where the customer portal lives; the simulator stands for account `sandbox`. */
export const BILLOMAT_PORTAL_HOST = 'https://sandbox.billomat.net';

/** A new client with the recorded account's defaults (seed 003 create table, clients-get-response.json). */
export function initialBillomatClient(): JsonRecord {
  const record: JsonRecord = {};
  for (const field of BILLOMAT_CLIENT_FIELDS) record[field.name] = field.initial;
  record.country_code = BILLOMAT_ACCOUNT_COUNTRY;
  record['client-property-values'] = '';
  return record;
}

/** Clients (https://www.billomat.com/en/api/clients/, seed 003; VENDORS.md §3.2–3.8). */
export function addBillomatClientRoutes(router: Router, context: BillomatContext): void {
  const { state } = context;
  const withClient = (id: string, action: (client: JsonRecord) => Reply): Reply => {
    const client = state.clients.get(id);
    // An id outside the account answers 401, not 404 (BillomatNet's GetClientByIdWhenNotFound).
    if (client === undefined) return billomatErrors(context.foreignIdStatus, context.foreignIdStatus === 401 ? 'Unauthorized' : 'Not found');
    return action(client);
  };
  router
    .add('HEAD', '/clients', (request) => {
      // HEAD on a list returns the count in X-Total-Count (read-data page).
      const result = filterBillomatClients(context, request.query);
      return emptyReply(200, { 'X-Total-Count': String(result.length) });
    })
    .add('GET', '/clients', (request) => {
      const all = filterBillomatClients(context, request.query);
      const { page, perPage } = readPaging(request.query, context.maxPerPage);
      return billomatList('clients', 'client', all.slice((page - 1) * perPage, page * perPage), page, perPage, all.length, context.json);
    })
    .add('GET', '/clients/myself', () => billomatObject(200, 'client', ownAccount(context)))
    .add('POST', '/clients', (request) => writeClient(request, context, undefined))
    .add('GET', '/clients/:id', (_request, { id = '' }) => withClient(id, (client) => billomatObject(200, 'client', client)))
    .add('PUT', '/clients/:id', (request, { id = '' }) => withClient(id, (client) => writeClient(request, context, client)))
    .add('DELETE', '/clients/:id', (_request, { id = '' }) =>
      withClient(id, () => {
        // "Only possible if no documents exist for this client" (seed 003); status: quirk.
        if (state.documents.has(id)) return billomatErrors(context.deleteRefusedStatus, 'Client cannot be deleted, documents exist');
        state.removeClient(id);
        return emptyReply(200);
      }),
    )
    // Own meta data (https://www.billomat.com/en/api/basics/own-meta-data/, VENDORS.md §3.8).
    .add('GET', '/clients/:id/customfield', (_request, { id = '' }) => withClient(id, (client) => billomatObject(200, 'client', { id, customfield: client.customfield })))
    .add('PUT', '/clients/:id/customfield', (request, { id = '' }) =>
      withClient(id, (client) => {
        const read = readBillomatBody(request, 'client');
        if ('reply' in read) return read.reply;
        const value = read.body.customfield;
        if (typeof value !== 'string' && typeof value !== 'number') return billomatErrors(400, 'customfield: invalid value');
        state.putClient({ ...client, customfield: String(value), updated: context.timestamp() });
        return billomatObject(200, 'client', { id, customfield: String(value) });
      }),
    );
}

function writeClient(request: SimRequest, context: BillomatContext, current: JsonRecord | undefined): Reply {
  const read = readBillomatBody(request, 'client');
  if ('reply' in read) return read.reply;
  const body = read.body;
  // "Archived clients cannot be updated until you unarchive them" (justpilot docs, VENDORS.md §3.5).
  if (current?.archived === '1' && context.archivedIsReadOnly && !unarchives(body.archived)) {
    return billomatErrors(400, 'Archived clients cannot be edited');
  }
  const result = applyBillomatWrite(BILLOMAT_CLIENT_FIELDS, body, current ?? initialBillomatClient(), context);
  if (!result.ok) return billomatErrors(400, result.errors);
  const record = result.value;
  const now = context.timestamp();
  if (context.customfieldInCreate && 'customfield' in body) record.customfield = asText(body.customfield);
  if (current === undefined) {
    record.id = context.state.nextClientId();
    record.created = now;
    if (record.number === '') record.number = String(context.state.nextNumber());
  }
  record.updated = now;
  const stored = withDerivedFields(record, BILLOMAT_PORTAL_HOST);
  context.state.putClient(stored);
  // Create: 201 and the full object; update: 200 and the edited object (VENDORS.md §3.6).
  return billomatObject(current === undefined ? 201 : 200, 'client', stored);
}

function unarchives(value: unknown): boolean {
  return value === 0 || value === '0' || value === false || value === 'false';
}

function ownAccount(context: BillomatContext): JsonRecord {
  const record = { ...initialBillomatClient(), id: '1', created: '2016-01-04T09:00:00+01:00', updated: context.timestamp(), number: '0' };
  Object.assign(record, { name: 'Sandbox GmbH', street: 'Musterstraße 1', zip: '10115', city: 'Berlin', email: 'sandbox@example.com', vat_number: 'DE136695976' });
  return withDerivedFields(record, BILLOMAT_PORTAL_HOST);
}
