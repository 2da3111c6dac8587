import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { startSimulator, type FactuursturenQuirks, type VendorSimulator } from '../../src/sandbox/index.js';
import type { Clock } from '../../src/clock.js';
import { call } from './sandbox-client.js';

let simulator: VendorSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: { clients?: number; quirks?: FactuursturenQuirks; clock?: Clock; requests?: number } = {}): Promise<VendorSimulator> {
  simulator = await startSimulator({
    vendor: 'factuursturen',
    clients: options.clients ?? 0,
    quirks: options.quirks ?? {},
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.requests === undefined ? {} : { rateLimit: { requests: options.requests } }),
  });
  return simulator;
}

type Client = Record<string, unknown>;

async function create(sim: VendorSimulator, body: Record<string, unknown>): Promise<string> {
  const response = await call(sim, 'POST', '/clients', { body });
  expect(response.status, response.text).toBe(201);
  return response.text;
}

async function get(sim: VendorSimulator, clientnr: string): Promise<Client> {
  return (await call(sim, 'GET', `/clients/${clientnr}`)).json<{ client: Client }>().client;
}

// The create example of seed 002, as JSON.
const SEED_002_EXAMPLE = {
  contact: 'John Doe',
  showcontact: true,
  company: 'Johnny Bravo Inc.',
  address: 'Sir John Road 100',
  zipcode: '1337 JB',
  city: 'Johnsville',
  country: 146,
  phone: '010 123 4567',
  mobile: '0612 34 56 78',
  email: 'johnny@bravo.com',
  bankcode: 'NL91INGB0001234567',
  biccode: 'INGBNL2A',
  taxnumber: 'NL001234567B01',
  tax_shifted: false,
  sendmethod: 'email',
  paymentmethod: 'bank',
  top: 3,
  stddiscount: 5.3,
  mailintro: 'Dear Johnny,',
  reference: { line1: 'Your ref: ABC123', line2: 'Our ref: XZX0029/2932/001', line3: 'Thank you for your order' },
  notes: 'This client is always late with his payments',
  notes_on_invoice: false,
  active: true,
  default_doclang: 'en',
  currency: 'USD',
  tax_type: 'intax',
};

describe('FactuurSturen simulator: format and authentication', () => {
  it('refuses a wrong API key with 401 and a plain-text body', async () => {
    const sim = await start();
    const response = await call(sim, 'GET', '/clients', { auth: false, headers: { Authorization: `Basic ${Buffer.from('sandbox:wrong').toString('base64')}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.text).toBe('Authentication failed');
  });

  it('answers XML unless JSON is asked for', async () => {
    const sim = await start({ clients: 1 });
    const response = await call(sim, 'GET', '/clients', { accept: 'none' });
    expect(response.text).toContain('<clients><client><clientnr>1</clientnr>');
  });

  it('lists every client as a bare array and wraps a single client', async () => {
    const sim = await start({ clients: 3 });
    expect((await call(sim, 'GET', '/clients')).json<Client[]>().map((client) => client.clientnr)).toEqual(['1', '2', '3']);
    expect((await call(sim, 'GET', '/clients/2')).json()).toHaveProperty('client.clientnr', '2');
  });

  it('pages with count and start', async () => {
    const sim = await start({ clients: 5 });
    expect((await call(sim, 'GET', '/clients?count=2&start=2')).json<Client[]>().map((client) => client.clientnr)).toEqual(['3', '4']);
  });
});

describe('FactuurSturen simulator: writes', () => {
  it('answers a create with 201 and the new clientnr as plain text', async () => {
    const sim = await start({ clients: 2 });
    const response = await call(sim, 'POST', '/clients', { body: { company: 'Nieuw B.V.' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.text).toBe('3');
  });

  it('stores the example of seed 002 as strings, the decimal discount included', async () => {
    const sim = await start();
    const client = await get(sim, await create(sim, SEED_002_EXAMPLE));
    expect(client).toMatchObject({ showcontact: 'true', tax_shifted: 'false', top: '3', stddiscount: '5.3', country: '146', tax_type: 'intax' });
    expect(client.reference).toEqual(SEED_002_EXAMPLE.reference);
  });

  it('honours a clientnr in the body and refuses one that exists', async () => {
    const sim = await start();
    expect(await create(sim, { clientnr: 2, company: 'A' })).toBe('2');
    const response = await call(sim, 'POST', '/clients', { body: { clientnr: 2, company: 'B' } });
    expect(response.status).toBe(400);
    expect(response.text).toBe('Client number 2 already exists');
  });

  it('resolves a country name to its countrylist id and refuses an unknown one', async () => {
    const sim = await start();
    expect((await get(sim, await create(sim, { company: 'A', country: 'Duitsland' }))).country).toBe('50');
    expect((await get(sim, await create(sim, { company: 'B', country: 'Belgium' }))).country).toBe('18');
    expect((await call(sim, 'POST', '/clients', { body: { company: 'C', country: 'Atlantis' } })).status).toBe(400);
  });

  it('refuses a zipcode over 7 characters', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', '/clients', { body: { zipcode: 'SW1A 1AA' } });
    expect(response.status).toBe(400);
    expect(response.text).toBe("'zipcode' is too long (maximum 7 characters)");
  });

  it('answers errors as JSON when errorFormat is json', async () => {
    const sim = await start({ quirks: { errorFormat: 'json' } });
    const response = await call(sim, 'POST', '/clients', { body: { sendmethod: 'pigeon' } });
    expect(response.json()).toEqual({ error: { message: "'sendmethod' has an invalid value", code: 400 } });
  });

  it('reads a form-encoded body with reference lines', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', '/clients', { raw: 'company=Form+BV&reference%5Bline1%5D=Ref+1&active=0', contentType: 'application/x-www-form-urlencoded' });
    expect(await get(sim, response.text)).toMatchObject({ company: 'Form BV', active: 'false', reference: { line1: 'Ref 1', line2: '', line3: '' } });
  });

  it('resets the attributes a PUT leaves out by default', async () => {
    const sim = await start();
    const clientnr = await create(sim, { company: 'A', city: 'Utrecht' });
    expect((await call(sim, 'PUT', `/clients/${clientnr}`, { body: { company: 'B' } })).status).toBe(200);
    expect(await get(sim, clientnr)).toMatchObject({ company: 'B', city: '' });
  });

  it('keeps the attributes a PUT leaves out when putSemantics is partial', async () => {
    const sim = await start({ quirks: { putSemantics: 'partial' } });
    const clientnr = await create(sim, { company: 'A', city: 'Utrecht' });
    await call(sim, 'PUT', `/clients/${clientnr}`, { body: { company: 'B' } });
    expect(await get(sim, clientnr)).toMatchObject({ company: 'B', city: 'Utrecht' });
  });

  it('archives a client with active false', async () => {
    const sim = await start();
    const clientnr = await create(sim, { company: 'A' });
    await call(sim, 'PUT', `/clients/${clientnr}`, { body: { company: 'A', active: false } });
    expect((await get(sim, clientnr)).active).toBe('false');
  });

  it('refuses to delete a client with documents with a 403 that carries no rate-limit header', async () => {
    const sim = await start({ clients: 20 });
    const withInvoices = sim.store.list().find((client) => client.lastinvoice !== '');
    expect(withInvoices).toBeDefined();
    const response = await call(sim, 'DELETE', `/clients/${String(withInvoices!.clientnr)}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-ratelimit-remaining')).toBeNull();
    expect(sim.store.count()).toBe(20);
  });

  it('deletes a client without documents', async () => {
    const sim = await start();
    const clientnr = await create(sim, { company: 'A' });
    expect((await call(sim, 'DELETE', `/clients/${clientnr}`)).status).toBe(200);
    expect((await call(sim, 'GET', `/clients/${clientnr}`)).status).toBe(404);
  });
});

describe('FactuurSturen simulator: search and countries', () => {
  it('searches one field case-insensitively', async () => {
    const sim = await start();
    await create(sim, { company: 'A', city: 'Amsterdam' });
    await create(sim, { company: 'B', city: 'Rotterdam' });
    const hits = (await call(sim, 'GET', '/search/clients/city/amsterdam')).json<Client[]>();
    expect(hits.map((client) => client.company)).toEqual(['A']);
  });

  it('lists countries with Dutch names and, under /en, English names', async () => {
    const sim = await start();
    const dutch = (await call(sim, 'GET', '/countrylist')).json<{ id: string; name: string }[]>();
    const english = (await call(sim, 'GET', '/countrylist/en')).json<{ id: string; name: string }[]>();
    expect(dutch).toContainEqual({ id: '146', name: 'Nederland' });
    expect(english).toContainEqual({ id: '146', name: 'Netherlands' });
    expect(english).toContainEqual({ id: '50', name: 'Germany' });
  });
});

describe('FactuurSturen simulator: rate limit', () => {
  it('sends X-RateLimit-Remaining with every answer', async () => {
    const sim = await start({ requests: 10 });
    expect((await call(sim, 'GET', '/countrylist')).headers.get('x-ratelimit-remaining')).toBe('9');
    expect((await call(sim, 'GET', '/clients/999')).headers.get('x-ratelimit-remaining')).toBe('8');
  });

  it('answers 403 with X-RateLimit-Remaining 0 when the hour is used up, and again after the hour', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 59, 0));
    const sim = await start({ clock, requests: 2 });
    await call(sim, 'GET', '/clients');
    await call(sim, 'GET', '/clients');
    const refused = await call(sim, 'GET', '/clients');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    clock.advance(60_000);
    const next = await call(sim, 'GET', '/clients');
    expect(next.status).toBe(200);
    expect(next.headers.get('x-ratelimit-remaining')).toBe('1');
  });

  it('sends the next full hour as X-RateLimit-Reset when sendReset is on', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 20, 0));
    const sim = await start({ clock, quirks: { sendReset: true } });
    expect((await call(sim, 'GET', '/clients')).headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2026, 0, 5, 10) / 1000));
  });
});
