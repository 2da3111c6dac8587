import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, VendorError } from '../../src/errors/index.js';
import { loadMapping, type Mapping } from '../../src/mapping/index.js';
import { createEenvoudigFacturerenConnector } from '../../src/vendors/eenvoudigfactureren/index.js';
import type { Credentials, VendorConnector } from '../../src/vendors/types.js';
import { fixtureJson, fixtureText } from '../helpers/fixtures.js';
import { createLeakWatch, createManualClock, networkError, noJitter, recordRequests, SECRETS, type ManualClock } from './support.js';

/*
 * EenvoudigFactureren as it really behaves (VENDORS.md §1, seeds 000/001, wire-decisions.md):
 * X-API-Key or Basic auth, skip/take paging without a total, bare JSON arrays and objects, errors as
 * {"error": …} even with HTTP 200, partial updates with POST, a receipt instead of the record on create.
 */

const ORIGIN = 'https://eenvoudigfactureren.be';
const API = '/api/v1';
const watch = createLeakWatch();
let mapping: Mapping;
let clock: ManualClock;

beforeAll(async () => {
  mapping = await loadMapping('eenvoudigfactureren');
});

afterEach(() => {
  nock.cleanAll();
});

function connector(options: { credentials?: Credentials; pageSize?: number } = {}): VendorConnector {
  clock = createManualClock();
  return createEenvoudigFacturerenConnector({
    name: 'ef-main',
    vendor: 'eenvoudigfactureren',
    credentials: options.credentials ?? { kind: 'apiKey', apiKey: SECRETS.efApiKey },
    mapping,
    clock,
    logger: watch.logger,
    random: noJitter,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
  });
}

const page = (count: number, from = 1): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => ({ client_id: String(from + i), name: `Client ${from + i}`, contacts: [] }));

async function collect(iterable: AsyncIterable<Record<string, unknown>>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('EenvoudigFactureren authentication', () => {
  it('sends the API key as X-API-Key and asks for JSON', async () => {
    const scope = nock(ORIGIN).get(`${API}/clients/67445`).reply(200, fixtureJson('golden/eenvoudigfactureren/vendors-2017-client.json'));
    const seen = recordRequests(scope);
    await connector().getClient('67445');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers['x-api-key']).toBe(SECRETS.efApiKey);
    expect(seen[0]?.headers.accept).toBe('application/json');
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('sends Basic e-mail:password and the X-AccountId that picks the account', async () => {
    const scope = nock(ORIGIN).get(`${API}/clients/1`).reply(200, { client_id: '1' });
    const seen = recordRequests(scope);
    await connector({ credentials: { kind: 'basic', username: SECRETS.efEmail, password: SECRETS.efPassword, accountId: '4242' } }).getClient('1');
    const expected = `Basic ${Buffer.from(`${SECRETS.efEmail}:${SECRETS.efPassword}`).toString('base64')}`;
    expect(seen[0]?.headers.authorization).toBe(expected);
    expect(seen[0]?.headers['x-accountid']).toBe('4242');
    expect(seen[0]?.headers['x-api-key']).toBeUndefined();
  });

  it('refuses Billomat credentials before any call', () => {
    expect(() => connector({ credentials: { kind: 'billomat', apiKey: SECRETS.bmApiKey } })).toThrow(ConfigError);
  });
});

describe('EenvoudigFactureren listing', () => {
  it('pages with skip and take and stops at a page shorter than an earlier one', async () => {
    const scope = nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(200, page(100, 1))
      .get(`${API}/clients`).query(true).reply(200, page(37, 101));
    const seen = recordRequests(scope);
    const clients = await collect(connector().listClients());
    expect(clients).toHaveLength(137);
    expect(seen.map((r) => r.query)).toEqual(['skip=0&take=100', 'skip=100&take=100']);
    expect(scope.isDone()).toBe(true);
  });

  it('closes a single short first page with one empty page', async () => {
    const scope = nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(200, page(30))
      .get(`${API}/clients`).query(true).reply(200, []);
    const seen = recordRequests(scope);
    const c = connector();
    expect(await collect(c.listClients())).toHaveLength(30);
    expect(seen.map((r) => r.query)).toEqual(['skip=0&take=100', 'skip=30&take=100']);
    expect(c.stats().callsByKind.list).toBe(2);
  });

  it('keeps reading when the server silently caps the page size', async () => {
    const scope = nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(200, page(50, 1))
      .get(`${API}/clients`).query(true).reply(200, page(50, 51))
      .get(`${API}/clients`).query(true).reply(200, page(20, 101));
    const seen = recordRequests(scope);
    expect(await collect(connector().listClients())).toHaveLength(120);
    expect(seen.map((r) => r.query)).toEqual(['skip=0&take=100', 'skip=50&take=100', 'skip=100&take=100']);
  });

  it('hands over the loosely typed record exactly as EenvoudigFactureren sent it', async () => {
    nock(ORIGIN).get(`${API}/clients`).query(true).reply(200, [fixtureJson('golden/eenvoudigfactureren/vendors-2017-client.json')])
      .get(`${API}/clients`).query(true).reply(200, []);
    const [client] = await collect(connector().listClients());
    expect(client).toMatchObject({ client_id: '67445', invoice_count: 0, quote_count: '1', postal_code: '9300' });
  });

  it('reads an XML answer into the same records as the JSON answer, leading zeros and entities included', async () => {
    nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(200, fixtureText('eenvoudigfactureren/clients-page.xml'), { 'Content-Type': 'application/xml' })
      .get(`${API}/clients`).query(true).reply(200, '<clients></clients>', { 'Content-Type': 'application/xml' });
    const fromXml = await collect(connector().listClients());
    expect(fromXml).toEqual(fixtureJson('eenvoudigfactureren/clients-page.json'));
    expect(fromXml[0]?.phone_number).toBe('0470123456');
    expect(fromXml[1]?.number).toBe('0177');
    expect(fromXml[1]?.name).toBe('Garage <Noord>');
  });

  it('reads a single client from the seed 001 XML example with its lists as arrays', async () => {
    nock(ORIGIN).get(`${API}/clients/1001`).reply(200, fixtureText('golden/eenvoudigfactureren/seed-001-client.xml'), { 'Content-Type': 'text/xml' });
    const client = await connector().getClient('1001');
    expect(client?.contacts).toEqual([
      { contact_id: '2002', uri: 'https://eenvoudigfactureren.be/api/v1/clients/1001/contacts/2002', contact_name: 'John Smith', email_address: 'john.smith@hisdomain.com', phone_number: '098/90.20.20' },
    ]);
    expect(client?.custom_values).toEqual([{ name: 'myreference', description: 'Onze referentie', value: '123456' }]);
    expect(client?.details).toHaveLength(1);
    expect(client?.private_note_html).toBe('<p>Betaald steeds correct.</p>');
  });

  it('fails a listing whose answer is not a list of clients', async () => {
    nock(ORIGIN).get(`${API}/clients`).query(true).reply(200, { unexpected: true });
    const error = await watch.rejection(collect(connector().listClients()));
    expect(error).toMatchObject({ code: 'VENDOR_RESPONSE_INVALID' });
  });
});

describe('EenvoudigFactureren reads by id', () => {
  it('returns undefined for an unknown id answered 404 {"error":"client_id unknown"}', async () => {
    nock(ORIGIN).get(`${API}/clients/999`).reply(404, { error: 'client_id unknown' });
    expect(await connector().getClient('999')).toBeUndefined();
  });

  it('returns undefined for an unknown id answered in XML with HTTP 200', async () => {
    nock(ORIGIN).get(`${API}/clients/999`).reply(200, '<data><error>client_id unknown</error></data>', { 'Content-Type': 'application/xml' });
    expect(await connector().getClient('999')).toBeUndefined();
  });
});

describe('EenvoudigFactureren creates', () => {
  it('posts the flat body as JSON and takes the id from the 201 receipt', async () => {
    const scope = nock(ORIGIN).post(`${API}/clients`).reply(201, fixtureJson('eenvoudigfactureren/create-receipt.json'));
    const seen = recordRequests(scope);
    const c = connector();
    const result = await c.createClient({ name: 'IT Services BVBA', external_client_id: 'bm-3527529', postal_code: '2000' });
    expect(result).toEqual({ id: '67290', externalIdStored: true });
    expect(seen[0]).toMatchObject({ method: 'POST', path: `${API}/clients`, query: '', body: { name: 'IT Services BVBA', external_client_id: 'bm-3527529', postal_code: '2000' } });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(c.stats().callsByKind.create).toBe(1);
  });

  it('leaves nested contacts out of a create unless contacts are asked for', async () => {
    const scope = nock(ORIGIN).post(`${API}/clients`).twice().reply(201, fixtureJson('eenvoudigfactureren/create-receipt.json'));
    const seen = recordRequests(scope);
    const c = connector();
    const body = { name: 'A', contacts: [{ contact_name: 'Jan' }] };
    await c.createClient(body);
    await c.createClient(body, { includeContacts: true });
    expect(seen.map((r) => r.body)).toEqual([{ name: 'A' }, body]);
  });

  it('treats {"code":400,"error":"Syntax error"} sent with HTTP 200 as a refusal', async () => {
    nock(ORIGIN).post(`${API}/clients`).reply(200, { code: 400, error: 'Syntax error' });
    const error = await watch.rejection(connector().createClient({ name: 'x' }));
    expect(error).toBeInstanceOf(VendorError);
    expect(error).toMatchObject({ code: 'VENDOR_REJECTED', status: 200, vendorMessage: 'Syntax error' });
  });

  it('rejects with the vendor message on a 400 and never retries it', async () => {
    const scope = nock(ORIGIN).post(`${API}/clients`).reply(400, { error: 'phone_number too long' });
    const c = connector();
    const error = await watch.rejection(c.createClient({ name: 'x', phone_number: '0'.repeat(30) }));
    expect(error).toMatchObject({ code: 'VENDOR_REJECTED', vendorMessage: 'phone_number too long' });
    expect((error as Error).message).toContain('phone_number too long');
    expect(c.stats().calls).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it('never retries a create after a connection reset: the outcome is unknown', async () => {
    nock(ORIGIN).post(`${API}/clients`).replyWithError(networkError('ECONNRESET', 'socket hang up'));
    const c = connector();
    const error = await watch.rejection(c.createClient({ name: 'x' }));
    expect(error).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN', kind: 'transient' });
    expect(c.stats()).toMatchObject({ calls: 1, retries: 0 });
  });

  it('never retries a create after a timeout: the outcome is unknown', async () => {
    nock(ORIGIN).post(`${API}/clients`).replyWithError(networkError('ETIMEDOUT', 'timeout of 30000ms exceeded'));
    const error = await watch.rejection(connector().createClient({ name: 'x' }));
    expect(error).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN' });
  });

  it('reports a create that never left (connection refused) as unavailable, not unknown', async () => {
    nock(ORIGIN).post(`${API}/clients`).replyWithError(networkError('ECONNREFUSED'));
    const c = connector();
    const error = await watch.rejection(c.createClient({ name: 'x' }));
    expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(c.stats().calls).toBe(1);
  });

  it('retries a create refused by a 429 after the Retry-After the vendor gave', async () => {
    const scope = nock(ORIGIN)
      .post(`${API}/clients`).reply(429, { error: 'Too many requests' }, { 'Retry-After': '30' })
      .post(`${API}/clients`).reply(201, fixtureJson('eenvoudigfactureren/create-receipt.json'));
    const c = connector();
    const start = clock.now();
    const seen = recordRequests(scope, clock);
    expect((await c.createClient({ name: 'x' })).id).toBe('67290');
    expect(seen.map((r) => r.at - start)).toEqual([0, 30_000]);
    expect(c.stats()).toMatchObject({ calls: 2, retries: 1, limitResponses: 1, rateWaitMs: 30_000 });
  });

  it('gives up with VENDOR_RATE_LIMITED when the vendor asks for a wait longer than the connection accepts', async () => {
    nock(ORIGIN).get(`${API}/clients/1`).reply(429, { error: 'Too many requests' }, { 'Retry-After': '7200' });
    const c = connector();
    const error = await watch.rejection(c.getClient('1'));
    expect(error).toMatchObject({ code: 'VENDOR_RATE_LIMITED', retryAfterMs: 7_200_000, kind: 'transient' });
    expect(c.stats()).toMatchObject({ calls: 1, limitResponses: 1, rateWaitMs: 0 });
  });

  it('reads a create receipt it cannot understand as an unknown outcome', async () => {
    nock(ORIGIN).post(`${API}/clients`).reply(201, { success: 'client created' });
    const error = await watch.rejection(connector().createClient({ name: 'x' }));
    expect(error).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN' });
  });
});

describe('EenvoudigFactureren updates, archives and deletes', () => {
  it('updates with a partial POST /clients/{id}, never PUT', async () => {
    const scope = nock(ORIGIN).post(`${API}/clients/67445`).reply(200, { success: 'client updated' });
    const seen = recordRequests(scope);
    const c = connector();
    await c.updateClient('67445', { email_address: 'new@example.be', contacts: [{ contact_name: 'Jan' }] });
    expect(seen).toEqual([expect.objectContaining({ method: 'POST', path: `${API}/clients/67445`, body: { email_address: 'new@example.be' } })]);
    expect(c.stats().callsByKind).toMatchObject({ update: 1 });
  });

  it('writes contacts by contact_id, creates new ones and deletes the ones that are gone', async () => {
    const current = fixtureJson('eenvoudigfactureren/clients-page.json') as unknown as Record<string, unknown>[];
    const scope = nock(ORIGIN)
      .post(`${API}/clients/67446`).reply(200, { success: 'client updated' })
      .delete(`${API}/clients/67446/contacts/44584`).reply(200, { success: 'contact removed' });
    const seen = recordRequests(scope);
    await connector().updateClient(
      '67446',
      { name: 'Garage Noord', contacts: [{ contact_name: 'An', email_address: 'an@example.be', phone_number: '0499 99 99 99' }, { contact_name: 'Carla', email_address: 'carla@example.be' }] },
      { includeContacts: true, current: current[1] },
    );
    expect(seen.map((r) => [r.method, r.path])).toEqual([['POST', `${API}/clients/67446`], ['DELETE', `${API}/clients/67446/contacts/44584`]]);
    expect(seen[0]?.body).toEqual({
      name: 'Garage Noord',
      contacts: [
        { contact_name: 'An', email_address: 'an@example.be', phone_number: '0499 99 99 99', contact_id: '44583' },
        { contact_name: 'Carla', email_address: 'carla@example.be' },
      ],
    });
  });

  it('removes every contact with one DELETE each and never sends an empty contacts list', async () => {
    const current = (fixtureJson('eenvoudigfactureren/clients-page.json') as unknown as Record<string, unknown>[])[1];
    const scope = nock(ORIGIN)
      .delete(`${API}/clients/67446/contacts/44583`).reply(200, { success: 'contact removed' })
      .delete(`${API}/clients/67446/contacts/44584`).reply(404, { error: 'contact_id unknown' });
    const seen = recordRequests(scope);
    await connector().updateClient('67446', { contacts: [] }, { includeContacts: true, current });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE ${API}/clients/67446/contacts/44583`, `DELETE ${API}/clients/67446/contacts/44584`]);
  });

  it('does not retry an update that creates contacts after an ambiguous failure', async () => {
    nock(ORIGIN).post(`${API}/clients/67445`).reply(502, '<html><head><title>502 Bad Gateway</title></head></html>', { 'Content-Type': 'text/html' });
    const c = connector();
    const error = await watch.rejection(c.updateClient('67445', { contacts: [{ contact_name: 'New' }] }, { includeContacts: true, current: { client_id: '67445', contacts: [] } }));
    expect(error).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN' });
    expect(c.stats().calls).toBe(1);
  });

  it('archives by setting state to archived', async () => {
    const scope = nock(ORIGIN).post(`${API}/clients/67445`).reply(200, { success: 'client updated' });
    const seen = recordRequests(scope);
    await connector().archiveClient('67445');
    expect(seen[0]?.body).toEqual({ state: 'archived' });
  });

  it('reports a delete refused because the client has documents as VENDOR_DELETE_REFUSED', async () => {
    nock(ORIGIN).delete(`${API}/clients/67446`).reply(400, { error: 'client has documents' });
    const error = await watch.rejection(connector().deleteClient('67446'));
    expect(error).toMatchObject({ code: 'VENDOR_DELETE_REFUSED', vendorMessage: 'client has documents' });
  });

  it('deletes a client with DELETE /clients/{id}', async () => {
    const scope = nock(ORIGIN).delete(`${API}/clients/67445`).reply(200, { success: 'client removed' });
    await connector().deleteClient('67445');
    expect(scope.isDone()).toBe(true);
  });
});

describe('EenvoudigFactureren external ids', () => {
  it('finds clients with filter=external_client_id%3D… and keeps exact matches only', async () => {
    const scope = nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(200, [{ client_id: '1', external_client_id: 'bm-1' }, { client_id: '2', external_client_id: 'BM-1' }, { client_id: '3', external_client_id: 'bm-1' }])
      .get(`${API}/clients`).query(true).reply(200, []);
    const seen = recordRequests(scope);
    const found = await connector().findByExternalId('bm-1');
    expect(found.map((client) => client.client_id)).toEqual(['1', '3']);
    expect(seen[0]?.query).toBe('filter=external_client_id%3Dbm-1&skip=0&take=100');
  });

  it('writes the external id with a partial update', async () => {
    const scope = nock(ORIGIN).post(`${API}/clients/67445`).reply(200, { success: 'client updated' });
    const seen = recordRequests(scope);
    await connector().setExternalId('67445', 'fs-1234');
    expect(seen[0]?.body).toEqual({ external_client_id: 'fs-1234' });
  });
});

describe('EenvoudigFactureren retries and checks', () => {
  it('retries a read after a 503 with backoff and counts both calls', async () => {
    const scope = nock(ORIGIN)
      .get(`${API}/clients/1`).reply(503, 'Service Unavailable', { 'Content-Type': 'text/plain' })
      .get(`${API}/clients/1`).reply(200, { client_id: '1' });
    const c = connector();
    const start = clock.now();
    const seen = recordRequests(scope, clock);
    expect(await c.getClient('1')).toEqual({ client_id: '1' });
    // First retry: base 500 ms × jitter ~1.
    expect(seen.map((r) => r.at - start)).toEqual([0, 500]);
    expect(c.stats()).toMatchObject({ calls: 2, retries: 1, limitResponses: 0, callsByKind: { get: 2 } });
  });

  it('gives up after three retries of a read and says the vendor is unavailable', async () => {
    nock(ORIGIN).get(`${API}/clients/1`).times(4).reply(500, { error: 'internal error' });
    const c = connector();
    const error = await watch.rejection(c.getClient('1'));
    expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE', status: 500 });
    expect(c.stats()).toMatchObject({ calls: 4, retries: 3 });
  });

  it('checks the credentials with a one-record list', async () => {
    const scope = nock(ORIGIN).get(`${API}/clients`).query(true).reply(200, page(1));
    const seen = recordRequests(scope);
    expect(await connector().check()).toEqual({ outcome: 'ok', message: 'credentials accepted' });
    expect(seen[0]?.query).toBe('take=1');
  });

  it('tells a wrong key from a wrong URL from a vendor that is down', async () => {
    nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(401, { error: 'Authentication failed' })
      .get(`${API}/clients`).query(true).reply(404, '<!DOCTYPE html><html><title>Not Found</title></html>', { 'Content-Type': 'text/html' })
      .get(`${API}/clients`).query(true).reply(200, '<!DOCTYPE html><html><title>Welcome</title></html>', { 'Content-Type': 'text/html' })
      .get(`${API}/clients`).query(true).reply(502, '<html><title>502 Bad Gateway</title></html>', { 'Content-Type': 'text/html' })
      .get(`${API}/clients`).query(true).replyWithError(networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND'));
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const result = await connector().check();
      watch.keep(result);
      outcomes.push(result.outcome);
    }
    expect(outcomes).toEqual(['wrong-credentials', 'wrong-url', 'wrong-url', 'vendor-down', 'wrong-url']);
  });
});

describe('EenvoudigFactureren credentials', () => {
  it('scrubs a key the vendor echoes back in its error message', async () => {
    nock(ORIGIN).get(`${API}/clients/1`).reply(401, { error: `Invalid API key ${SECRETS.efApiKey}` });
    const error = await watch.rejection(connector().getClient('1'));
    expect(error).toMatchObject({ code: 'VENDOR_AUTH', vendorMessage: 'Invalid API key [REDACTED]' });
  });

  it('never lets a credential into a log line or an error', () => {
    expect(watch.lines.length).toBeGreaterThan(20);
    expect(watch.leaks()).toEqual([]);
  });
});
