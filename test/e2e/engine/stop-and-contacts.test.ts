import { afterAll, describe, expect, it } from 'vitest';
import { runPair } from '../../../src/sync/index.js';
import { pairSettings, simulated, tempStore, writesIn, type SimulatedSide } from '../../helpers/pair.js';
import { contentKey, decodedClients } from '../../helpers/records.js';

const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

describe('a graceful stop', () => {
  it('finishes the writes in flight, journals the rest as not started, and the next run completes every client once', { timeout: 180_000 }, async () => {
    const source = await simulated('factuursturen', 'fs', { clients: 200, seed: 71, rateLimit: false });
    const target = await simulated('billomat', 'bm', { clients: 0, rateLimit: false });
    started.push(source, target);
    const { store } = tempStore();
    const pair = pairSettings({ name: 'p' });
    const stop = new AbortController();
    const result = await runPair({
      pair, from: await source.side(), to: await target.side(), store, command: 'sync', signal: stop.signal,
      onProgress: (event) => {
        if (event.phase === 'apply' && event.done === 50) stop.abort();
      },
    });
    expect(result.status).toBe('stopped');
    const created = result.outcomes.filter((o) => o.status === 'created').length;
    const notStarted = result.outcomes.filter((o) => o.status === 'not-started').length;
    expect(created).toBeGreaterThanOrEqual(50);
    expect(created).toBeLessThan(60); // only what was in flight went on
    expect(created + notStarted).toBe(200);
    expect(target.simulator.store.count()).toBe(created);
    const abandoned = store.journal({ runId: result.runId ?? '' }).filter((e) => e.state === 'abandoned' && e.detail === 'not started: the run was stopped');
    expect(abandoned).toHaveLength(notStarted);
    expect(store.runs({ pair: 'p' })[0]?.status).toBe('stopped');

    const next = await runPair({ pair, from: await source.side(), to: await target.side(), store, command: 'sync' });
    expect(next.outcomes.filter((o) => o.status === 'created')).toHaveLength(notStarted);
    const keys = [...decodedClients(target.simulator, (await target.side()).mapping).values()].map(contentKey);
    expect(keys).toHaveLength(200);
    expect(new Set(keys).size).toBe(200);
  });
});

describe('contacts', () => {
  it('are not read from Billomat (one call per client) unless the pair asks for them', async () => {
    const bm = await simulated('billomat', 'bm', { clients: 30, seed: 72, rateLimit: false });
    const ef = await simulated('eenvoudigfactureren', 'ef', { clients: 0, rateLimit: false });
    started.push(bm, ef);
    const { store } = tempStore();
    await runPair({ pair: pairSettings({ name: 'p' }), from: await bm.side(), to: await ef.side(), store, command: 'migrate' });
    expect(bm.simulator.log.count({ method: 'GET', path: '/contacts' })).toBe(0);
    expect(ef.simulator.store.list().every((r) => Array.isArray(r.contacts) && r.contacts.length === 0)).toBe(true);
  });

  it('travel from Billomat to EenvoudigFactureren when asked, at one read per client, and a re-run writes nothing', async () => {
    const bm = await simulated('billomat', 'bm', { clients: 30, seed: 73, rateLimit: false });
    const ef = await simulated('eenvoudigfactureren', 'ef', { clients: 0, rateLimit: false });
    started.push(bm, ef);
    const { store } = tempStore();
    const pair = pairSettings({ name: 'p', contacts: true });
    const result = await runPair({ pair, from: await bm.side(), to: await ef.side(), store, command: 'migrate' });
    expect(bm.simulator.log.entries.filter((e) => e.method === 'GET' && e.path === '/contacts')).toHaveLength(30);
    const bmSide = await bm.side();
    const bmContactNames: string[] = [];
    for await (const raw of bmSide.connector.listClients({ includeContacts: true })) {
      bmContactNames.push(...(bmSide.mapping.decode(raw).customer.contacts ?? []).flatMap((c) => (c.name === undefined ? [] : [c.name])));
    }
    expect(bmContactNames.length).toBeGreaterThan(5);
    const efClients = [...decodedClients(ef.simulator, (await ef.side()).mapping).values()];
    const efContactNames = efClients.flatMap((c) => c.contacts?.flatMap((x) => (x.name === undefined ? [] : [x.name])) ?? []);
    expect(efContactNames.sort()).toEqual(bmContactNames.sort());
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    ef.simulator.log.clear();
    await runPair({ pair, from: await bm.side(), to: await ef.side(), store, command: 'migrate' });
    expect(writesIn(ef.simulator)).toBe(0);
  });
});

describe('progress', () => {
  it('estimates the time left of the writes from the rate budget, counting down', async () => {
    const source = await simulated('factuursturen', 'fs', { clients: 400, seed: 74, rateLimit: false });
    const target = await simulated('billomat', 'bm', { clients: 0, timeScale: 900 });
    started.push(source, target);
    const { store } = tempStore();
    const etas: number[] = [];
    await runPair({
      pair: pairSettings({ name: 'p' }), from: await source.side(), to: await target.side(), store, command: 'migrate',
      onProgress: (event) => {
        if (event.phase === 'apply' && event.etaMs !== undefined) etas.push(event.etaMs);
      },
    });
    // 400 creates at 300 per 15 minutes (3 s a call): about 100 do not fit in the first window.
    expect(etas.length).toBeGreaterThan(100);
    expect(etas[0]).toBeGreaterThanOrEqual(95 * 3_000);
    expect(etas.at(-1)).toBeLessThan(etas[0] ?? 0);
    expect(target.simulator.log.count({ status: 429 })).toBe(0);
  });
});
