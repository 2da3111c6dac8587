import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type Clock } from '../../src/clock.js';
import { startSimulator, type BillomatQuirks, type VendorSimulator } from '../../src/sandbox/index.js';
import { call } from './sandbox-client.js';

let simulator: VendorSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: { clients?: number; quirks?: BillomatQuirks; clock?: Clock; requests?: number } = {}): Promise<VendorSimulator> {
  simulator = await startSimulator({
    vendor: 'billomat',
    clients: options.clients ?? 0,
    quirks: options.quirks ?? {},
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.requests === undefined ? {} : { rateLimit: { requests: options.requests } }),
  });
  return simulator;
}

type Client = Record<string, unknown>;
interface ClientList {
  clients: { client?: Client | Client[]; '@page': string; '@per_page': string; '@total': string };
}

async function create(sim: VendorSimulator, client: Record<string, unknown>): Promise<Client> {
  const response = await call(sim, 'POST', '/clients', { body: { client } });
  expect(response.status, response.text).toBe(201);
  return response.json<{ client: Client }>().client;
}

describe('Billomat simulator: format and authentication', () => {
  it('refuses a wrong API key with 401 and an errors body', async () => {
    const sim = await start();
    const response = await call(sim, 'GET', '/clients', { auth: false, headers: { 'X-BillomatApiKey': 'wrong' } });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ errors: { error: 'Unauthorized' } });
  });

  it('accepts the API key as the api_key query parameter', async () => {
    const sim = await start();
    expect((await call(sim, 'GET', '/clients?api_key=sandbox-billomat-key', { auth: false })).status).toBe(200);
  });

  it('answers XML by default with the paging data as attributes', async () => {
    const sim = await start({ clients: 2 });
    const response = await call(sim, 'GET', '/clients', { accept: 'none' });
    expect(response.headers.get('content-type')).toContain('application/xml');
    expect(response.text).toContain('<clients page="1" per_page="100" total="2"><client><id>3527529</id>');
  });

  it('answers the own account for /clients/myself', async () => {
    const sim = await start();
    expect((await call(sim, 'GET', '/clients/myself')).json()).toHaveProperty('client.name', 'Sandbox GmbH');
  });
});

describe('Billomat simulator: listing', () => {
  it('answers an array when there are several clients', async () => {
    const sim = await start({ clients: 3 });
    const list = (await call(sim, 'GET', '/clients')).json<ClientList>();
    expect(Array.isArray(list.clients.client)).toBe(true);
    expect(list.clients).toMatchObject({ '@page': '1', '@per_page': '100', '@total': '3' });
  });

  it('answers a single object, not an array, when exactly one client matches', async () => {
    const sim = await start({ clients: 3 });
    const list = (await call(sim, 'GET', '/clients?per_page=2&page=2')).json<ClientList>();
    expect(list.clients.client).toMatchObject({ id: '3527531' });
    expect(Array.isArray(list.clients.client)).toBe(false);
  });

  it('leaves the client key out when nothing matches', async () => {
    const sim = await start({ clients: 3 });
    const list = (await call(sim, 'GET', '/clients?page=2')).json<ClientList>();
    expect(list).toEqual({ clients: { '@page': '2', '@per_page': '100', '@total': '3' } });
  });

  it('pages 1,100 clients in pages of at most 1000', async () => {
    const sim = await start({ clients: 1100 });
    const sizes: number[] = [];
    for (let page = 1; page <= 2; page++) {
      const list = (await call(sim, 'GET', `/clients?per_page=5000&page=${String(page)}`)).json<ClientList>();
      expect(list.clients['@per_page']).toBe('1000');
      sizes.push((list.clients.client as Client[]).length);
    }
    expect(sizes).toEqual([1000, 100]);
  });

  it('counts the matches of a HEAD request in X-Total-Count', async () => {
    const sim = await start({ clients: 7 });
    const response = await fetch(`${sim.url}/clients`, { method: 'HEAD', headers: { 'X-BillomatApiKey': 'sandbox-billomat-key' } });
    expect(response.headers.get('x-total-count')).toBe('7');
  });

  it('filters names case-insensitively by contains', async () => {
    const sim = await start();
    await create(sim, { name: 'Musterfirma GmbH' });
    await create(sim, { name: 'Beispiel AG' });
    const list = (await call(sim, 'GET', '/clients?name=gmbh')).json<ClientList>();
    expect(list.clients.client).toMatchObject({ name: 'Musterfirma GmbH' });
  });
});

describe('Billomat simulator: customfield and properties', () => {
  it('ignores customfield in the create body by default', async () => {
    const sim = await start();
    expect((await create(sim, { name: 'A', customfield: 'ef-1' })).customfield).toBe('');
  });

  it('stores customfield from the create body when customfieldInCreate is on', async () => {
    const sim = await start({ quirks: { customfieldInCreate: true } });
    expect((await create(sim, { name: 'A', customfield: 'ef-1' })).customfield).toBe('ef-1');
  });

  it('writes customfield through its sub-resource and finds the client by it', async () => {
    const sim = await start({ clients: 5 });
    const { id } = await create(sim, { name: 'A' });
    const written = await call(sim, 'PUT', `/clients/${String(id)}/customfield`, { body: { client: { customfield: 'fs-77' } } });
    expect(written.json()).toEqual({ client: { id, customfield: 'fs-77' } });
    expect((await call(sim, 'GET', `/clients/${String(id)}/customfield`)).json()).toEqual({ client: { id, customfield: 'fs-77' } });
    const found = (await call(sim, 'GET', '/clients?customfield=fs-77')).json<ClientList>();
    expect(found.clients.client).toMatchObject({ id, name: 'A' });
  });

  it('nests one property value as an object and two as an array', async () => {
    const sim = await start();
    const { id } = await create(sim, { name: 'A' });
    expect((await call(sim, 'GET', `/clients/${String(id)}`)).json()).toHaveProperty('client.client-property-values', '');
    await call(sim, 'POST', '/client-property-values', { body: { 'client-property-value': { client_id: id, client_property_id: 16022, value: 'a.de' } } });
    const one = (await call(sim, 'GET', `/clients/${String(id)}`)).json<{ client: Client }>().client['client-property-values'];
    expect(one).toMatchObject({ 'client-property-value': { client_property_id: '16022', value: 'a.de', name: 'G Suite Domain' } });
    await call(sim, 'POST', '/client-property-values', { body: { 'client-property-value': { client_id: id, client_property_id: 16024, value: 1 } } });
    const two = (await call(sim, 'GET', `/clients/${String(id)}`)).json<{ client: Client }>().client['client-property-values'] as Record<string, unknown>;
    expect(two['client-property-value']).toHaveLength(2);
    expect((await call(sim, 'GET', '/clients?property16024=1')).json<ClientList>().clients['@total']).toBe('1');
  });
});

describe('Billomat simulator: writes', () => {
  it('answers a create with 201 and the full object with derived fields', async () => {
    const sim = await start();
    const client = await create(sim, { name: 'Musterfirma', first_name: 'Max', last_name: 'Muster', street: 'Musterstraße 1', city: 'Musterhausen' });
    expect(client).toMatchObject({ id: '3527529', archived: '0', client_number: 'KD1', country_code: 'DE', address: 'Musterfirma\nMax Muster\nMusterstraße 1\nMusterhausen' });
    expect(client.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });

  it('reads an XML body wrapped in its client element', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', '/clients', { raw: '<client><name>XML GmbH</name><country_code>AT</country_code></client>', contentType: 'application/xml', accept: 'none' });
    expect(response.status).toBe(201);
    expect(response.text).toContain('<name>XML GmbH</name>');
  });

  it('changes only the fields sent on PUT and answers the edited object', async () => {
    const sim = await start();
    const { id } = await create(sim, { name: 'A', city: 'Köln' });
    const response = await call(sim, 'PUT', `/clients/${String(id)}`, { body: { client: { name: 'ACME' } } });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ client: { id, name: 'ACME', city: 'Köln' } });
  });

  it('refuses to update an archived client unless the body unarchives it', async () => {
    const sim = await start();
    const { id } = await create(sim, { name: 'A', archived: 1 });
    expect((await call(sim, 'PUT', `/clients/${String(id)}`, { body: { client: { name: 'B' } } })).status).toBe(400);
    expect((await call(sim, 'PUT', `/clients/${String(id)}`, { body: { client: { name: 'B', archived: 0 } } })).status).toBe(200);
  });

  it('stores an e-mail address, VAT number and IBAN as sent, as real Billomat answers hold them', async () => {
    const sim = await start();
    const { id } = await create(sim, { name: 'A', email: 'testemailvonfirma@-acme.com', vat_number: 'DE1234567', bank_iban: 'IBAN' });
    const read = (await call(sim, 'GET', `/clients/${String(id)}`)).json<{ client: Record<string, unknown> }>();
    expect(read.client).toMatchObject({ email: 'testemailvonfirma@-acme.com', vat_number: 'DE1234567', bank_iban: 'IBAN' });
  });

  it('reports one error as a string and several as an array (with the checkFormats quirk)', async () => {
    const sim = await start({ quirks: { checkFormats: true } });
    expect((await call(sim, 'POST', '/clients', { body: { client: { email: 'not-an-address' } } })).json()).toEqual({ errors: { error: 'email: invalid value' } });
    const several = await call(sim, 'POST', '/clients', { body: { client: { email: 'x', bank_iban: 'IBAN', vat_number: 'DE123456789' } } });
    expect(several.status).toBe(400);
    expect(several.json()).toEqual({ errors: { error: ['email: invalid value', 'vat_number: invalid value', 'bank_iban: invalid value'] } });
  });

  it('answers 401, not 404, for an id outside the account', async () => {
    const sim = await start();
    expect((await call(sim, 'GET', '/clients/1')).status).toBe(401);
  });

  it('answers 404 for an unknown id when foreignIdStatus is 404', async () => {
    const sim = await start({ quirks: { foreignIdStatus: 404 } });
    expect((await call(sim, 'GET', '/clients/1')).status).toBe(404);
  });

  it('refuses to delete a client that has documents', async () => {
    const sim = await start();
    const { id } = await create(sim, { name: 'A' });
    sim.store.markHasDocuments(String(id));
    const response = await call(sim, 'DELETE', `/clients/${String(id)}`);
    expect(response.status).toBe(400);
    expect(response.json()).toEqual({ errors: { error: 'Client cannot be deleted, documents exist' } });
    sim.store.markHasDocuments(String(id), false);
    expect((await call(sim, 'DELETE', `/clients/${String(id)}`)).status).toBe(200);
    expect(sim.store.count()).toBe(0);
  });
});

describe('Billomat simulator: contacts', () => {
  it('lists contacts only per client', async () => {
    const sim = await start();
    expect((await call(sim, 'GET', '/contacts')).status).toBe(400);
  });

  it('creates a contact for a client and lists it as a single object', async () => {
    const sim = await start();
    const { id } = await create(sim, { name: 'Musterfirma' });
    const created = await call(sim, 'POST', '/contacts', { body: { contact: { client_id: id, first_name: 'John', last_name: 'Doe', email: 'john@example.com' } } });
    expect(created.status).toBe(201);
    const list = (await call(sim, 'GET', `/contacts?client_id=${String(id)}`)).json<{ contacts: { contact: Client } }>();
    expect(list.contacts.contact).toMatchObject({ client_id: id, first_name: 'John', address: 'Musterfirma\nJohn Doe' });
  });
});

describe('Billomat simulator: rate limit', () => {
  it('counts down X-Rate-Limit-Remaining and names the next quarter hour in X-Rate-Limit-Reset', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 7, 0));
    const sim = await start({ clock });
    const response = await call(sim, 'GET', '/clients');
    expect(response.headers.get('x-rate-limit-remaining')).toBe('299');
    expect(response.headers.get('x-rate-limit-reset')).toBe(String(Date.UTC(2026, 0, 5, 9, 15) / 1000));
  });

  it('answers 429 after 300 requests in a window and serves again in the next one', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 10, 54));
    const sim = await start({ clock });
    for (let i = 0; i < 300; i++) await call(sim, 'GET', '/clients/myself');
    const refused = await call(sim, 'GET', '/clients');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(refused.json()).toEqual({ errors: { error: 'Maximum number of requests (300 per 15 minutes) reached. Try again in 246 seconds.' } });
    clock.advance(246_000);
    expect((await call(sim, 'GET', '/clients')).headers.get('x-rate-limit-remaining')).toBe('299');
  });

  it('passes a 15-minute window in about a second of real time with timeScale 900', async () => {
    simulator = await startSimulator({ vendor: 'billomat', timeScale: 900, rateLimit: { requests: 2 } });
    const sim = simulator;
    const resetOf = (answer: Awaited<ReturnType<typeof call>>): number => Number(answer.headers.get('x-rate-limit-reset')) * 1000;
    // A window lasts one real second: on a loaded machine three calls can straddle two windows. Three
    // calls that share one (the same reset) must see the third refused; otherwise start at the next.
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    for (let attempt = 0; attempt < 10 && refused === undefined; attempt++) {
      const answers = [await call(sim, 'GET', '/clients'), await call(sim, 'GET', '/clients'), await call(sim, 'GET', '/clients')];
      const resets = new Set(answers.map(resetOf));
      if (resets.size === 1) refused = answers[2];
      else await sim.clock.sleep(Math.max(...resets) - sim.clock.now());
    }
    expect(refused?.status).toBe(429);
    if (refused === undefined) return;
    const reset = resetOf(refused);
    await sim.clock.sleep(reset - sim.clock.now());
    expect((await call(sim, 'GET', '/clients')).status).toBe(200);
  });
});
