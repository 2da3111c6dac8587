import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { loadMapping, type Mapping } from '../../src/mapping/index.js';
import { createFactuurSturenConnector } from '../../src/vendors/factuursturen/index.js';
import type { Credentials, VendorConnector } from '../../src/vendors/types.js';
import { fixtureJson, fixtureText } from '../helpers/fixtures.js';
import { createLeakWatch, createManualClock, networkError, noJitter, recordRequests, SECRETS, type ManualClock } from './support.js';

/*
 * FactuurSturen.nl as it really behaves (VENDORS.md §2, seed 002, wire-decisions.md): Basic auth
 * with the API key, every client in one bare array, `{"client":…}` for one, the new clientnr as plain
 * text, string-typed values, a rate limit that answers 403 with X-RateLimit-Remaining: 0, and a bare
 * 403 when a client with documents is deleted.
 */

const ORIGIN = 'https://www.factuursturen.nl';
const API = '/api/v1';
const watch = createLeakWatch();
let mapping: Mapping;
let clock: ManualClock;

beforeAll(async () => {
  mapping = await loadMapping('factuursturen');
});

afterEach(() => {
  nock.cleanAll();
});

function connector(options: { credentials?: Credentials; pageSize?: number } = {}): VendorConnector {
  clock = createManualClock();
  return createFactuurSturenConnector({
    name: 'fs-main',
    vendor: 'factuursturen',
    credentials: options.credentials ?? { kind: 'basic', username: SECRETS.fsUser, password: SECRETS.fsApiKey },
    mapping,
    clock,
    logger: watch.logger,
    random: noJitter,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
  });
}

async function collect(iterable: AsyncIterable<Record<string, unknown>>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const MINUTE = 60_000;

describe('FactuurSturen authentication', () => {
  it('sends Basic username:apikey and asks for JSON', async () => {
    const scope = nock(ORIGIN).get(`${API}/clients`).reply(200, []);
    const seen = recordRequests(scope);
    await collect(connector().listClients());
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${SECRETS.fsUser}:${SECRETS.fsApiKey}`).toString('base64')}`);
    expect(seen[0]?.headers.accept).toBe('application/json');
  });

  it('refuses an API key without a user name before any call', () => {
    expect(() => connector({ credentials: { kind: 'apiKey', apiKey: SECRETS.fsApiKey } })).toThrow(ConfigError);
  });

  it('reads a plain-text 401 as wrong credentials', async () => {
    nock(ORIGIN).get(`${API}/clients/1`).reply(401, 'Unauthorized', { 'Content-Type': 'text/plain' });
    const error = await watch.rejection(connector().getClient('1'));
    expect(error).toMatchObject({ code: 'VENDOR_AUTH', vendorMessage: 'Unauthorized', kind: 'config' });
  });
});

describe('FactuurSturen listing', () => {
  it('reads every client in one call without parameters, values kept as the strings FactuurSturen sends', async () => {
    const scope = nock(ORIGIN).get(`${API}/clients`).reply(200, fixtureJson('factuursturen/clients.json'));
    const seen = recordRequests(scope);
    const c = connector();
    const clients = await collect(c.listClients());
    expect(clients).toHaveLength(2);
    expect(clients[0]).toMatchObject({ clientnr: '1', country: '146', showcontact: 'true', top: '30', reference: { line1: '', line2: '', line3: '' } });
    expect(seen.map((r) => r.query)).toEqual(['']);
    expect(c.capabilities).toMatchObject({ listingHasTotal: true, externalIdSlot: false, update: 'full' });
    expect(c.stats().callsByKind.list).toBe(1);
  });

  it('pages with count and start when a page size is configured', async () => {
    const all = fixtureJson('factuursturen/clients.json') as unknown as Record<string, unknown>[];
    const scope = nock(ORIGIN)
      .get(`${API}/clients`).query(true).reply(200, all)
      .get(`${API}/clients`).query(true).reply(200, []);
    const seen = recordRequests(scope);
    expect(await collect(connector({ pageSize: 2 }).listClients())).toHaveLength(2);
    expect(seen.map((r) => r.query)).toEqual(['count=2&start=0', 'count=2&start=2']);
  });

  it('reads an XML answer into the same records as the JSON answer', async () => {
    nock(ORIGIN).get(`${API}/clients`).reply(200, fixtureText('factuursturen/clients.xml'), { 'Content-Type': 'application/xml' });
    const clients = await collect(connector().listClients());
    expect(clients).toEqual(fixtureJson('factuursturen/clients.json'));
    expect(clients[1]?.phone).toBe('0201234567');
    expect(clients[1]?.clientnr).toBe('0042');
  });
});

describe('FactuurSturen reads by id', () => {
  it('unwraps {"client":{…}}', async () => {
    nock(ORIGIN).get(`${API}/clients/1`).reply(200, { client: fixtureJson('golden/factuursturen/vendors-client.json') });
    expect(await connector().getClient('1')).toMatchObject({ clientnr: '1', company: 'kees', tax_shifted: 'false' });
  });

  it('returns undefined for a client that does not exist', async () => {
    nock(ORIGIN).get(`${API}/clients/77`).reply(404, 'Client not found', { 'Content-Type': 'text/plain' });
    expect(await connector().getClient('77')).toBeUndefined();
  });
});

describe('FactuurSturen creates', () => {
  it('posts JSON and reads the new clientnr from a plain-text 201', async () => {
    const body = fixtureJson('golden/factuursturen/seed-002-create.json');
    const scope = nock(ORIGIN).post(`${API}/clients`).reply(201, '1234', { 'Content-Type': 'text/plain' });
    const seen = recordRequests(scope);
    expect(await connector().createClient(body)).toEqual({ id: '1234', externalIdStored: false });
    expect(seen[0]).toMatchObject({ method: 'POST', path: `${API}/clients`, body });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('reads the new clientnr when the 201 claims to be JSON', async () => {
    nock(ORIGIN).post(`${API}/clients`).reply(201, '1235', { 'Content-Type': 'application/json' });
    expect((await connector().createClient({ company: 'x' })).id).toBe('1235');
  });

  it('rejects with the plain-text message of a 400', async () => {
    nock(ORIGIN).post(`${API}/clients`).reply(400, 'zipcode too long', { 'Content-Type': 'text/plain' });
    const error = await watch.rejection(connector().createClient({ clientnr: 42, company: 'x' }));
    expect(error).toMatchObject({ code: 'VENDOR_REJECTED', vendorMessage: 'zipcode too long' });
  });

  it('creates a client again without a client number the account already has, and reports the number left out', async () => {
    const bodies: unknown[] = [];
    nock(ORIGIN)
      .post(`${API}/clients`, (body: unknown) => (bodies.push(body), true))
      .reply(400, 'clientnr 42 already exists', { 'Content-Type': 'text/plain' })
      .post(`${API}/clients`, (body: unknown) => (bodies.push(body), true))
      .reply(201, '1234', { 'Content-Type': 'text/plain' });
    const result = await connector().createClient({ clientnr: '42', company: 'x' });
    expect(result).toEqual({ id: '1234', externalIdStored: false, refusedFields: [{ field: 'clientnr', message: 'clientnr 42 already exists' }] });
    expect(bodies).toEqual([{ clientnr: '42', company: 'x' }, { company: 'x' }]);
  });

  it('rejects with the message of a JSON error body', async () => {
    nock(ORIGIN).post(`${API}/clients`).reply(400, { error: { message: 'zipcode too long', code: 400 } });
    const error = await watch.rejection(connector().createClient({ company: 'x' }));
    expect(error).toMatchObject({ code: 'VENDOR_REJECTED', vendorMessage: 'zipcode too long' });
  });

  it('never retries a create after a 5xx: the outcome is unknown', async () => {
    nock(ORIGIN).post(`${API}/clients`).reply(500, 'Internal Server Error', { 'Content-Type': 'text/plain' });
    const c = connector();
    expect(await watch.rejection(c.createClient({ company: 'x' }))).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN' });
    expect(c.stats().calls).toBe(1);
  });
});

describe('FactuurSturen updates, archives and deletes', () => {
  it('updates with PUT /clients/{clientnr} carrying the body it is given', async () => {
    const scope = nock(ORIGIN).put(`${API}/clients/1`).reply(200, '');
    const seen = recordRequests(scope);
    await connector().updateClient('1', { company: 'kees bv', city: 'Rotterdam' });
    expect(seen[0]).toMatchObject({ method: 'PUT', path: `${API}/clients/1`, body: { company: 'kees bv', city: 'Rotterdam' } });
  });

  it('archives by PUTting the whole current record with active false, typed as seed 002 writes it', async () => {
    const scope = nock(ORIGIN).put(`${API}/clients/1`).reply(200, '');
    const seen = recordRequests(scope);
    await connector().archiveClient('1', { current: fixtureJson('golden/factuursturen/vendors-client.json') });
    const body = seen[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ active: false, company: 'kees', city: 'ROTT', country: 146, showcontact: true, top: 30, sendmethod: 'mail' });
    expect(body).not.toHaveProperty('clientnr');
    expect(body).not.toHaveProperty('lastinvoice');
  });

  it('reads the current record before archiving when none is given', async () => {
    const scope = nock(ORIGIN)
      .get(`${API}/clients/1`).reply(200, { client: fixtureJson('golden/factuursturen/vendors-client.json') })
      .put(`${API}/clients/1`).reply(200, '');
    const c = connector();
    await c.archiveClient('1');
    expect(scope.isDone()).toBe(true);
    expect(c.stats().callsByKind).toMatchObject({ get: 1, update: 1 });
  });

  it('reads a bare 403 on DELETE as "the client has documents"', async () => {
    nock(ORIGIN).delete(`${API}/clients/1`).reply(403, 'Client has invoices', { 'Content-Type': 'text/plain', 'X-RateLimit-Remaining': '512' });
    const c = connector();
    const error = await watch.rejection(c.deleteClient('1'));
    expect(error).toMatchObject({ code: 'VENDOR_DELETE_REFUSED', status: 403 });
    expect(c.stats()).toMatchObject({ calls: 1, limitResponses: 0 });
  });
});

describe('FactuurSturen rate limit', () => {
  it('reads 403 with X-RateLimit-Remaining: 0 as the limit and waits for the next full hour', async () => {
    const c = connector();
    clock.advance(20 * MINUTE); // 09:20 UTC
    const scope = nock(ORIGIN)
      .delete(`${API}/clients/1`).reply(403, 'API limit reached', { 'X-RateLimit-Remaining': '0' })
      .delete(`${API}/clients/1`).reply(200, '', { 'X-RateLimit-Remaining': '999' });
    const seen = recordRequests(scope, clock);
    await c.deleteClient('1');
    expect(seen.map((r) => new Date(r.at).toISOString())).toEqual(['2026-01-05T09:20:00.000Z', '2026-01-05T10:00:00.000Z']);
    expect(c.stats()).toMatchObject({ calls: 2, retries: 1, limitResponses: 1, rateWaitMs: 40 * MINUTE });
  });

  it('waits until X-RateLimit-Reset when the limit answer carries one', async () => {
    const c = connector();
    const reset = (clock.now() + 5 * MINUTE) / 1000;
    const scope = nock(ORIGIN)
      .get(`${API}/clients`).reply(403, '', { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) })
      .get(`${API}/clients`).reply(200, []);
    const seen = recordRequests(scope, clock);
    await collect(c.listClients());
    expect(seen[1]?.at).toBe(reset * 1000);
  });

  it('holds further requests when the remaining count reaches zero, without a limit answer', async () => {
    const c = connector();
    clock.advance(59 * MINUTE);
    const scope = nock(ORIGIN)
      .get(`${API}/clients/1`).reply(200, { client: { clientnr: '1' } }, { 'X-RateLimit-Remaining': '0' })
      .get(`${API}/clients/2`).reply(200, { client: { clientnr: '2' } }, { 'X-RateLimit-Remaining': '999' });
    const seen = recordRequests(scope, clock);
    await c.getClient('1');
    await c.getClient('2');
    expect(seen.map((r) => new Date(r.at).toISOString())).toEqual(['2026-01-05T09:59:00.000Z', '2026-01-05T10:00:00.000Z']);
    expect(c.stats().limitResponses).toBe(0);
  });
});

describe('FactuurSturen countries', () => {
  it('builds the country table from /countrylist once per connector, ids from the vendor and codes by Dutch name', async () => {
    const scope = nock(ORIGIN).get(`${API}/countrylist`).once().reply(200, fixtureJson('factuursturen/countrylist.json'));
    const c = connector();
    const first = await c.lookupTables?.();
    const second = await c.lookupTables?.();
    const table = first?.['factuursturen-countries'];
    expect(second?.['factuursturen-countries']).toBe(table);
    expect(scope.isDone()).toBe(true);
    expect(c.stats().callsByKind.other).toBe(1);
    expect(table?.toCanonical('146')).toBe('NL');
    expect(table?.toVendor('BE')).toBe('18');
    expect(table?.toCanonical('147')).toBeNull();
    expect(table?.toCanonical('250')).toBe('CW');
    expect(table?.toCanonical('251')).toBeNull();
    expect(table?.toVendor('FR')).toBeUndefined();
  });

  it('falls back to the offline table when the country list cannot be read', async () => {
    nock(ORIGIN).get(`${API}/countrylist`).times(4).reply(503, 'down', { 'Content-Type': 'text/plain' });
    const tables = await connector().lookupTables?.();
    expect(tables?.['factuursturen-countries']).toBe(mapping.lookups.get('factuursturen-countries'));
    expect(watch.lines.some((line) => line.includes('offline table'))).toBe(true);
  });
});

describe('FactuurSturen external ids and checks', () => {
  it('has no external-id slot: lookups make no call and writing one is a programming error', async () => {
    const c = connector();
    expect(await c.findByExternalId('ef-1')).toEqual([]);
    expect(await watch.rejection(c.setExternalId('1', 'ef-1'))).toMatchObject({ code: 'INTERNAL' });
    expect(c.stats().calls).toBe(0);
  });

  it('checks the credentials with a one-record list', async () => {
    const scope = nock(ORIGIN).get(`${API}/clients`).query(true).reply(200, [{ clientnr: '1' }]);
    const seen = recordRequests(scope);
    expect((await connector().check()).outcome).toBe('ok');
    expect(seen[0]?.query).toBe('count=1');
  });

  it('reports an unreachable host as a wrong URL and a timeout as a vendor that is down', async () => {
    nock(ORIGIN)
      .get(`${API}/clients`).query(true).replyWithError(networkError('ECONNREFUSED'))
      .get(`${API}/clients`).query(true).replyWithError(networkError('ETIMEDOUT'));
    expect((await connector().check()).outcome).toBe('wrong-url');
    expect((await connector().check()).outcome).toBe('vendor-down');
  });
});

describe('FactuurSturen credentials', () => {
  it('scrubs the API key and its Basic form when the vendor echoes them', async () => {
    const basic = Buffer.from(`${SECRETS.fsUser}:${SECRETS.fsApiKey}`).toString('base64');
    nock(ORIGIN).get(`${API}/clients/1`).reply(400, `bad request for key ${SECRETS.fsApiKey} (Authorization: Basic ${basic})`, { 'Content-Type': 'text/plain' });
    const error = await watch.rejection(connector().getClient('1'));
    expect(JSON.stringify(error)).not.toContain(SECRETS.fsApiKey);
    expect((error as Error).message).toContain('[REDACTED]');
  });

  it('never lets a credential into a log line or an error', () => {
    expect(watch.lines.length).toBeGreaterThan(20);
    expect(watch.leaks()).toEqual([]);
  });
});
