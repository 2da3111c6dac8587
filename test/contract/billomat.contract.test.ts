import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { loadMapping, type Mapping } from '../../src/mapping/index.js';
import { createBillomatConnector } from '../../src/vendors/billomat/index.js';
import type { Credentials, VendorConnector } from '../../src/vendors/types.js';
import { fixtureJson, fixtureText } from '../helpers/fixtures.js';
import { createLeakWatch, createManualClock, networkError, noJitter, recordRequests, SECRETS, type ManualClock } from './support.js';

/*
 * Billomat as it really behaves (VENDORS.md §3, seed 003, wire-decisions.md): X-BillomatApiKey (+ app
 * id and secret), `{"clients":{"client":…}}` lists whose `client` is an array, an object for one
 * result or absent for none, `client-property-values` that may be "", wrapped writes, the full
 * object on create, 401 for a foreign id, `{"errors":{"error": string | string[]}}`.
 */

const ORIGIN = 'https://mybillomatid.billomat.net';
const API = '/api';
const watch = createLeakWatch();
let mapping: Mapping;
let clock: ManualClock;

beforeAll(async () => {
  mapping = await loadMapping('billomat');
});

afterEach(() => {
  nock.cleanAll();
});

function connector(options: { credentials?: Credentials; baseUrl?: string | null } = {}): VendorConnector {
  clock = createManualClock();
  return createBillomatConnector({
    name: 'bm-main',
    vendor: 'billomat',
    ...(options.baseUrl === null ? {} : { baseUrl: options.baseUrl ?? `${ORIGIN}${API}` }),
    credentials: options.credentials ?? { kind: 'billomat', apiKey: SECRETS.bmApiKey, appId: SECRETS.bmAppId, appSecret: SECRETS.bmAppSecret },
    mapping,
    clock,
    logger: watch.logger,
    random: noJitter,
  });
}

async function collect(iterable: AsyncIterable<Record<string, unknown>>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const clientsPage = (from: number, count: number, total: number): Record<string, unknown> => ({
  clients: { client: Array.from({ length: count }, (_, i) => ({ id: String(from + i), name: `Kunde ${from + i}`, 'client-property-values': '' })), '@page': '1', '@per_page': '1000', '@total': String(total) },
});

describe('Billomat authentication', () => {
  it('sends X-BillomatApiKey with the app id and secret as headers, never as ?api_key=', async () => {
    const scope = nock(ORIGIN).get(`${API}/clients/myself`).reply(200, fixtureJson('golden/billomat/create-response.json'));
    const seen = recordRequests(scope);
    expect((await connector().check()).outcome).toBe('ok');
    expect(seen[0]?.headers).toMatchObject({ 'x-billomatapikey': SECRETS.bmApiKey, 'x-appid': SECRETS.bmAppId, 'x-appsecret': SECRETS.bmAppSecret, accept: 'application/json' });
    expect(seen[0]?.query).toBe('');
  });

  it('needs its own base URL: the default names no account', () => {
    expect(() => connector({ baseUrl: null })).toThrow(ConfigError);
  });

  it('reads a 400 "invalid secret" as wrong credentials', async () => {
    nock(ORIGIN).get(`${API}/clients/myself`).reply(400, { errors: { error: 'invalid secret' } });
    const result = await connector().check();
    watch.keep(result);
    expect(result.outcome).toBe('wrong-credentials');
  });

  it('reads a first-call 401 as wrong credentials', async () => {
    nock(ORIGIN).get(`${API}/clients/3527529`).reply(401, { errors: { error: 'Unauthorized' } });
    expect(await watch.rejection(connector().getClient('3527529'))).toMatchObject({ code: 'VENDOR_AUTH' });
  });
});

describe('Billomat listing', () => {
  it('pages with per_page=1000 and stops at @total: 2,500 clients in 3 calls', async () => {
    const scope = nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(200, clientsPage(1, 1000, 2500))
      .get(`${API}/clients`).query(true).reply(200, clientsPage(1001, 1000, 2500))
      .get(`${API}/clients`).query(true).reply(200, clientsPage(2001, 500, 2500));
    const seen = recordRequests(scope);
    const c = connector();
    expect(await collect(c.listClients())).toHaveLength(2500);
    expect(seen.map((r) => r.query)).toEqual(['per_page=1000&page=1', 'per_page=1000&page=2', 'per_page=1000&page=3']);
    expect(c.capabilities).toMatchObject({ pageSize: 1000, listingHasTotal: true, contactsPerClientCall: true });
  });

  it('reads a one-client list, where "client" is an object, as one record', async () => {
    nock(ORIGIN).get(`${API}/clients`).query(true).reply(200, fixtureJson('golden/billomat/list-one-client.json'));
    const clients = await collect(connector().listClients());
    expect(clients.map((client) => client.id)).toEqual(['3527529']);
  });

  it('reads a list without the "client" key as empty', async () => {
    nock(ORIGIN).get(`${API}/clients`).query(true).reply(200, { clients: { '@page': '1', '@per_page': '1000', '@total': '0' } });
    expect(await collect(connector().listClients())).toEqual([]);
  });

  it('hands over client-property-values as an array whether Billomat sent an object, an array or ""', async () => {
    nock(ORIGIN).get(`${API}/clients`).query(true).reply(200, fixtureJson('billomat/clients-list.json'));
    const clients = await collect(connector().listClients());
    expect(clients.map((client) => (client['client-property-values'] as unknown[]).length)).toEqual([1, 2, 0]);
    expect(clients[0]).toMatchObject({ id: '3527529', zip: '01067', archived: '0', customfield: 'ef-1001' });
  });

  it('reads the XML list, attributes and all, into the same records as the JSON list', async () => {
    nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(200, fixtureText('billomat/clients-list.json'), { 'Content-Type': 'application/json' })
      .get(`${API}/clients`).query(true).reply(200, fixtureText('billomat/clients-list.xml'), { 'Content-Type': 'application/xml' });
    const fromJson = await collect(connector().listClients());
    const fromXml = await collect(connector().listClients());
    expect(fromXml).toEqual(fromJson);
    expect(fromXml[0]?.zip).toBe('01067');
    expect(fromXml[0]?.phone).toBe('0351 4455667');
    expect(fromXml[1]?.name).toBe('Another Corp & Söhne');
  });

  it('reads contacts with one /contacts?client_id= call per client, only when asked', async () => {
    const scope = nock(ORIGIN)
      .get(`${API}/clients`).query(true).twice().reply(200, clientsPage(1, 2, 2))
      .get(`${API}/contacts`).query(true).reply(200, fixtureJson('billomat/contacts-list.json'))
      .get(`${API}/contacts`).query(true).reply(200, { contacts: { '@page': '1', '@per_page': '1000', '@total': '0' } });
    const seen = recordRequests(scope);
    const c = connector();
    const plain = await collect(c.listClients());
    expect(plain[0]).not.toHaveProperty('contacts');
    const withContacts = await collect(c.listClients({ includeContacts: true }));
    expect(seen.filter((r) => r.path === `${API}/contacts`).map((r) => r.query)).toEqual(['client_id=1&per_page=1000&page=1', 'client_id=2&per_page=1000&page=1']);
    expect((withContacts[0]?.contacts as unknown[]).length).toBe(2);
    expect(withContacts[1]?.contacts).toEqual([]);
    expect(c.stats().callsByKind.list).toBe(4);
  });
});

describe('Billomat reads by id', () => {
  it('unwraps {"client":{…}} from the seed 003 XML example, ids and numbers staying strings', async () => {
    nock(ORIGIN).get(`${API}/clients/1`).reply(200, fixtureText('golden/billomat/seed-003-get.xml'), { 'Content-Type': 'application/xml' });
    const client = await connector().getClient('1');
    expect(client).toMatchObject({ id: '1', number: '123', zip: '12345', created: '2007-12-13T12:12:00+01:00', revenue_gross: '1900' });
  });

  it('keeps leading zeros of an XML zip, number and phone', async () => {
    nock(ORIGIN).get(`${API}/clients/4711`).reply(200, fixtureText('golden/billomat/client-leading-zeros.xml'), { 'Content-Type': 'application/xml' });
    expect(await connector().getClient('4711')).toMatchObject({ zip: '01067', number: '0042', mobile: '01701234567' });
  });

  it('reads a 401 for an id after a successful call as a foreign id, not a bad key', async () => {
    nock(ORIGIN)
      .get(`${API}/clients/myself`).reply(200, fixtureJson('golden/billomat/create-response.json'))
      .get(`${API}/clients/1`).reply(401, { errors: { error: 'Unauthorized' } });
    const c = connector();
    await c.check();
    expect(await c.getClient('1')).toBeUndefined();
  });

  it('returns undefined for a 404', async () => {
    nock(ORIGIN).get(`${API}/clients/99`).reply(404, { errors: { error: 'Client not found' } });
    expect(await connector().getClient('99')).toBeUndefined();
  });
});

describe('Billomat creates', () => {
  it('posts {"client":{…}} with the customfield and reports it stored when the answer carries it', async () => {
    const answer = fixtureJson('golden/billomat/create-response.json') as { client: Record<string, unknown> };
    const scope = nock(ORIGIN).post(`${API}/clients`).reply(201, { client: { ...answer.client, name: 'Musterfirma', customfield: 'ef-1001' } });
    const seen = recordRequests(scope);
    const result = await connector().createClient({ name: 'Musterfirma', customfield: 'ef-1001', zip: '01067' });
    expect(seen[0]).toMatchObject({ method: 'POST', path: `${API}/clients`, body: { client: { name: 'Musterfirma', customfield: 'ef-1001', zip: '01067' } } });
    expect(result).toMatchObject({ id: '3562445', externalIdStored: true });
    expect(result.record?.['client-property-values']).toEqual([]);
  });

  it('reports the customfield not stored when the create answer does not carry it', async () => {
    nock(ORIGIN).post(`${API}/clients`).reply(201, fixtureJson('golden/billomat/create-response.json'));
    expect(await connector().createClient({ name: 'x', customfield: 'ef-1001' })).toMatchObject({ externalIdStored: false });
  });

  it('writes custom values through /client-property-values, resolving names once per connector', async () => {
    const scope = nock(ORIGIN)
      .post(`${API}/clients`).twice().reply(201, fixtureJson('golden/billomat/create-response.json'))
      .get(`${API}/client-properties`).query(true).once().reply(200, fixtureJson('billomat/client-properties.json'))
      .post(`${API}/client-property-values`).twice().reply(201, fixtureJson('billomat/client-property-value-create.json'));
    const seen = recordRequests(scope);
    const c = connector();
    const body = { name: 'x', 'client-property-values': [{ name: 'G Suite Domain', value: 'example.org' }, { name: 'Not defined here', value: 'dropped' }] };
    await c.createClient(body);
    await c.createClient({ name: 'y', 'client-property-values': [{ name: 'Newsletter', value: '1' }] });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${API}/clients`,
      `GET ${API}/client-properties`,
      `POST ${API}/client-property-values`,
      `POST ${API}/clients`,
      `POST ${API}/client-property-values`,
    ]);
    expect(seen[0]?.body).toEqual({ client: { name: 'x' } });
    expect(seen[2]?.body).toEqual({ 'client-property-value': { client_id: '3562445', client_property_id: '16022', value: 'example.org' } });
    expect(seen[4]?.body).toEqual({ 'client-property-value': { client_id: '3562445', client_property_id: '16023', value: '1' } });
  });

  it('creates contacts through /contacts only when contacts are asked for', async () => {
    const scope = nock(ORIGIN)
      .post(`${API}/clients`).twice().reply(201, fixtureJson('golden/billomat/create-response.json'))
      .post(`${API}/contacts`).reply(201, fixtureJson('billomat/contact-create.json'));
    const seen = recordRequests(scope);
    const c = connector();
    const body = { name: 'x', contacts: [{ first_name: 'Max', last_name: 'Muster', email: 'max@example.de' }] };
    await c.createClient(body);
    await c.createClient(body, { includeContacts: true });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${API}/clients`, `POST ${API}/clients`, `POST ${API}/contacts`]);
    expect(seen[2]?.body).toEqual({ contact: { first_name: 'Max', last_name: 'Muster', email: 'max@example.de', client_id: '3562445' } });
  });

  it('returns the new id with the failures when a sub-resource write fails after the client was created', async () => {
    nock(ORIGIN)
      .post(`${API}/clients`).reply(201, fixtureJson('golden/billomat/create-response.json'))
      .post(`${API}/contacts`).reply(400, { errors: { error: ['email is invalid', 'name is too long'] } });
    const result = await connector().createClient({ name: 'x', contacts: [{ email: 'not-an-email' }] }, { includeContacts: true });
    result.subresourceErrors?.forEach((error) => { watch.keep(error); });
    expect(result.id).toBe('3562445');
    expect(result.subresourceErrors).toHaveLength(1);
    expect(result.subresourceErrors?.[0]).toMatchObject({ code: 'VENDOR_REJECTED', vendorMessage: 'email is invalid; name is too long' });
  });

  it('never retries a create answered by an HTML 502 page: the outcome is unknown', async () => {
    nock(ORIGIN).post(`${API}/clients`).reply(502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', { 'Content-Type': 'text/html' });
    const c = connector();
    const error = await watch.rejection(c.createClient({ name: 'x' }));
    expect(error).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN', status: 502 });
    expect((error as Error).message).toContain('502 Bad Gateway');
    expect(c.stats().calls).toBe(1);
  });

  it('retries a read answered by an HTML 502 page', async () => {
    nock(ORIGIN)
      .get(`${API}/clients/1`).reply(502, '<html><title>502 Bad Gateway</title></html>', { 'Content-Type': 'text/html' })
      .get(`${API}/clients/1`).reply(200, { client: { id: '1' } });
    const c = connector();
    expect(await c.getClient('1')).toEqual({ id: '1' });
    expect(c.stats()).toMatchObject({ calls: 2, retries: 1 });
  });
});

describe('Billomat updates, archives and deletes', () => {
  it('updates with PUT {"client":{…}} and leaves sub-resources out of that body', async () => {
    const scope = nock(ORIGIN).put(`${API}/clients/3527529`).reply(200, { client: { id: '3527529', name: 'ACME', 'client-property-values': '' } });
    const seen = recordRequests(scope);
    await connector().updateClient('3527529', { name: 'ACME', contacts: [{ email: 'a@example.de' }] });
    expect(seen).toEqual([expect.objectContaining({ method: 'PUT', path: `${API}/clients/3527529`, body: { client: { name: 'ACME' } } })]);
  });

  it('updates changed contacts by id, creates new ones and deletes the ones that are gone', async () => {
    const current = { id: '3527529', contacts: (fixtureJson('billomat/contacts-list.json') as { contacts: { contact: unknown[] } }).contacts.contact };
    const scope = nock(ORIGIN)
      .post(`${API}/contacts`).reply(201, fixtureJson('billomat/contact-create.json'))
      .put(`${API}/contacts/12345`).reply(200, { contact: { id: '12345' } })
      .delete(`${API}/contacts/12346`).reply(200, '');
    const seen = recordRequests(scope);
    const c = connector();
    await c.updateClient(
      '3527529',
      { contacts: [{ first_name: 'John', last_name: 'Doe', email: 'john@example.de', phone: '+49 30 123456' }, { first_name: 'Max', last_name: 'Muster', email: 'max@example.de' }] },
      { includeContacts: true, current },
    );
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${API}/contacts`, `PUT ${API}/contacts/12345`, `DELETE ${API}/contacts/12346`]);
    expect(seen[1]?.body).toEqual({ contact: { first_name: 'John', last_name: 'Doe', email: 'john@example.de', phone: '+49 30 123456' } });
    expect(c.stats().callsByKind).toMatchObject({ create: 1, update: 1, delete: 1, list: 0 });
  });

  it('sets a changed custom value and clears a removed one, leaving an unchanged one alone', async () => {
    const current = (fixtureJson('billomat/clients-list.json') as { clients: { client: Record<string, unknown>[] } }).clients.client[1];
    const scope = nock(ORIGIN)
      .get(`${API}/client-properties`).query(true).reply(200, fixtureJson('billomat/client-properties.json'))
      .post(`${API}/client-property-values`).reply(201, fixtureJson('billomat/client-property-value-create.json'));
    const seen = recordRequests(scope);
    await connector().updateClient('3558064', { 'client-property-values': [{ name: 'G Suite Domain', value: 'a3re.net' }] }, { current: { ...current, 'client-property-values': current?.['client-property-values'] } });
    expect(seen.map((r) => r.body)).toEqual([undefined, { 'client-property-value': { client_id: '3558064', client_property_id: '16023', value: '' } }]);
  });

  it('edits a client that stays archived by unarchiving it with the edit and archiving it again, as Billomat refuses edits of archived clients', async () => {
    const scope = nock(ORIGIN)
      .put(`${API}/clients/3527529`).reply(200, { client: { id: '3527529', city: 'Köln', archived: '0' } })
      .put(`${API}/clients/3527529`).reply(200, { client: { id: '3527529', city: 'Köln', archived: '1' } });
    const seen = recordRequests(scope);
    await connector().updateClient('3527529', { city: 'Köln' }, { current: { id: '3527529', city: 'Bonn', archived: '1' } });
    expect(seen.map((r) => r.body)).toEqual([{ client: { city: 'Köln', archived: 0 } }, { client: { archived: 1 } }]);
  });

  it('edits an archived client it unarchives, and an active one, in one call', async () => {
    const scope = nock(ORIGIN).put(`${API}/clients/3527529`).twice().reply(200, { client: { id: '3527529', archived: '0' } });
    const seen = recordRequests(scope);
    const c = connector();
    await c.updateClient('3527529', { city: 'Köln', archived: 0 }, { current: { id: '3527529', archived: '1' } });
    await c.updateClient('3527529', { city: 'Köln' }, { current: { id: '3527529', archived: '0' } });
    expect(seen.map((r) => r.body)).toEqual([{ client: { city: 'Köln', archived: 0 } }, { client: { city: 'Köln' } }]);
  });

  it('archives with {"client":{"archived":1}}', async () => {
    const scope = nock(ORIGIN).put(`${API}/clients/3527529`).reply(200, { client: { id: '3527529', archived: '1' } });
    const seen = recordRequests(scope);
    await connector().archiveClient('3527529');
    expect(seen[0]?.body).toEqual({ client: { archived: 1 } });
  });

  it('reads a refused delete of a client with documents as VENDOR_DELETE_REFUSED', async () => {
    nock(ORIGIN).delete(`${API}/clients/3527529`).reply(400, { errors: { error: 'Client cannot be deleted, documents exist' } });
    expect(await watch.rejection(connector().deleteClient('3527529'))).toMatchObject({ code: 'VENDOR_DELETE_REFUSED', vendorMessage: 'Client cannot be deleted, documents exist' });
  });

  it('treats a DELETE that finds nothing on its retry as done', async () => {
    const scope = nock(ORIGIN)
      .delete(`${API}/clients/3527529`).replyWithError(networkError('ECONNRESET', 'socket hang up'))
      .delete(`${API}/clients/3527529`).reply(404, { errors: { error: 'Client not found' } });
    const c = connector();
    await c.deleteClient('3527529');
    expect(scope.isDone()).toBe(true);
    expect(c.stats()).toMatchObject({ calls: 2, retries: 1 });
  });
});

describe('Billomat external ids', () => {
  it('writes the customfield through its sub-resource and checks the answer', async () => {
    const scope = nock(ORIGIN).put(`${API}/clients/3527529/customfield`).reply(200, { client: { id: '3527529', customfield: 'ef-1001' } });
    const seen = recordRequests(scope);
    await connector().setExternalId('3527529', 'ef-1001');
    expect(seen[0]?.body).toEqual({ client: { customfield: 'ef-1001' } });
  });

  it('fails when the customfield answer does not carry the value written', async () => {
    nock(ORIGIN).put(`${API}/clients/3527529/customfield`).reply(200, { client: { id: '3527529', customfield: '' } });
    expect(await watch.rejection(connector().setExternalId('3527529', 'ef-1001'))).toMatchObject({ code: 'VENDOR_RESPONSE_INVALID' });
  });

  it('finds clients with ?customfield= and keeps exact matches', async () => {
    const scope = nock(ORIGIN).get(`${API}/clients`).query(true).reply(200, {
      clients: { client: [{ id: '1', customfield: 'ef-1001' }, { id: '2', customfield: 'ef-10010' }], '@page': '1', '@per_page': '1000', '@total': '2' },
    });
    const seen = recordRequests(scope);
    expect((await connector().findByExternalId('ef-1001')).map((client) => client.id)).toEqual(['1']);
    expect(seen[0]?.query).toBe('customfield=ef-1001&per_page=1000&page=1');
  });
});

describe('Billomat credentials', () => {
  it('scrubs the app secret the vendor echoes back', async () => {
    nock(ORIGIN).get(`${API}/clients/1`).reply(400, { errors: { error: `invalid secret ${SECRETS.bmAppSecret}` } });
    const error = await watch.rejection(connector().getClient('1'));
    expect(error).toMatchObject({ code: 'VENDOR_AUTH', vendorMessage: 'invalid secret [REDACTED]' });
  });

  it('never lets a credential into a log line or an error', () => {
    expect(watch.lines.length).toBeGreaterThan(20);
    expect(watch.leaks()).toEqual([]);
  });
});
