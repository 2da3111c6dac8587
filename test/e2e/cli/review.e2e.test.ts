import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import type { VendorSimulator } from '../../../src/sandbox/index.js';
import { until } from '../../reliability/support.js';
import { ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

/*
 * People settle what the engine cannot, through the built CLI on sandbox connections: a conflict, a
 * proposed match accepted, rejected and ignored, and two records linked by hand. Every decision is
 * carried out by the next sync, and the simulators' request logs count exactly what it sent.
 */

interface ItemJson { id: string; pair: string; kind: string; externalId: string; field?: string; records: string[]; values?: { base: unknown; from: unknown; to: unknown }; candidates: { record: string }[] }
interface DecisionJson { item: string; status: string }
interface SyncJson { exitCode: number; runs: { result: { status: string; decisions?: DecisionJson[]; outcomes: { status: string; externalId: string }[] } }[] }

const PAIRS = `
pairs:
  ef-bm:
    from: eenvoudigfactureren
    to: billomat
    mode: two-way
  fs-bm:
    from: factuursturen
    to: billomat
    match_existing: review
`;

const writes = (simulator: VendorSimulator): number => simulator.log.count((e) => e.method !== 'GET' && e.method !== 'HEAD');
const creates = (simulator: VendorSimulator): number => simulator.log.count((e) => e.method === 'POST' && e.path === '/clients');

function edit(simulator: VendorSimulator, id: string, changes: Record<string, unknown>): void {
  const current = simulator.store.get(id);
  if (current === undefined) throw new Error(`no record ${id}`);
  simulator.store.insert({ ...current, ...changes });
}

/** The native ids of the n-th EF client and its Billomat counterpart (all active: see beforeAll). */
function linkedPairOf(ef: VendorSimulator, bm: VendorSimulator, n: number): { efId: string; bmId: string } {
  const efRecord = ef.store.list()[n];
  const efId = String(efRecord?.client_id);
  const externalId = typeof efRecord?.external_client_id === 'string' && efRecord.external_client_id !== '' ? efRecord.external_client_id : `ef-${efId}`;
  const bmId = bm.store.list().find((r) => r.customfield === externalId)?.id;
  if (efRecord === undefined || typeof bmId !== 'string') throw new Error(`no linked client ${n}`);
  return { efId, bmId };
}

describe('review, resolve, accept, reject, ignore and link through the built CLI', { timeout: 120_000 }, () => {
  let workspace: Workspace;
  let ef: VendorSimulator;
  let bm: VendorSimulator;
  let fs: VendorSimulator;
  const review = async (pair: string): Promise<ItemJson[]> => {
    const run = await workspace.cli(['review', '--pair', pair, '--json']);
    expect(run.code, run.stderr).toBe(0);
    return (parseJson(run) as unknown as { items: ItemJson[] }).items;
  };
  const sync = async (pair: string): Promise<SyncJson> => {
    const run = await workspace.cli(['sync', '--pair', pair, '--json']);
    return parseJson(run) as unknown as SyncJson;
  };
  const linkedPair = (n: number): { efId: string; bmId: string } => linkedPairOf(ef, bm, n);
  const clearLogs = (): void => {
    for (const simulator of [ef, bm, fs]) simulator.log.clear();
  };

  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: { eenvoudigfactureren: 3, billomat: 0, factuursturen: 4 }, rateLimit: { eenvoudigfactureren: false, billomat: false, factuursturen: false } });
    ({ eenvoudigfactureren: ef, billomat: bm, factuursturen: fs } = workspace.sandbox.simulators);
    workspace.writeConfig(PAIRS);
    // Active clients only: an edit of an archived Billomat client takes two calls (unarchive with the
    // edit, archive again), which would blur the one-call counts here.
    for (const raw of ef.store.list()) ef.store.insert({ ...raw, state: 'active' });
    // The two-way pair in step: EF's clients in Billomat, with their markers written by the second run.
    expect((await sync('ef-bm')).exitCode).toBe(0);
    expect((await sync('ef-bm')).exitCode).toBe(0);
  }, 180_000);
  afterAll(async () => workspace.close());

  it('lists a same-field conflict once, takes the to side on request, and the next sync writes it to the other side with one call', async () => {
    const { efId, bmId } = linkedPair(0);
    edit(ef, efId, { city: 'Mechelen' });
    edit(bm, bmId, { city: 'Brugge' });
    const first = await sync('ef-bm');
    expect(first.exitCode).toBe(3);

    const items = await review('ef-bm');
    expect(items.map((i) => [i.kind, i.field, i.values?.from, i.values?.to])).toEqual([['conflict', 'billingAddress.city', 'Mechelen', 'Brugge']]);
    const id = items[0]?.id ?? '';
    const resolved = await workspace.cli(['resolve', id, '--take', 'to', '--by', 'test-accountant']);
    expect(resolved.code, resolved.stderr).toBe(0);
    expect(resolved.stdout).toContain(`${id}: take to`);

    clearLogs();
    const carried = await sync('ef-bm');
    expect(carried.exitCode).toBe(0);
    expect(carried.runs[0]?.result.decisions).toEqual([expect.objectContaining({ item: id, status: 'carried-out' })]);
    expect([writes(ef), ef.log.count({ method: 'POST', path: `/clients/${efId}` }), writes(bm)]).toEqual([1, 1, 0]);
    expect(ef.store.get(efId)?.city).toBe('Brugge');
    expect(await review('ef-bm')).toEqual([]);
    clearLogs();
    expect((await sync('ef-bm')).exitCode).toBe(0);
    expect(writes(ef) + writes(bm)).toBe(0);
  });

  it('carries a decision out once when the run that carries it out is killed mid-write (SIGKILL) and run again', async () => {
    const { efId, bmId } = linkedPair(1);
    edit(ef, efId, { city: 'Ninove' });
    edit(bm, bmId, { city: 'Aalst' });
    await sync('ef-bm');
    const [item] = await review('ef-bm');
    expect((await workspace.cli(['resolve', item?.id ?? '', '--take', 'from'])).code).toBe(0);

    // Billomat stores the update, then answers late: the run is killed in between.
    clearLogs();
    bm.faults.script([{ kind: 'latency', latencyMs: 3_000, method: 'PUT', path: `/clients/${bmId}` }]);
    let child: ChildProcess | undefined;
    const killed = workspace.cli(['sync', '--pair', 'ef-bm', '--json'], { onSpawn: (spawned) => (child = spawned) });
    await until(() => bm.faults.pending() === 0, 60_000, 'the update to reach Billomat');
    child?.kill('SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');
    await until(() => bm.log.count({ method: 'PUT', path: `/clients/${bmId}` }) === 1, 60_000, 'Billomat to store the update');
    expect(bm.store.get(bmId)?.city).toBe('Ninove');

    const rerun = await sync('ef-bm');
    expect(rerun.exitCode).toBe(0);
    expect(rerun.runs[0]?.result.decisions).toEqual([expect.objectContaining({ item: item?.id, status: 'carried-out' })]);
    expect([bm.log.count({ method: 'PUT', path: `/clients/${bmId}` }), writes(ef)]).toEqual([1, 0]);
    expect(await review('ef-bm')).toEqual([]);
  });

  describe('proposed matches of a one-way pair with match_existing: review', () => {
    const candidates = new Map<string, string>();
    beforeAll(async () => {
      // Three of FactuurSturen's four clients already exist in Billomat (same VAT number and e-mail).
      for (const raw of fs.store.list().slice(0, 3)) {
        candidates.set(raw.clientnr as string, bm.store.insert({ name: raw.company, email: raw.email, vat_number: raw.taxnumber, city: raw.city, zip: raw.zipcode, country_code: 'NL' }));
      }
      clearLogs();
      const first = await sync('fs-bm');
      // The fourth has no counterpart: created at once; the three wait for a person.
      expect(creates(bm)).toBe(1);
      expect(first.runs[0]?.result.status).toBe('ok');
    }, 60_000);

    const itemFor = async (clientnr: string): Promise<ItemJson> => {
      const item = (await review('fs-bm')).find((i) => i.kind === 'review' && i.records.includes(`factuursturen:${clientnr}`));
      if (item === undefined) throw new Error(`no review item for ${clientnr}`);
      return item;
    };

    it('lists each candidate with the record it matches', async () => {
      const items = await review('fs-bm');
      expect(items.map((i) => [i.kind, i.candidates.map((c) => c.record)]).sort()).toEqual(
        [...candidates.values()].map((bmId) => ['review', [`billomat:${bmId}`]]).sort(),
      );
    });

    it('links an accepted candidate without creating anything, and closes its item', async () => {
      const item = await itemFor('1');
      expect((await workspace.cli(['accept', item.id])).code).toBe(0);
      clearLogs();
      const run = await sync('fs-bm');
      expect(run.runs[0]?.result.decisions).toEqual([expect.objectContaining({ item: item.id, status: 'carried-out' })]);
      expect(creates(bm)).toBe(0);
      expect(bm.store.count()).toBe(3 + 3 + 1); // EF's clients, the three candidates, FactuurSturen's fourth
      expect((await review('fs-bm')).map((i) => i.id)).not.toContain(item.id);
      clearLogs();
      await sync('fs-bm');
      expect(creates(bm)).toBe(0);
    });

    it('creates a rejected candidate anew, exactly once', async () => {
      const item = await itemFor('2');
      expect((await workspace.cli(['reject', item.id])).code).toBe(0);
      clearLogs();
      await sync('fs-bm');
      expect(creates(bm)).toBe(1);
      clearLogs();
      await sync('fs-bm');
      expect(creates(bm)).toBe(0);
      expect((await review('fs-bm')).map((i) => i.id)).not.toContain(item.id);
    });

    it('leaves an ignored record alone for the next three runs: no call about it, no write at all', async () => {
      const item = await itemFor('3');
      const bmId = candidates.get('3') ?? '';
      expect((await workspace.cli(['ignore', item.id])).code).toBe(0);
      clearLogs();
      for (let run = 0; run < 3; run++) expect((await sync('fs-bm')).runs[0]?.result.status).toBe('ok');
      expect(writes(bm)).toBe(0);
      expect(bm.log.count((e) => e.path.includes(`/clients/${bmId}`))).toBe(0);
      expect(await review('fs-bm')).toEqual([]);
      const all = parseJson(await workspace.cli(['review', '--pair', 'fs-bm', '--all', '--json'])) as unknown as { items: ItemJson[] };
      expect(all.items.map((i) => i.id)).toEqual([item.id]);
    });

    it('merges two existing records a person links by hand, with no create', async () => {
      const fsId = fs.store.insert({ company: 'Handwerk Testbedrijf BV', email: 'post@handwerk-test.example', city: 'Utrecht', zipcode: '3511 AA', country: '146' });
      const bmId = bm.store.insert({ name: 'Handwerk Test (alt)', email: 'andere@handwerk-test.example', city: 'Utrecht', zip: '3511 AA', country_code: 'NL' });
      const linked = await workspace.cli(['link', '--pair', 'fs-bm', `from:${fsId}`, `to:${bmId}`, '--apply', '--json']);
      const result = parseJson(linked) as unknown as { exitCode: number; decided: ItemJson[]; runs: SyncJson['runs'] };
      expect(linked.code, linked.stderr).toBe(0);
      expect(result.runs[0]?.result.decisions?.filter((d) => d.item === result.decided[0]?.id)).toEqual([expect.objectContaining({ status: 'carried-out' })]);
      expect(creates(bm)).toBe(0);
      expect(bm.store.get(bmId)?.name).toBe('Handwerk Testbedrijf BV');
    });
  });

  it('refuses a decision that does not fit, naming the item, and changes nothing', async () => {
    const run = await workspace.cli(['resolve', 'c-00000000', '--take', 'to']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('c-00000000');
    const both = await workspace.cli(['resolve', 'c-00000000', '--take', 'to', '--value', 'x']);
    expect(both.code).toBe(2);
  });

  it('leaves no credential in any output or file', () => {
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
