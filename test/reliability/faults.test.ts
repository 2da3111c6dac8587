import { afterAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../src/sandbox/index.js';
import type { RunResult } from '../../src/sync/index.js';
import { pairSettings, tempStore } from '../helpers/pair.js';
import { accountedRun, expectEveryClientOnce, expectEveryRequestAccountedFor, startSide, type Side } from './support.js';

/*
 * Injected faults of every kind the sandbox offers, on both sides of a migration, at a rate no real
 * vendor reaches: the result must still be every client exactly once, and each run's report must
 * account for every request that failed. Seeded: the same seeds draw the same faults. Vendor time runs
 * 1,000 times faster, so backoff waits shrink and the runs stay short.
 */

const started: Side[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

const FAST = 1_000;
const everyKindAt = (rate: number): Record<string, number> => Object.fromEntries(FAULT_KINDS.map((kind) => [kind, rate / FAULT_KINDS.length]));
/** Each vendor once as the target (test/chaos runs all six directions, at 2,000 clients). */
const DIRECTIONS = [['eenvoudigfactureren', 'factuursturen'], ['factuursturen', 'billomat'], ['billomat', 'eenvoudigfactureren']] as const;

describe.each(DIRECTIONS)('a migration from %s to %s through 30 % faults of every kind on both sides', (from, to) => {
  it('ends with every client exactly once, and every run accounts for every failed request', { timeout: 180_000 }, async () => {
    const faults = { rates: everyKindAt(0.3), latencyMs: 5 };
    const source = await startSide(from, 'source', { clients: 60, seed: `faults/${from}`, timeScale: FAST, faults });
    const target = await startSide(to, 'target', { clients: 0, seed: `faults/${to}`, timeScale: FAST, faults });
    started.push(source, target);
    const { store } = tempStore();
    const pair = pairSettings({ name: `${from}-${to}` });

    const results: (RunResult | undefined)[] = [];
    let failedRequests = 0;
    const run = async (): Promise<RunResult | undefined> => {
      const accounted = await accountedRun({ pair, from: source, to: target, store });
      for (const side of [source, target]) failedRequests += expectEveryRequestAccountedFor({ run: accounted, side, store }).failed;
      results.push(accounted.result);
      return accounted.result;
    };
    // Re-run (as a user would) until a run finds nothing left to do but markers deferred by an earlier one.
    while (results.length < 6 && !(settled(results.at(-1)) && results.length > 1 && nothingWritten(results.at(-1)))) await run();

    expect(settled(results.at(-1)) && nothingWritten(results.at(-1))).toBe(true);
    expect(failedRequests).toBeGreaterThan(10);
    const compared = await expectEveryClientOnce({ source, target, store });
    expect(compared.records).toBeGreaterThan(50);
  });
});

describe('a create whose answer is lost', () => {
  it('is found again on Billomat although its custom values, written by later calls, were never sent; the next run writes them', async () => {
    const source = await startSide('eenvoudigfactureren', 'source', { clients: 30, seed: 'lost-custom-values' });
    const target = await startSide('billomat', 'target', { clients: 0, quirks: { clientProperties: [{ id: '901', name: 'myreference', type: 'TEXTFIELD' }] } });
    started.push(source, target);
    const withValues = (await expectSourceHasCustomValues(source)).length;
    target.simulator.faults.script(Array.from({ length: 30 }, () => ({ kind: 'commitThenDrop' as const, method: 'POST', path: '/clients' })));
    const { store } = tempStore();
    const pair = pairSettings({ name: 'p' });

    const first = await accountedRun({ pair, from: source, to: target, store });
    expect(first.result?.outcomes.filter((o) => o.status === 'created' && o.recovered === undefined)).toEqual([]);
    expect(target.simulator.store.count()).toBe(first.result?.outcomes.filter((o) => o.recovered === 'fingerprint').length);

    const second = await accountedRun({ pair, from: source, to: target, store });
    expect(second.result?.outcomes.filter((o) => o.status === 'updated')).toHaveLength(withValues);
    await expectEveryClientOnce({ source, target, store });
  });
});

describe('a create the vendor answers too late', () => {
  it('is not created again in the same run (the vendor stores it after the timeout); the next run finds it', async () => {
    const source = await startSide('factuursturen', 'source', { clients: 5, seed: 'late-create' });
    const target = await startSide('billomat', 'target', { clients: 0 });
    started.push(source, target);
    target.simulator.faults.script(Array.from({ length: 5 }, () => ({ kind: 'latency' as const, latencyMs: 600, method: 'POST', path: '/clients' })));
    const { store } = tempStore();
    const pair = pairSettings({ name: 'p' });

    const first = await accountedRun({ pair, from: source, to: target, store, targetTimeoutMs: 150 });
    expect(first.result?.outcomes.filter((o) => o.error?.code === 'VENDOR_OUTCOME_UNKNOWN')).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The vendor logs a request once it has answered it: each create was sent once, none again.
    expect(first.entries(target).filter((e) => e.method === 'POST' && e.path === '/clients')).toHaveLength(5);
    expect(target.simulator.store.count()).toBe(5);

    const second = await accountedRun({ pair, from: source, to: target, store });
    expect(second.entries(target).filter((e) => e.method === 'POST' && e.path === '/clients')).toHaveLength(0);
    expect(target.simulator.store.count()).toBe(5);
    await expectEveryClientOnce({ source, target, store });
  });
});

describe('a request that fails on every attempt', () => {
  it('is reported as a failed record, its retries counted, and the next run carries it out', async () => {
    const source = await startSide('factuursturen', 'source', { clients: 5, seed: 'gave-up', timeScale: FAST });
    const target = await startSide('billomat', 'target', { clients: 0, timeScale: FAST });
    started.push(source, target);
    const { store } = tempStore();
    const pair = pairSettings({ name: 'p' });
    await accountedRun({ pair, from: source, to: target, store });
    const [record] = source.simulator.store.list();
    source.simulator.store.insert({ ...record, city: 'Zwolle' });
    target.simulator.faults.script(Array.from({ length: 4 }, () => ({ kind: 'error5xx' as const, method: 'PUT', path: /^\/clients\/\d+$/ })));

    const failing = await accountedRun({ pair, from: source, to: target, store });
    expect(failing.result?.outcomes.filter((o) => o.status === 'failed').map((o) => o.error?.code)).toEqual(['VENDOR_UNAVAILABLE']);
    expect(expectEveryRequestAccountedFor({ run: failing, side: target, store })).toMatchObject({ failed: 4, retried: 3, gaveUp: 1 });

    const next = await accountedRun({ pair, from: source, to: target, store });
    expect(next.result?.outcomes.filter((o) => o.status === 'updated')).toHaveLength(1);
    await expectEveryClientOnce({ source, target, store });
  });
});

/** A run with nothing left to retry: every record done, or refused before any call (invalid, conflict). */
function settled(result: RunResult | undefined): boolean {
  return result !== undefined && result.outcomes.every((o) => o.status !== 'failed' && o.status !== 'not-started');
}

/** A run that created, updated and archived nothing. */
function nothingWritten(result: RunResult | undefined): boolean {
  return result !== undefined && result.outcomes.every((o) => o.status !== 'created' && o.status !== 'updated' && o.status !== 'archived' && o.status !== 'deleted');
}

async function expectSourceHasCustomValues(source: Side): Promise<string[]> {
  const mapping = await source.mapping();
  const ids = source.simulator.store
    .list()
    .filter((raw) => (mapping.decode(raw).customer.customValues ?? []).some((v) => v.name === 'myreference'))
    .map((raw) => mapping.nativeIdOf(raw) ?? '');
  expect(ids.length).toBeGreaterThan(0);
  return ids;
}
