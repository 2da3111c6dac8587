import { afterAll, describe, expect, it } from 'vitest';
import { RunLockedError } from '../../src/errors/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { runPair, type RunResult } from '../../src/sync/index.js';
import { pairSettings, tempStore } from '../helpers/pair.js';
import { childSide, expectEveryClientOnce, startChild, startSide, until, type Side } from './support.js';

/*
 * Two runs on one pair at once, from two processes sharing a state store (a scheduled sync and a
 * manual migration): the second is refused with a message that names the first, before it makes a
 * single call, and the first carries on unharmed. A run killed outright does not lock the pair.
 */

const started: Side[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

async function migrationInAnotherProcess(clients: number) {
  const source = await startSide('factuursturen', 'source', { clients, seed: 'lock' });
  // Every answer of the target comes late: the run holds its lock long enough to be raced.
  const target = await startSide('billomat', 'target', { clients: 0, faults: { rates: { latency: 1 }, latencyMs: 15 } });
  started.push(source, target);
  const { file } = tempStore();
  const child = startChild({ from: childSide(source, 'factuursturen'), to: childSide(target, 'billomat'), db: file, pair: 'fs-bm', command: 'migrate' });
  // Once the first create arrives, the child holds the lock and is writing.
  await until(() => target.simulator.log.count({ method: 'POST' }) > 0);
  return { source, target, file, child };
}

describe('a second run on a pair while a first one runs in another process', () => {
  it('is refused before any call, with a message naming the first run, whichever way round it drives the two connections; the first finishes unharmed', { timeout: 180_000 }, async () => {
    const { source, target, file, child } = await migrationInAnotherProcess(120);
    const store = createSqliteStore({ file });
    const second = { from: await source.side(), to: await target.side() };
    const callsBefore = [second.from.connector.stats().calls, second.to.connector.stats().calls];

    const refused = runPair({ pair: pairSettings({ name: 'fs-bm' }), ...second, store, command: 'sync' });
    const reverse = runPair({ pair: pairSettings({ name: 'bm-fs', mode: 'two-way' }), from: second.to, to: second.from, store, command: 'sync' });

    await expect(refused).rejects.toThrow(RunLockedError);
    await expect(refused).rejects.toThrow(new RegExp(`another run is working on fs-bm: run \\S+ \\("client-sync migrate", process ${String(child.pid)} on .+\\)\\. Wait for it to finish, or stop it first\\.`));
    await expect(reverse).rejects.toThrow(/another run is working on bm-fs \(through pair fs-bm\)/);
    expect([second.from.connector.stats().calls, second.to.connector.stats().calls]).toEqual(callsBefore);

    const first = await child.done;
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as RunResult).status).toBe('ok');
    expect(store.runs({ pair: 'fs-bm' }).map((r) => r.status)).toEqual(['ok']);
    await expectEveryClientOnce({ source, target, store });
    store.close();
  });
});

describe('a run killed outright', () => {
  it('does not lock the pair: the next run marks it interrupted and finishes the work', { timeout: 180_000 }, async () => {
    const { source, target, file, child } = await migrationInAnotherProcess(60);
    child.kill();
    expect((await child.done).signal).toBe('SIGKILL');
    const store = createSqliteStore({ file });

    const next = await runPair({ pair: pairSettings({ name: 'fs-bm' }), from: await source.side(), to: await target.side(), store, command: 'migrate' });

    expect(next.status).toBe('ok');
    expect(store.runs({ pair: 'fs-bm' }).map((r) => r.status)).toEqual(['ok', 'interrupted']);
    await expectEveryClientOnce({ source, target, store });
    store.close();
  });
});
