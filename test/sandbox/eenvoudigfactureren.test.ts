import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { startSimulator, type EenvoudigfacturenQuirks, type VendorSimulator } from '../../src/sandbox/index.js';
import { call } from './sandbox-client.js';

let simulator: VendorSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: { clients?: number; quirks?: EenvoudigfacturenQuirks } = {}): Promise<VendorSimulator> {
  simulator = await startSimulator({ vendor: 'eenvoudigfactureren', clients: options.clients ?? 0, quirks: options.quirks ?? {} });
  return simulator;
}

type Client = Record<string, unknown> & { contacts: Record<string, string>[]; custom_values: Record<string, string>[] };

async function create(sim: VendorSimulator, body: Record<string, unknown>): Promise<string> {
  const response = await call(sim, 'POST', '/clients', { body });
  expect(response.status, response.text).toBe(201);
  return response.json<{ client_id: string }>().client_id;
}

async function get(sim: VendorSimulator, id: string): Promise<Client> {
  return (await call(sim, 'GET', `/clients/${id}`)).json<Client>();
}

describe('EenvoudigFactureren simulator: format and authentication', () => {
  it('answers XML when the request does not ask for JSON', async () => {
    const sim = await start({ clients: 2 });
    const response = await call(sim, 'GET', '/clients?take=1', { accept: 'none' });
    expect(response.headers.get('content-type')).toContain('application/xml');
    expect(response.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<clients><client><client_id>1001<\/client_id>/);
  });

  it('answers JSON for ?format=json without an Accept header', async () => {
    const sim = await start({ clients: 1 });
    const response = await call(sim, 'GET', '/clients?format=json', { accept: 'none' });
    expect(response.json<unknown[]>()).toHaveLength(1);
  });

  it('refuses a wrong API key with 401 and an error body', async () => {
    const sim = await start();
    const response = await call(sim, 'GET', '/clients', { auth: false, headers: { 'X-API-Key': 'wrong' } });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ error: 'Authentication failed' });
  });

  it('nests contacts and custom values as item elements in XML', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'XML BV', contacts: [{ contact_name: 'Jan', email_address: 'jan@example.be' }] });
    const response = await call(sim, 'GET', `/clients/${id}`, { accept: 'xml' });
    expect(response.text).toContain('<contacts><contact><contact_id>');
    expect(response.text).toContain('<custom_values><custom_value><name>myreference</name><description>Onze referentie</description>');
  });
});

describe('EenvoudigFactureren simulator: listing', () => {
  it('lists clients as a bare array paged with skip and take', async () => {
    const sim = await start({ clients: 5 });
    const page = (await call(sim, 'GET', '/clients?skip=2&take=2')).json<Client[]>();
    expect(page.map((client) => client.client_id)).toEqual(['1003', '1004']);
  });

  it('cuts a take above 100 to 100 without saying so', async () => {
    const sim = await start({ clients: 130 });
    expect((await call(sim, 'GET', '/clients?take=500')).json<unknown[]>()).toHaveLength(100);
  });

  it('refuses a take above the maximum when takeCap is reject', async () => {
    const sim = await start({ clients: 1, quirks: { takeCap: 'reject', maxTake: 50 } });
    const response = await call(sim, 'GET', '/clients?take=51');
    expect(response.status).toBe(400);
    expect(response.json<{ error: string }>().error).toContain('take');
  });

  it('finds clients by external_client_id, duplicates included', async () => {
    const sim = await start({ clients: 3 });
    await create(sim, { name: 'A', external_client_id: 'bm-42' });
    await create(sim, { name: 'B', external_client_id: 'bm-42' });
    const hits = (await call(sim, 'GET', `/clients?filter=${encodeURIComponent('external_client_id=bm-42')}`)).json<Client[]>();
    expect(hits.map((client) => client.name)).toEqual(['A', 'B']);
  });

  it('understands the __eq__ filter syntax and the =~ contains operator', async () => {
    const sim = await start();
    await create(sim, { name: 'Restaurant De Kroon', city: 'Brussel' });
    await create(sim, { name: 'Bakkerij Peeters', city: 'Brussel' });
    const contains = await call(sim, 'GET', `/clients?filter=${encodeURIComponent('city=Brussel,name=~restaurant')}`);
    expect(contains.json<Client[]>().map((client) => client.name)).toEqual(['Restaurant De Kroon']);
    const words = await call(sim, 'GET', '/clients?filter=name__eq__Bakkerij%20Peeters');
    expect(words.json<Client[]>()).toHaveLength(1);
  });

  it('refuses to filter on a nested field', async () => {
    const sim = await start({ clients: 1 });
    const response = await call(sim, 'GET', `/clients?filter=${encodeURIComponent('contacts=x')}`);
    expect(response.status).toBe(400);
  });

  it('answers zero counters as JSON numbers and other counters as strings', async () => {
    const sim = await start({ clients: 1 });
    const id = sim.store.list()[0]!.client_id as string;
    sim.store.markHasDocuments(id);
    const client = await get(sim, id);
    expect(client.invoice_count).toBe('1');
    expect(client.quote_count).toBe(0);
  });
});

describe('EenvoudigFactureren simulator: writes', () => {
  it('answers a create with 201 and a receipt, not the record', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', '/clients', { body: { name: 'IT Services BVBA' } });
    expect(response.status).toBe(201);
    expect(response.json()).toEqual({ success: 'client created', client_id: '1001', uri: `${sim.url}/clients/1001` });
  });

  it('fills documented defaults and derives the Dutch country name from the code', async () => {
    const sim = await start();
    const client = await get(sim, await create(sim, { name: 'X', country_code: 'BE' }));
    expect(client).toMatchObject({ state: 'active', default_language: 'dutch', default_currency: 'EUR', country: 'België', number: '1' });
  });

  it('answers HTTP 200 with code 400 for a body it cannot parse', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', '/clients', { raw: '{"name": "broken' });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ code: 400, error: 'Syntax error' });
    expect(sim.store.count()).toBe(0);
  });

  it('answers HTTP 200 with the UTF-8 message for bytes that are not UTF-8', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', '/clients', { raw: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ code: 400, error: 'Malformed UTF-8 characters, possibly incorrectly encoded' });
  });

  it('refuses a phone number over 20 characters in its own words', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', '/clients', { body: { name: 'X', phone_number: '+32 2 123 45 67 89 00' } });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({ error: 'phone_number too long' });
  });

  it('requires a name on create', async () => {
    const sim = await start();
    expect((await call(sim, 'POST', '/clients', { body: { city: 'Gent' } })).json()).toEqual({ error: 'name required' });
  });

  it('counts characters, not bytes or UTF-16 units, against the 75-character name limit', async () => {
    const sim = await start();
    const atMax = `🍺${'é'.repeat(74)}`;
    expect((await call(sim, 'POST', '/clients', { body: { name: atMax } })).status).toBe(201);
    expect((await call(sim, 'POST', '/clients', { body: { name: `${atMax}x` } })).json()).toEqual({ error: 'name too long' });
  });

  it('accepts an attention of 100 characters (seed 001) and refuses 101', async () => {
    const sim = await start();
    expect((await call(sim, 'POST', '/clients', { body: { name: 'X', attention: 'a'.repeat(100) } })).status).toBe(201);
    expect((await call(sim, 'POST', '/clients', { body: { name: 'X', attention: 'a'.repeat(101) } })).status).toBe(400);
  });

  it('refuses a lower-case country code and an unknown language', async () => {
    const sim = await start();
    expect((await call(sim, 'POST', '/clients', { body: { name: 'X', country_code: 'be' } })).json()).toEqual({ error: 'country_code invalid' });
    expect((await call(sim, 'POST', '/clients', { body: { name: 'X', default_language: 'nl' } })).json()).toEqual({ error: 'default_language invalid' });
  });

  it('checks the modulo 97 of a structured message', async () => {
    const sim = await start();
    expect((await call(sim, 'POST', '/clients', { body: { name: 'X', default_structured_message: '342485986564' } })).status).toBe(201);
    expect((await call(sim, 'POST', '/clients', { body: { name: 'X', default_structured_message: '342485986565' } })).json()).toEqual({ error: 'default_structured_message invalid' });
  });

  it('refuses a customer number that another client holds', async () => {
    const sim = await start();
    await create(sim, { name: 'A', number: 'B12548' });
    expect((await call(sim, 'POST', '/clients', { body: { name: 'B', number: 'B12548' } })).json()).toEqual({ error: 'number not unique' });
  });

  it('accepts the plural layout spelling of seed 001 and answers the singular one', async () => {
    const sim = await start();
    const client = await get(sim, await create(sim, { name: 'X', default_paymentrequests_layout_id: '8001' }));
    expect(client.default_paymentrequest_layout_id).toBe('8001');
    expect(client).not.toHaveProperty('default_paymentrequests_layout_id');
  });

  it('requires a country code inside a delivery address', async () => {
    const sim = await start();
    expect((await call(sim, 'POST', '/clients', { body: { name: 'X', delivery_address: { city: 'Gent' } } })).json()).toEqual({ error: 'delivery_address.country_code required' });
  });

  it('changes only the fields sent on POST /clients/{id}', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'X', city: 'Gent', email_address: 'a@b.be' });
    const response = await call(sim, 'POST', `/clients/${id}`, { body: { city: 'Brugge' } });
    expect(response.json()).toEqual({ success: 'client updated' });
    expect(await get(sim, id)).toMatchObject({ name: 'X', city: 'Brugge', email_address: 'a@b.be' });
  });

  it('clears the fields a PUT leaves out, but keeps contacts when the key is absent', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'X', city: 'Gent', contacts: [{ contact_name: 'Jan', phone_number: '09 123 45 67' }] });
    await call(sim, 'PUT', `/clients/${id}`, { body: { name: 'Y' } });
    const client = await get(sim, id);
    expect(client).toMatchObject({ name: 'Y', city: '' });
    expect(client.contacts).toHaveLength(1);
  });

  it('deletes every contact on a PUT with an empty contacts array', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'X', contacts: [{ contact_name: 'Jan', phone_number: '09 123 45 67' }] });
    await call(sim, 'PUT', `/clients/${id}`, { body: { name: 'X', contacts: [] } });
    expect((await get(sim, id)).contacts).toEqual([]);
  });

  it('updates a nested contact that carries its id and creates one that does not', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'X', contacts: [{ contact_name: 'Jan', phone_number: '09 123 45 67' }] });
    const [jan] = (await get(sim, id)).contacts;
    await call(sim, 'POST', `/clients/${id}`, { body: { contacts: [{ contact_id: jan!.contact_id, contact_name: 'Jan Peeters' }, { contact_name: 'Els', email_address: 'els@x.be' }] } });
    const contacts = (await get(sim, id)).contacts;
    expect(contacts.map((contact) => contact.contact_name)).toEqual(['Jan Peeters', 'Els']);
    expect(contacts[0]!.contact_id).toBe(jan!.contact_id);
  });

  it('deletes all contacts on DELETE of the contacts sub-domain without an id', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'X', contacts: [{ contact_name: 'A', phone_number: '1' }, { contact_name: 'B', phone_number: '2' }] });
    expect((await call(sim, 'DELETE', `/clients/${id}/contacts`)).status).toBe(200);
    expect((await call(sim, 'GET', `/clients/${id}/contacts`)).json()).toEqual([]);
  });

  it('requires an e-mail address or a phone number for a contact', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', '/clients', { body: { name: 'X', contacts: [{ contact_name: 'Jan' }] } });
    expect(response.json()).toEqual({ error: 'email_address or phone_number required' });
  });

  it('stores custom values of fields the account defines and refuses other names', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'X', custom_values: [{ name: 'myreference', value: '123456' }] });
    expect((await get(sim, id)).custom_values).toContainEqual({ name: 'myreference', description: 'Onze referentie', value: '123456' });
    const refused = await call(sim, 'POST', `/clients/${id}`, { body: { custom_values: [{ name: 'nope', value: 'x' }] } });
    expect(refused.status).toBe(400);
  });

  it('archives a client through state', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'X' });
    await call(sim, 'POST', `/clients/${id}`, { body: { state: 'archived' } });
    expect((await get(sim, id)).state).toBe('archived');
  });

  it('reads an XML body with its client root element', async () => {
    const sim = await start();
    const xml = '<client><name>XML BV</name><contacts><contact><contact_name>Jan</contact_name><phone_number>0470</phone_number></contact></contacts></client>';
    const response = await call(sim, 'POST', '/clients', { raw: xml, contentType: 'application/xml' });
    expect(response.status).toBe(201);
    expect(sim.store.list()[0]).toMatchObject({ name: 'XML BV', contacts: [{ contact_name: 'Jan', phone_number: '0470' }] });
  });
});

describe('EenvoudigFactureren simulator: delete', () => {
  it('removes a client without documents', async () => {
    const sim = await start();
    const id = await create(sim, { name: 'X' });
    expect((await call(sim, 'DELETE', `/clients/${id}`)).json()).toEqual({ success: 'client removed' });
    expect((await call(sim, 'GET', `/clients/${id}`)).json()).toEqual({ error: 'client_id unknown' });
  });

  it('refuses to delete a client that has documents', async () => {
    const sim = await start({ clients: 40 });
    const withDocuments = sim.store.list().find((client) => Number(client.invoice_count) > 0);
    expect(withDocuments).toBeDefined();
    const response = await call(sim, 'DELETE', `/clients/${String(withDocuments!.client_id)}`);
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({ error: 'client has documents' });
    expect(sim.store.count()).toBe(40);
  });
});

describe('EenvoudigFactureren simulator: rate limit', () => {
  it('answers 429 with Retry-After once the budget is used, until the window passes', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 0, 10));
    simulator = await startSimulator({ vendor: 'eenvoudigfactureren', clock, rateLimit: { requests: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await call(simulator, 'GET', '/clients')).status).toBe(200);
    const refused = await call(simulator, 'GET', '/clients');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('50');
    clock.advance(50_000);
    expect((await call(simulator, 'GET', '/clients')).status).toBe(200);
  });
});
