import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type FaultOptions, type VendorSimulator } from '../../src/sandbox/index.js';
import { call } from './sandbox-client.js';

let simulator: VendorSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function billomat(faults: FaultOptions = {}, seed: number | string = 1): Promise<VendorSimulator> {
  simulator = await startSimulator({ vendor: 'billomat', faults, seed });
  return simulator;
}

describe('fault injection', () => {
  it('stores a create and then drops the connection on commit-then-drop, leaving exactly one record', async () => {
    const sim = await billomat({ script: [{ kind: 'commitThenDrop', method: 'POST', path: '/clients' }] });
    await expect(call(sim, 'POST', '/clients', { body: { client: { name: 'Lost answer GmbH' } } })).rejects.toThrow();
    expect(sim.store.list().map((client) => client.name)).toEqual(['Lost answer GmbH']);
    expect(sim.log.entries.at(-1)).toMatchObject({ method: 'POST', path: '/clients', status: 0, fault: 'commitThenDrop' });
    // A connector that looks before creating again finds it.
    expect((await call(sim, 'GET', '/clients?name=lost')).json()).toHaveProperty('clients.@total', '1');
  });

  it('stores nothing when the connection is reset before the request is handled', async () => {
    const sim = await billomat({ script: [{ kind: 'reset', method: 'POST' }] });
    await expect(call(sim, 'POST', '/clients', { body: { client: { name: 'Never' } } })).rejects.toThrow();
    expect(sim.store.count()).toBe(0);
  });

  it('answers an HTML 502 page like a load balancer', async () => {
    const sim = await billomat({ script: [{ kind: 'html502' }] });
    const response = await call(sim, 'GET', '/clients');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.text).toContain('<title>502 Bad Gateway</title>');
  });

  it('answers an injected server error in the vendor’s error format', async () => {
    const sim = await billomat({ script: [{ kind: 'error5xx', status: 503 }] });
    const response = await call(sim, 'GET', '/clients');
    expect(response.status).toBe(503);
    expect(response.json()).toEqual({ errors: { error: 'Internal Server Error' } });
  });

  it('delays an answer by the scripted latency, so a short client timeout fires', async () => {
    const sim = await billomat({ script: [{ kind: 'latency', latencyMs: 400 }] });
    await expect(
      fetch(`${sim.url}/clients`, { headers: { 'X-BillomatApiKey': 'sandbox-billomat-key' }, signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    expect((await call(sim, 'GET', '/clients')).status).toBe(200);
  });

  it('uses a scripted fault once, on the first request that matches it', async () => {
    const sim = await billomat({ script: [{ kind: 'error5xx', method: 'PUT' }] });
    expect((await call(sim, 'GET', '/clients')).status).toBe(200);
    const { id } = (await call(sim, 'POST', '/clients', { body: { client: { name: 'A' } } })).json<{ client: { id: string } }>().client;
    expect((await call(sim, 'PUT', `/clients/${id}`, { body: { client: { name: 'B' } } })).status).toBe(500);
    expect((await call(sim, 'PUT', `/clients/${id}`, { body: { client: { name: 'B' } } })).status).toBe(200);
    expect(sim.faults.pending()).toBe(0);
  });

  it('accepts faults scripted while running', async () => {
    const sim = await billomat();
    sim.faults.script([{ kind: 'html502', path: /^\/clients\/\d+$/ }]);
    expect((await call(sim, 'GET', '/clients')).status).toBe(200);
    expect((await call(sim, 'GET', '/clients/3527529')).status).toBe(502);
  });

  it('draws rate-based faults from the seed, so a run replays exactly', async () => {
    const statuses = async (): Promise<number[]> => {
      const sim = await billomat({ rates: { error5xx: 0.3 } }, 'replay');
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await call(sim, 'GET', '/clients')).status);
      await sim.close();
      simulator = undefined;
      return out;
    };
    const first = await statuses();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await statuses()).toEqual(first);
  });

  it('sends a scripted raw body in place of the answer, after handling the request (a create is stored)', async () => {
    const sim = await billomat({ script: [{ kind: 'rawBody', method: 'POST', path: '/clients', body: '{"client":{"id":"35', contentType: 'application/json' }] });
    const response = await call(sim, 'POST', '/clients', { body: { client: { name: 'Half an answer GmbH' } } });
    expect(response.status).toBe(201);
    expect(response.text).toBe('{"client":{"id":"35');
    expect(sim.store.list().map((client) => client.name)).toEqual(['Half an answer GmbH']);
    expect(sim.log.entries.at(-1)).toMatchObject({ method: 'POST', path: '/clients', status: 201, fault: 'rawBody' });
  });

  it('sends a raw body with the scripted status, whatever the route would have answered', async () => {
    const sim = await billomat({ script: [{ kind: 'rawBody', body: '<errors><error>nope</error></errors>', contentType: 'application/xml', status: 400 }] });
    const response = await call(sim, 'GET', '/clients');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/xml');
  });

  it('tears a raw body off after cutAfterBytes, so the client sees a transfer that never completed', async () => {
    const sim = await billomat({ script: [{ kind: 'rawBody', body: JSON.stringify({ clients: { client: [] } }), contentType: 'application/json', cutAfterBytes: 5 }] });
    await expect(call(sim, 'GET', '/clients')).rejects.toThrow();
    expect(sim.log.entries.at(-1)).toMatchObject({ fault: 'rawBody' });
  });

  it('limits rate-based faults to the given methods', async () => {
    const sim = await billomat({ rates: { error5xx: 1 }, methods: ['POST'] });
    expect((await call(sim, 'GET', '/clients')).status).toBe(200);
    expect((await call(sim, 'POST', '/clients', { body: { client: { name: 'A' } } })).status).toBe(500);
  });
});

describe('request log', () => {
  it('records method, path, query, status and clock time of every request', async () => {
    const sim = await billomat();
    await call(sim, 'GET', '/clients?per_page=1000&page=1');
    await call(sim, 'GET', '/clients/1');
    expect(sim.log.entries[0]).toMatchObject({ method: 'GET', path: '/clients', query: 'per_page=1000&page=1', status: 200 });
    expect(sim.log.entries[0]!.at).toBeLessThanOrEqual(sim.clock.now());
    expect(sim.log.count({ status: 401 })).toBe(1);
  });

  it('counts calls by method and path pattern, and forgets them on clear', async () => {
    const sim = await billomat();
    for (let i = 0; i < 3; i++) await call(sim, 'POST', '/clients', { body: { client: { name: `C${String(i)}` } } });
    await call(sim, 'GET', '/clients');
    expect(sim.log.count({ method: 'post', path: '/clients' })).toBe(3);
    expect(sim.log.count({ path: /^\/clients/ })).toBe(4);
    expect(sim.log.count((entry) => entry.status === 201)).toBe(3);
    sim.log.clear();
    expect(sim.log.count()).toBe(0);
  });
});
