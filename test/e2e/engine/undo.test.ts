import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresStore, type StateStore } from '../../../src/store/index.js';
import { runPair } from '../../../src/sync/index.js';
import type { RunResult } from '../../../src/sync/types.js';
import { pairSettings, simulated, tempStore, type SimulatedSide } from '../../helpers/pair.js';
import { freshDatabase } from '../../helpers/postgres.js';

/*
 * `undo` in the engine, against the simulators over real HTTP: a migration and a sync taken back,
 * what the vendor refuses to delete, records changed since the run, and the state left for the next run.
 */

const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

let fs: SimulatedSide;
let target: SimulatedSide;
let store: StateStore;

async function run(command: 'migrate' | 'sync' | 'undo', options: { undo?: { runId: string; force?: boolean }; dryRun?: boolean; hardDelete?: boolean } = {}): Promise<RunResult> {
  const { hardDelete, ...rest } = options;
  return runPair({ pair: pairSettings({ name: 'fs-bm', ...(hardDelete === true ? { archive: { hardDelete: true, maxShare: 1 } } : {}) }), from: await fs.side(), to: await target.side(), store, command, ...rest });
}

function edit(side: SimulatedSide, id: string, changes: Record<string, unknown>): void {
  const current = side.simulator.store.get(id);
  if (current === undefined) throw new Error(`no record ${id}`);
  side.simulator.store.insert({ ...current, ...changes });
}

const byStatus = (result: RunResult, status: string): number => result.outcomes.filter((o) => o.status === status).length;
/** What the next run would do, record by record: kind, record and fields. */
const planOf = (result: RunResult): string[] => result.actions.map((a) => `${a.kind} ${a.externalId} ${(a.fields ?? []).join(',')}`).sort();

describe('undo (engine, Billomat simulator)', () => {
  beforeEach(async () => {
    fs = await simulated('factuursturen', 'fs', { clients: 30, seed: 7, rateLimit: false });
    target = await simulated('billomat', 'bm', { clients: 5, seed: 8, rateLimit: false });
    started.push(fs, target);
    store = tempStore().store;
  });

  it('takes a migration back: one delete per created client, the target as before, the pair unlinked', async () => {
    const before = target.simulator.store.list().map((c) => c.id).sort();
    const planBefore = planOf(await run('migrate', { dryRun: true }));
    const migration = await run('migrate');
    expect(byStatus(migration, 'created')).toBe(30);
    target.simulator.log.clear();

    const dry = await run('undo', { undo: { runId: migration.runId ?? '' }, dryRun: true });
    expect(dry.plan.counts.delete).toBe(30);
    expect(target.simulator.log.count((e) => e.method !== 'GET')).toBe(0);

    const undo = await run('undo', { undo: { runId: migration.runId ?? '' } });
    expect(undo.status).toBe('ok');
    expect(byStatus(undo, 'deleted')).toBe(30);
    expect(target.simulator.log.count({ method: 'DELETE' })).toBe(30);
    expect(target.simulator.log.count((e) => e.method !== 'GET' && e.method !== 'DELETE')).toBe(0);
    expect(target.simulator.store.list().map((c) => c.id).sort()).toEqual(before);
    expect(store.links('bm')).toEqual([]);
    expect(store.links('fs')).toEqual([]);
    expect(store.snapshots('fs-bm', 'bm').size).toBe(0);
    expect(planOf(await run('migrate', { dryRun: true }))).toEqual(planBefore);
  });

  it('takes a migration back on the PostgreSQL state store too', async () => {
    store.close();
    store = createPostgresStore({ url: await freshDatabase('undo') });
    try {
      const before = target.simulator.store.list().map((c) => c.id).sort();
      const migration = await run('migrate');
      target.simulator.log.clear();
      const undo = await run('undo', { undo: { runId: migration.runId ?? '' } });
      expect(byStatus(undo, 'deleted')).toBe(30);
      expect(target.simulator.log.count({ method: 'DELETE' })).toBe(30);
      expect(target.simulator.store.list().map((c) => c.id).sort()).toEqual(before);
      expect([...store.links('bm'), ...store.links('fs')]).toEqual([]);
      expect(store.runs({ pair: 'fs-bm', limit: 1 })[0]?.summary).toMatchObject({ undoes: migration.runId });
    } finally {
      store.close();
    }
  });

  it('gives updated clients their values back on the PostgreSQL state store too, snapshots and all', async () => {
    store.close();
    store = createPostgresStore({ url: await freshDatabase('undo_updates') });
    try {
      await run('migrate');
      await run('sync');
      const sources = fs.simulator.store.list().slice(0, 5);
      for (const [i, client] of sources.entries()) edit(fs, String(client.clientnr), { email: `pg-${i}@voorbeeld.nl` });
      const clientsBefore = target.simulator.store.list().map(({ updated: _u, ...c }) => c);
      const snapshotsBefore = [...store.snapshots('fs-bm', 'bm')].map(([id, s]) => [id, s.fingerprint]);
      const planBefore = planOf(await run('sync', { dryRun: true }));
      const sync = await run('sync');
      expect(byStatus(sync, 'updated')).toBe(5);
      target.simulator.log.clear();
      const undo = await run('undo', { undo: { runId: sync.runId ?? '' } });
      expect([undo.status, byStatus(undo, 'updated')]).toEqual(['ok', 5]);
      // One PUT per client given back (two for one that stays archived: VENDORS.md §3.5), nothing else written.
      const ids = sync.outcomes.filter((o) => o.status === 'updated').map((o) => o.records.find((r) => r.startsWith('billomat:'))?.slice('billomat:'.length) ?? '');
      const puts = target.simulator.log.entries.filter((e) => e.method === 'PUT').map((e) => e.path);
      expect(new Set(puts)).toEqual(new Set(ids.map((id) => `/clients/${id}`)));
      expect(puts).toHaveLength(5 + ids.filter((id) => target.simulator.store.get(id)?.archived === '1').length);
      expect(target.simulator.log.count((e) => e.method !== 'GET' && e.method !== 'PUT')).toBe(0);
      expect(target.simulator.store.list().map(({ updated: _u, ...c }) => c)).toEqual(clientsBefore);
      expect([...store.snapshots('fs-bm', 'bm')].map(([id, s]) => [id, s.fingerprint])).toEqual(snapshotsBefore);
      expect(planOf(await run('sync', { dryRun: true }))).toEqual(planBefore);
    } finally {
      store.close();
    }
  });

  it('archives a created client the vendor will not delete (it has documents) and refuses a second undo', async () => {
    const migration = await run('migrate');
    const kept = store.links('bm')[0];
    if (kept === undefined) throw new Error('no link');
    target.simulator.store.markHasDocuments(kept.nativeId);
    const undo = await run('undo', { undo: { runId: migration.runId ?? '' } });
    expect(byStatus(undo, 'archived')).toBe(1);
    expect(byStatus(undo, 'deleted')).toBe(29);
    expect(target.simulator.store.get(kept.nativeId)?.archived).toBe('1');
    await expect(run('undo', { undo: { runId: migration.runId ?? '' } })).rejects.toThrow(/already taken back by run/);
  });

  it('clears the external ids a run wrote into Billomat, and the next sync writes them again', async () => {
    await run('migrate');
    const planBefore = planOf(await run('sync', { dryRun: true }));
    const markers = await run('sync');
    expect(byStatus(markers, 'marker')).toBe(30);
    target.simulator.log.clear();
    const undo = await run('undo', { undo: { runId: markers.runId ?? '' } });
    expect(undo.status).toBe('ok');
    expect(byStatus(undo, 'marker')).toBe(30);
    expect(target.simulator.log.count((e) => e.method === 'PUT' && e.path.endsWith('/customfield'))).toBe(30);
    expect(target.simulator.log.count((e) => e.method !== 'GET')).toBe(30);
    const ids = store.links('bm').map((l) => l.nativeId);
    expect(ids).toHaveLength(30);
    expect(ids.filter((id) => (target.simulator.store.get(id)?.customfield ?? '') !== '')).toEqual([]);
    expect(store.links('bm').filter((l) => l.markerWritten)).toEqual([]);
    expect(planOf(await run('sync', { dryRun: true }))).toEqual(planBefore);
  });

  it('waits its turn: an undo while another run holds the pair\'s lock writes nothing, and runs once the lock is free', async () => {
    const migration = await run('migrate');
    const holder = store.beginRun('fs-bm', 'sync', 'bm+fs');
    target.simulator.log.clear();
    await expect(run('undo', { undo: { runId: migration.runId ?? '' } })).rejects.toMatchObject({ code: 'RUN_LOCKED' });
    expect(target.simulator.log.count((e) => e.method !== 'GET')).toBe(0);
    store.finishRun(holder.id, 'ok', {});
    const undo = await run('undo', { undo: { runId: migration.runId ?? '' } });
    expect([undo.status, target.simulator.log.count({ method: 'DELETE' })]).toEqual(['ok', 30]);
  });

  it('makes a client the run archived active again, with one write, and the next sync plans the archive again', async () => {
    await run('migrate');
    await run('sync');
    const [gone] = fs.simulator.store.list();
    fs.simulator.store.remove(String(gone?.clientnr));
    const planBefore = planOf(await run('sync', { dryRun: true }));
    const sync = await run('sync');
    expect(byStatus(sync, 'archived')).toBe(1);
    const archivedId = (sync.outcomes.find((o) => o.status === 'archived')?.records.find((r) => r.startsWith('billomat:')) ?? '').split(':')[1] ?? '';
    expect(target.simulator.store.get(archivedId)?.archived).toBe('1');
    target.simulator.log.clear();
    const undo = await run('undo', { undo: { runId: sync.runId ?? '' } });
    expect(undo.status).toBe('ok');
    expect(undo.outcomes.map((o) => [o.status, o.reason])).toEqual([['updated', expect.stringMatching(/made active again/)]]);
    expect(target.simulator.store.get(archivedId)?.archived).toBe('0');
    expect(target.simulator.log.count((e) => e.method !== 'GET')).toBe(1);
    expect(planOf(await run('sync', { dryRun: true }))).toEqual(planBefore);
  });

  it('lists a client the run deleted as one it cannot bring back, and takes the rest of the run back', async () => {
    await run('migrate');
    const [gone, edited] = fs.simulator.store.list();
    fs.simulator.store.remove(String(gone?.clientnr));
    edit(fs, String(edited?.clientnr), { city: 'Zwolle' });
    const sync = await run('sync', { hardDelete: true });
    expect(byStatus(sync, 'deleted')).toBe(1);
    expect(byStatus(sync, 'updated')).toBe(1);
    const undo = await run('undo', { undo: { runId: sync.runId ?? '' }, hardDelete: true });
    expect(undo.status).toBe('partial');
    expect(byStatus(undo, 'updated')).toBe(1);
    expect(undo.outcomes.filter((o) => o.status === 'conflict').map((o) => o.reason)).toEqual([expect.stringMatching(/deleted in bm by run .*cannot be brought back/)]);
  });

  it('undo --force after a partial undo and a later sync takes back only what the first undo left alone', async () => {
    const migration = await run('migrate');
    const runId = migration.runId ?? '';
    const [kept] = store.links('bm');
    if (kept === undefined) throw new Error('no link');
    edit(target, kept.nativeId, { city: 'Zwolle' });
    const partial = await run('undo', { undo: { runId } });
    expect([partial.status, byStatus(partial, 'deleted'), byStatus(partial, 'conflict')]).toEqual(['partial', 29, 1]);
    // A later sync brings the 29 clients the undo deleted back, as new Billomat clients.
    const later = await run('sync');
    expect(byStatus(later, 'created')).toBe(29);
    const linkedByLater = store.links('bm').filter((l) => l.externalId !== kept.externalId).map((l) => l.nativeId).sort();
    expect(linkedByLater).toHaveLength(29);
    target.simulator.log.clear();

    const forced = await run('undo', { undo: { runId, force: true } });
    expect(forced.status).toBe('ok');
    expect(byStatus(forced, 'deleted')).toBe(1);
    expect(target.simulator.log.count({ method: 'DELETE' })).toBe(1);
    expect(target.simulator.log.count((e) => e.method !== 'GET' && e.method !== 'DELETE')).toBe(0);
    // What the later sync made stays linked: the next sync creates only the one client the forced undo deleted.
    expect(store.links('bm').map((l) => l.nativeId).sort()).toEqual(linkedByLater);
    const next = await run('sync', { dryRun: true });
    expect([next.plan.counts.create, next.plan.counts.update, next.plan.counts.link]).toEqual([1, 0, 0]);
  });

  it('gives updated clients their values back, leaves alone and lists those changed since, and the next sync plans as before', async () => {
    await run('migrate');
    // The first sync writes the deferred markers; the one taken back below only updates.
    await run('sync');
    const sources = fs.simulator.store.list().slice(0, 10);
    for (const [i, client] of sources.entries()) edit(fs, String(client.clientnr), { email: `new-${i}@voorbeeld.nl`, city: 'Zwolle' });
    const linked = new Map(store.links('fs').map((l) => [l.nativeId, l.externalId]));
    const targetIds = sources.map((c) => store.link('bm', linked.get(String(c.clientnr)) ?? '')?.nativeId ?? '');
    const valuesBefore = targetIds.map((id) => target.simulator.store.get(id));
    const snapshotsBefore = store.snapshots('fs-bm', 'bm');
    const planBefore = planOf(await run('sync', { dryRun: true }));

    const sync = await run('sync');
    expect(byStatus(sync, 'updated')).toBe(10);
    // A person edits two of the updated clients afterwards.
    const [touched, alsoTouched] = targetIds;
    edit(target, touched ?? '', { phone: '0221 555 0001' });
    edit(target, alsoTouched ?? '', { email: 'someone@else.de' });
    target.simulator.log.clear();

    const undo = await run('undo', { undo: { runId: sync.runId ?? '' } });
    expect(undo.status).toBe('partial');
    expect(byStatus(undo, 'updated')).toBe(8);
    // One PUT per client given back; Billomat edits a client that stays archived in two (VENDORS.md §3.5).
    const puts = target.simulator.log.entries.filter((e) => e.method === 'PUT').map((e) => e.path);
    const reversed = targetIds.slice(2);
    expect(new Set(puts)).toEqual(new Set(reversed.map((id) => `/clients/${id}`)));
    expect(puts).toHaveLength(reversed.length + reversed.filter((id) => target.simulator.store.get(id)?.archived === '1').length);
    expect(target.simulator.log.count((e) => e.method !== 'GET' && e.method !== 'PUT')).toBe(0);
    const left = undo.outcomes.filter((o) => o.status === 'conflict');
    expect(left.map((o) => o.records[0]).sort()).toEqual([`billomat:${touched}`, `billomat:${alsoTouched}`].sort());
    expect(left.find((o) => o.records[0] === `billomat:${alsoTouched}`)?.reason).toMatch(/changed since run .*channels\.email/);
    for (const [i, id] of targetIds.entries()) {
      if (i < 2) continue;
      const { updated: _u, ...now } = target.simulator.store.get(id) ?? {};
      const { updated: _b, ...was } = valuesBefore[i] ?? {};
      expect(now).toEqual(was);
    }
    // The two left alone still hold the run's values and the person's edit.
    expect(target.simulator.store.get(alsoTouched ?? '')?.email).toBe('someone@else.de');
    expect(target.simulator.store.get(touched ?? '')?.city).toBe('Zwolle');
    const snapshotsAfter = store.snapshots('fs-bm', 'bm');
    for (const id of targetIds.slice(2)) {
      const externalId = store.links('bm').find((l) => l.nativeId === id)?.externalId ?? '';
      expect(snapshotsAfter.get(externalId)?.fingerprint).toBe(snapshotsBefore.get(externalId)?.fingerprint);
    }
    // Put back the two edits: the next sync then plans what it planned before the run.
    edit(target, touched ?? '', { phone: valuesBefore[0]?.phone });
    const again = await run('undo', { undo: { runId: sync.runId ?? '', force: true } });
    expect(byStatus(again, 'updated')).toBe(2);
    expect(planOf(await run('sync', { dryRun: true }))).toEqual(planBefore);
  });
});

describe('undo within the rate budget (engine, Billomat with its real limit)', () => {
  it('takes back more clients than one rate window allows without a single 429, waiting for the next window', async () => {
    // Billomat's 300 requests per 15 minutes, with vendor time 900 times faster: a window lasts a second.
    fs = await simulated('factuursturen', 'fs', { clients: 320, seed: 9, rateLimit: false });
    target = await simulated('billomat', 'bm', { clients: 0, seed: 10, timeScale: 900 });
    started.push(fs, target);
    store = tempStore().store;
    const migration = await run('migrate');
    expect(byStatus(migration, 'created')).toBe(320);
    target.simulator.log.clear();
    const undo = await run('undo', { undo: { runId: migration.runId ?? '' } });
    expect(byStatus(undo, 'deleted')).toBe(320);
    expect(target.simulator.log.count({ method: 'DELETE' })).toBe(320);
    expect(target.simulator.log.count((e) => e.status === 429)).toBe(0);
    expect(undo.calls.bm?.rateWaitMs, JSON.stringify(undo.calls.bm)).toBeGreaterThan(0);
  });
});

describe('undo of a two-way sync (engine, EenvoudigFactureren and Billomat simulators)', () => {
  it('gives both sides of a merged client their values back and leaves the pair as before the run', async () => {
    const efSide = await simulated('eenvoudigfactureren', 'ef', { clients: 8, seed: 41, rateLimit: false });
    const bmSide = await simulated('billomat', 'bm', { clients: 6, seed: 42, rateLimit: false });
    started.push(efSide, bmSide);
    const twoWay = tempStore().store;
    const sync = async (options: { undo?: { runId: string }; dryRun?: boolean } = {}): Promise<RunResult> =>
      runPair({ pair: pairSettings({ name: 'ef-bm', mode: 'two-way' }), from: await efSide.side(), to: await bmSide.side(), store: twoWay, command: options.undo === undefined ? 'sync' : 'undo', ...options });
    await sync();
    await sync(); // the Billomat markers of the clients that came from EF
    const link = twoWay.links('bm').find((l) => l.externalId.startsWith('ef-'));
    const efId = twoWay.links('ef').find((l) => l.externalId === link?.externalId)?.nativeId ?? '';
    const bmId = link?.nativeId ?? '';
    edit(efSide, efId, { email_address: 'boekhouding@voorbeeld.be' });
    edit(bmSide, bmId, { phone: '+49 30 1234567' });
    const efBefore = efSide.simulator.store.get(efId);
    const bmBefore = bmSide.simulator.store.get(bmId);
    const snapshotsBefore = [twoWay.snapshots('ef-bm', 'ef'), twoWay.snapshots('ef-bm', 'bm')].map((m) => m.get(link?.externalId ?? '')?.fingerprint);
    const planBefore = planOf(await sync({ dryRun: true }));

    const merged = await sync();
    expect(merged.outcomes.filter((o) => o.status === 'updated').map((o) => o.connection).sort()).toEqual(['bm', 'ef']);
    const undo = await sync({ undo: { runId: merged.runId ?? '' } });
    expect(undo.status).toBe('ok');
    expect(undo.outcomes.filter((o) => o.status === 'updated').map((o) => [o.connection, o.fields])).toEqual(expect.arrayContaining([['bm', ['channels.email']], ['ef', ['channels.phone']]]));
    expect(efSide.simulator.store.get(efId)?.phone_number).toBe(efBefore?.phone_number);
    expect(bmSide.simulator.store.get(bmId)?.email).toBe(bmBefore?.email);
    expect([twoWay.snapshots('ef-bm', 'ef'), twoWay.snapshots('ef-bm', 'bm')].map((m) => m.get(link?.externalId ?? '')?.fingerprint)).toEqual(snapshotsBefore);
    expect(planOf(await sync({ dryRun: true }))).toEqual(planBefore);
  });
});
