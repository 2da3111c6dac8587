import { afterAll, describe, expect, it } from 'vitest';
import { runPair, type RunResult } from '../../src/sync/index.js';
import { pairSettings, tempStore } from '../helpers/pair.js';
import { expectEveryClientOnce, startSide, until, type Side } from './support.js';

/*
 * A listing read page by page is no snapshot. EenvoudigFactureren pages with skip/take (here 10 per
 * page): when a client on page 1 is deleted after page 1 was read and before page 2 is, page 2 starts
 * one client later and the first client it should have held is missing from an otherwise complete
 * listing. That client still exists: it must not be archived, let alone deleted, on the other side.
 */

const PAGE = 10;

const started: Side[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

/** Runs a sync during which the source's 5th client is deleted between the first and second page. */
async function syncWhileAPageShifts(hardDelete: boolean) {
  const source = await startSide('eenvoudigfactureren', 'source', { clients: 3 * PAGE, seed: 'shifting-listing' });
  const target = await startSide('factuursturen', 'target', { clients: 0 });
  started.push(source, target);
  const { store } = tempStore();
  const pair = pairSettings({ name: 'p', archive: { hardDelete } });
  await runPair({ pair, from: await source.side({ pageSize: PAGE }), to: await target.side(), store, command: 'migrate' });
  const clients = source.simulator.store.list();
  // An active client of page 1 is deleted; the first client of page 2 (active too) then shifts out of it.
  const deleted = String(clients.slice(0, PAGE).find((raw) => raw.state === 'active')?.client_id);
  const shiftedOut = String(clients[PAGE]?.client_id);
  expect(clients[PAGE]?.state).toBe('active');
  const lists = source.simulator.log.count({ method: 'GET', path: '/clients' });
  // Page 1 comes at once, page 2 a moment later: time to delete a client of page 1 in between.
  source.simulator.faults.script([{ kind: 'latency', latencyMs: 0, method: 'GET', path: '/clients' }, { kind: 'latency', latencyMs: 300, method: 'GET', path: '/clients' }]);

  const running = runPair({ pair, from: await source.side({ pageSize: PAGE }), to: await target.side(), store, command: 'sync' });
  await until(() => source.simulator.log.count({ method: 'GET', path: '/clients' }) > lists);
  source.simulator.store.remove(deleted);
  const result = await running;

  const copyOf = (sourceId: string): string | undefined => {
    const externalId = store.links('source').find((l) => l.nativeId === sourceId)?.externalId;
    return store.links('target').find((l) => l.externalId === externalId)?.nativeId;
  };
  return { source, target, store, pair, result, deleted: copyOf(deleted) ?? '', shiftedOut: copyOf(shiftedOut) ?? '' };
}

const archivedOrDeleted = (result: RunResult): string[] => result.outcomes.filter((o) => o.status === 'archived' || o.status === 'deleted').flatMap((o) => o.records);

describe('a client missing from a listing that shifted while it was read', () => {
  it('is looked up and left alone; the client really deleted is archived by the next run', async () => {
    const { source, target, store, pair, result, deleted, shiftedOut } = await syncWhileAPageShifts(false);

    expect(archivedOrDeleted(result)).toEqual([]);
    expect(result.outcomes.find((o) => o.reason?.includes('still there') === true)?.reason).toMatch(/missing from the source listing, but eenvoudigfactureren:\d+ is still there/);
    expect(target.simulator.store.get(shiftedOut)).toMatchObject({ active: 'true' });
    const next = await runPair({ pair, from: await source.side({ pageSize: PAGE }), to: await target.side(), store, command: 'sync' });
    expect(archivedOrDeleted(next)).toEqual([`factuursturen:${deleted}`]);
  });

  it('is never deleted when hard deletes are on, so the next runs do not leave it out for good', async () => {
    const { source, target, store, pair, result, shiftedOut } = await syncWhileAPageShifts(true);
    await runPair({ pair, from: await source.side({ pageSize: PAGE }), to: await target.side(), store, command: 'sync' });

    expect(archivedOrDeleted(result)).not.toContain(`factuursturen:${shiftedOut}`);
    expect(target.simulator.store.get(shiftedOut)).toBeDefined();
    await expectEveryClientOnce({ source, target, store });
  });
});
