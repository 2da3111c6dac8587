import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore, type StateStore } from '../../src/store/index.js';
import { runPair } from '../../src/sync/index.js';
import { pairSettings, tempStore } from '../helpers/pair.js';
import { expectEveryClientOnce, startSide, type Side } from './support.js';

/*
 * The state a SIGKILL leaves between a create reaching the vendor and its link being stored (the
 * journal says "intent", there is no link and no snapshot), made exactly rather than by chance: the
 * next runs find every such record again and settle, archived clients included.
 */

const started: Side[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

/** A store that remembers what each journalled intent said it leaves behind, as a kill would find it. */
function rememberingIntents(store: StateStore): { store: StateStore; leaves: Map<number, string> } {
  const leaves = new Map<number, string>();
  return {
    leaves,
    store: {
      ...store,
      journalIntent(entry) {
        const id = store.journalIntent(entry);
        if (entry.leaves !== undefined) leaves.set(id, JSON.stringify(entry.leaves));
        return id;
      },
    },
  };
}

/**
 * Turns every create of a finished migration back into one killed before its outcome was stored:
 * the intent as it was journalled (with what it leaves behind), no link, no snapshot.
 */
function forgetOutcomes(file: string, targetConnection: string, leaves: ReadonlyMap<number, string>): number {
  const db = new Database(file);
  try {
    const reopen = db.prepare("UPDATE journal SET state = 'intent', native_id = NULL, detail = NULL, leaves = ? WHERE id = ? AND operation = 'create'");
    const reopened = [...leaves].reduce((n, [id, left]) => n + reopen.run(left, id).changes, 0);
    db.prepare('DELETE FROM links WHERE connection = ?').run(targetConnection);
    db.prepare('DELETE FROM snapshots').run();
    return reopened;
  } finally {
    db.close();
  }
}

describe('creates killed between the vendor’s answer and their link', () => {
  it('are found again, and the runs after settle with nothing failed, archived Billomat clients included', async () => {
    const source = await startSide('eenvoudigfactureren', 'source', { clients: 40, seed: 'after-a-kill' });
    const target = await startSide('billomat', 'target', { clients: 0 });
    started.push(source, target);
    const { store, file } = tempStore();
    const pair = pairSettings({ name: 'p' });
    const remembering = rememberingIntents(store);
    await runPair({ pair, from: await source.side(), to: await target.side(), store: remembering.store, command: 'migrate' });
    store.close();
    const archived = target.simulator.store.list().filter((r) => r.archived === '1').length;
    expect(archived).toBeGreaterThan(0);
    expect(forgetOutcomes(file, 'target', remembering.leaves)).toBeGreaterThan(30);

    const reopened = createSqliteStore({ file });
    const first = await runPair({ pair, from: await source.side(), to: await target.side(), store: reopened, command: 'migrate' });
    const second = await runPair({ pair, from: await source.side(), to: await target.side(), store: reopened, command: 'migrate' });

    expect(first.outcomes.filter((o) => o.status === 'failed' || o.status === 'created')).toEqual([]);
    // A create found again settles with the links and snapshots its intent kept: no follow-up update.
    expect(first.outcomes.filter((o) => o.status === 'updated')).toEqual([]);
    expect(second.outcomes.filter((o) => o.status !== 'skipped' && o.status !== 'invalid' && o.status !== 'marker')).toEqual([]);
    expect(target.simulator.store.list().filter((r) => r.archived === '1')).toHaveLength(archived);
    await expectEveryClientOnce({ source, target, store: reopened });
    reopened.close();
  });
});

describe('a change to a client archived on both sides', () => {
  it('reaches Billomat, which refuses edits of archived clients, and the client stays archived', async () => {
    const source = await startSide('eenvoudigfactureren', 'source', { clients: 40, seed: 'after-a-kill' });
    const target = await startSide('billomat', 'target', { clients: 0 });
    started.push(source, target);
    const { store } = tempStore();
    const pair = pairSettings({ name: 'p' });
    await runPair({ pair, from: await source.side(), to: await target.side(), store, command: 'migrate' });
    const [client] = source.simulator.store.list().filter((r) => r.state === 'archived');
    source.simulator.store.insert({ ...client, city: 'Oostende' });

    const result = await runPair({ pair, from: await source.side(), to: await target.side(), store, command: 'sync' });

    expect(result.outcomes.filter((o) => o.status === 'updated').map((o) => o.fields)).toEqual([['billingAddress.city']]);
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    const nativeId = store.links('target').find((l) => l.externalId === `ef-${String(client?.client_id)}`)?.nativeId ?? '';
    expect(target.simulator.store.get(nativeId)).toMatchObject({ city: 'Oostende', archived: '1' });
  });
});
