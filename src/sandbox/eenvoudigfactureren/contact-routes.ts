import type { JsonRecord, Reply, SimRequest } from '../reply.js';
import type { Router } from '../router.js';
import { withClient } from './client-routes.js';
import { applyCustomValues } from './client-writes.js';
import { applyContactWrite } from './contact-writes.js';
import { readEfBody } from './ef-body.js';
import type { EfContext } from './ef-context.js';
import { efError, efList, efObject, efReceipt } from './ef-replies.js';

/**
 * The sub-domains of a client: `/clients/{id}/contacts[/{contactId}]` and
 * `/clients/{id}/custom_values` (seed 001; VENDORS.md §1.2, §1.6). `DELETE` on the contacts
 * sub-domain without an id deletes every contact: documented, dangerous, emulated.
 */
export function addEfContactRoutes(router: Router, context: EfContext): void {
  const contactsOf = (client: JsonRecord): JsonRecord[] => (Array.isArray(client.contacts) ? (client.contacts as JsonRecord[]) : []);
  const save = (client: JsonRecord, changes: JsonRecord): void => {
    context.state.put({ ...client, ...changes, last_activity: context.timestamp() });
  };
  const withContact = (clientId: string, contactId: string, action: (client: JsonRecord, contact: JsonRecord) => Reply): Reply =>
    withClient(context, clientId, (client) => {
      const contact = contactsOf(client).find((entry) => String(entry.contact_id) === contactId);
      return contact === undefined ? efError(404, 'contact_id unknown') : action(client, contact);
    });
  const writeContact = (request: SimRequest, client: JsonRecord, contact: JsonRecord, replace: boolean): Reply => {
    const read = readEfBody(request);
    if ('reply' in read) return read.reply;
    const id = String(contact.contact_id);
    const result = applyContactWrite(read.body, replace ? undefined : contact, id, String(client.uri));
    if (!result.ok) return efError(400, result.error);
    save(client, { contacts: contactsOf(client).map((entry) => (String(entry.contact_id) === id ? result.value : entry)) });
    return efReceipt(200, { success: 'contact updated' });
  };

  router
    .add('GET', '/clients/:id/contacts', (_request, { id = '' }) => withClient(context, id, (client) => efList(contactsOf(client), 'contacts')))
    .add('POST', '/clients/:id/contacts', (request, { id = '' }) =>
      withClient(context, id, (client) => {
        const read = readEfBody(request);
        if ('reply' in read) return read.reply;
        const contactId = context.state.nextContactId();
        const result = applyContactWrite(read.body, undefined, contactId, String(client.uri));
        if (!result.ok) return efError(400, result.error);
        save(client, { contacts: [...contactsOf(client), result.value] });
        return efReceipt(201, { success: 'contact created', contact_id: contactId, uri: result.value.uri });
      }),
    )
    .add('DELETE', '/clients/:id/contacts', (_request, { id = '' }) =>
      withClient(context, id, (client) => {
        save(client, { contacts: [] });
        return efReceipt(200, { success: 'contacts removed' });
      }),
    )
    .add('GET', '/clients/:id/contacts/:contactId', (_request, { id = '', contactId = '' }) => withContact(id, contactId, (_client, contact) => efObject(contact, 'contact')))
    .add('POST', '/clients/:id/contacts/:contactId', (request, { id = '', contactId = '' }) => withContact(id, contactId, (client, contact) => writeContact(request, client, contact, false)))
    .add('PUT', '/clients/:id/contacts/:contactId', (request, { id = '', contactId = '' }) => withContact(id, contactId, (client, contact) => writeContact(request, client, contact, true)))
    .add('DELETE', '/clients/:id/contacts/:contactId', (_request, { id = '', contactId = '' }) =>
      withContact(id, contactId, (client) => {
        save(client, { contacts: contactsOf(client).filter((entry) => String(entry.contact_id) !== contactId) });
        return efReceipt(200, { success: 'contact removed' });
      }),
    )
    .add('GET', '/clients/:id/custom_values', (_request, { id = '' }) =>
      withClient(context, id, (client) => efList(Array.isArray(client.custom_values) ? (client.custom_values as JsonRecord[]) : [], 'custom_values')),
    )
    .add('POST', '/clients/:id/custom_values', (request, { id = '' }) =>
      withClient(context, id, (client) => {
        const read = readEfBody(request);
        if ('reply' in read) return read.reply;
        const entries = 'name' in read.body ? [read.body] : Object.values(read.body);
        const result = applyCustomValues(entries, client.custom_values, context.state.customFields);
        if (!result.ok) return efError(400, result.error);
        save(client, { custom_values: result.value });
        return efReceipt(200, { success: 'custom value updated' });
      }),
    )
    // The details sub-domain is deprecated and "no longer available for new accounts" (seed 001).
    .add('GET', '/clients/:id/details', (_request, { id = '' }) => withClient(context, id, () => efList([], 'details')));
}
