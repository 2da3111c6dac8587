import { asText, countryName } from '../field-checks.js';
import { emptyReply, type JsonRecord, type Reply, type SimRequest } from '../reply.js';
import type { Router } from '../router.js';
import { readBillomatBody } from './billomat-body.js';
import { BILLOMAT_ACCOUNT_COUNTRY, type BillomatContext } from './billomat-context.js';
import { billomatErrors, billomatList, billomatObject, readPaging } from './billomat-replies.js';
import { BILLOMAT_CONTACT_FIELDS } from './client-fields.js';
import { applyBillomatWrite } from './record-writes.js';

/**
 * Contacts (`/contacts`, https://www.billomat.com/api/kunden/kontakte/, VENDORS.md §3.9): listed only
 * per client (`client_id` is mandatory), written with `{"contact": {…}}`.
 */
export function addBillomatContactRoutes(router: Router, context: BillomatContext): void {
  const { state } = context;
  const withContact = (id: string, action: (contact: JsonRecord) => Reply): Reply => {
    const contact = state.contacts.get(id);
    return contact === undefined ? billomatErrors(context.foreignIdStatus, context.foreignIdStatus === 401 ? 'Unauthorized' : 'Not found') : action(contact);
  };
  router
    .add('GET', '/contacts', (request) => {
      const clientId = request.query.get('client_id');
      if (clientId === null || clientId === '') return billomatErrors(400, 'Parameter client_id is required');
      const all = state.contactsOf(clientId);
      const { page, perPage } = readPaging(request.query, context.maxPerPage);
      return billomatList('contacts', 'contact', all.slice((page - 1) * perPage, page * perPage), page, perPage, all.length);
    })
    .add('POST', '/contacts', (request) => writeContact(request, context, undefined))
    .add('GET', '/contacts/:id', (_request, { id = '' }) => withContact(id, (contact) => billomatObject(200, 'contact', contact)))
    .add('PUT', '/contacts/:id', (request, { id = '' }) => withContact(id, (contact) => writeContact(request, context, contact)))
    .add('DELETE', '/contacts/:id', (_request, { id = '' }) =>
      withContact(id, () => {
        state.removeContact(id);
        return emptyReply(200);
      }),
    );
}

function writeContact(request: SimRequest, context: BillomatContext, current: JsonRecord | undefined): Reply {
  const read = readBillomatBody(request, 'contact');
  if ('reply' in read) return read.reply;
  const clientId = current === undefined ? asText(read.body.client_id) : String(current.client_id);
  // `client_id` is required on creation and must be a client of this account.
  if (clientId === '') return billomatErrors(400, 'client_id: is required');
  const client = context.state.clients.get(clientId);
  if (client === undefined) return billomatErrors(400, 'client_id: client not found');
  const blank: JsonRecord = {};
  for (const field of BILLOMAT_CONTACT_FIELDS) blank[field.name] = field.initial;
  const result = applyBillomatWrite(BILLOMAT_CONTACT_FIELDS, read.body, current ?? blank, context);
  if (!result.ok) return billomatErrors(400, result.errors);
  const now = context.timestamp();
  const contact: JsonRecord = { ...result.value, client_id: clientId, updated: now };
  if (current === undefined) {
    contact.id = context.state.nextContactId();
    contact.created = now;
  }
  const person = [contact.salutation, contact.first_name, contact.last_name].map(String).filter((v) => v !== '').join(' ');
  const place = [contact.zip, contact.city].map(String).filter((v) => v !== '').join(' ');
  const code = String(contact.country_code);
  const country = code === '' || code === BILLOMAT_ACCOUNT_COUNTRY ? '' : (countryName(code, 'de') ?? code);
  contact.address = [String(client.name), person, String(contact.street), place, country].filter((line) => line !== '').join('\n');
  context.state.putContact(contact);
  return billomatObject(current === undefined ? 201 : 200, 'contact', contact);
}
