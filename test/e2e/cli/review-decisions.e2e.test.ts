import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorSimulator } from '../../../src/sandbox/index.js';
import { ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

/*
 * The decisions review.e2e.test.ts leaves out, through the built CLI on a two-way sandbox pair:
 * resolving in bulk, a typed value checked against both vendors' limits, who decided (--by or the OS
 * user) in the next report, items that close by themselves, an invalid record skipped until its
 * source changes, and a failed write tried again. Calls are counted in the simulators' request logs.
 */

interface ItemJson { id: string; kind: string; state: string; externalId: string; field?: string; values?: { base?: unknown; from: unknown; to: unknown }; decision?: string; decidedBy?: string; issues: { field: string; rule: string }[] }
interface DecisionJson { item: string; status: string; by?: string }
interface RunJson { result: { status: string; decisions?: DecisionJson[]; outcomes: { status: string; externalId: string }[] }; files: { json: string; summary: string } }
interface SyncJson { exitCode: number; runs: RunJson[] }

const PAIRS = `
pairs:
  ef-bm:
    from: eenvoudigfactureren
    to: billomat
    mode: two-way
`;

const writes = (simulator: VendorSimulator): number => simulator.log.count((e) => e.method !== 'GET' && e.method !== 'HEAD');

function edit(simulator: VendorSimulator, id: string, changes: Record<string, unknown>): void {
  const current = simulator.store.get(id);
  if (current === undefined) throw new Error(`no record ${id}`);
  simulator.store.insert({ ...current, ...changes });
}

describe('bulk resolve, typed values, who decided, skip and retry through the built CLI', { timeout: 180_000 }, () => {
  let workspace: Workspace;
  let ef: VendorSimulator;
  let bm: VendorSimulator;
  const review = async (...extra: string[]): Promise<ItemJson[]> => {
    const run = await workspace.cli(['review', '--pair', 'ef-bm', '--json', ...extra]);
    expect(run.code, run.stderr).toBe(0);
    return (parseJson(run) as unknown as { items: ItemJson[] }).items;
  };
  const sync = async (): Promise<SyncJson> => parseJson(await workspace.cli(['sync', '--pair', 'ef-bm', '--json'])) as unknown as SyncJson;
  const clearLogs = (): void => {
    ef.log.clear();
    bm.log.clear();
  };
  /** The native ids of the n-th EF client and its Billomat counterpart. */
  const linkedPair = (n: number): { efId: string; bmId: string; externalId: string } => {
    const efRecord = ef.store.list()[n];
    const efId = String(efRecord?.client_id);
    const externalId = typeof efRecord?.external_client_id === 'string' && efRecord.external_client_id !== '' ? efRecord.external_client_id : `ef-${efId}`;
    const bmId = bm.store.list().find((r) => r.customfield === externalId)?.id;
    if (efRecord === undefined || typeof bmId !== 'string') throw new Error(`no linked client ${n}`);
    return { efId, bmId, externalId };
  };

  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: { eenvoudigfactureren: 5, billomat: 0, factuursturen: 0 }, rateLimit: { eenvoudigfactureren: false, billomat: false, factuursturen: false } });
    ({ eenvoudigfactureren: ef, billomat: bm } = workspace.sandbox.simulators);
    workspace.writeConfig(PAIRS);
    // Active clients only: an edit of an archived Billomat client takes two calls.
    for (const raw of ef.store.list()) ef.store.insert({ ...raw, state: 'active' });
    expect((await sync()).exitCode).toBe(0);
    expect((await sync()).exitCode).toBe(0);
  }, 180_000);
  afterAll(async () => workspace.close());

  it('resolves every city conflict of the pair at once (--all --pair --field --take to), one update each, with --by in the report', async () => {
    const first = linkedPair(0);
    const second = linkedPair(1);
    edit(ef, first.efId, { city: 'Mechelen' });
    edit(bm, first.bmId, { city: 'Brugge' });
    edit(ef, second.efId, { city: 'Ninove' });
    edit(bm, second.bmId, { city: 'Aalst' });
    expect((await sync()).exitCode).toBe(3);
    const items = await review();
    expect(items.map((i) => [i.kind, i.field]).sort()).toEqual([['conflict', 'billingAddress.city'], ['conflict', 'billingAddress.city']]);

    const none = await workspace.cli(['resolve', '--all', '--pair', 'ef-bm', '--field', 'billingAddress.street', '--take', 'to']);
    expect([none.code, none.stderr.includes('no open conflict')]).toEqual([2, true]);
    const bulk = await workspace.cli(['resolve', '--all', '--pair', 'ef-bm', '--field', 'billingAddress.city', '--take', 'to', '--by', 'Bulk Tester', '--json']);
    expect(bulk.code, bulk.stderr).toBe(0);
    const decided = (parseJson(bulk) as unknown as { decided: ItemJson[] }).decided;
    expect(decided.map((i) => [i.id, i.decision, i.decidedBy]).sort()).toEqual(items.map((i) => [i.id, 'take to', 'Bulk Tester']).sort());

    clearLogs();
    const carried = await sync();
    expect(carried.exitCode).toBe(0);
    expect(carried.runs[0]?.result.decisions?.map((d) => [d.item, d.status, d.by]).sort()).toEqual(items.map((i) => [i.id, 'carried-out', 'Bulk Tester']).sort());
    expect([ef.log.count({ method: 'POST', path: `/clients/${first.efId}` }), ef.log.count({ method: 'POST', path: `/clients/${second.efId}` }), writes(ef), writes(bm)]).toEqual([1, 1, 2, 0]);
    expect([ef.store.get(first.efId)?.city, ef.store.get(second.efId)?.city]).toEqual(['Brugge', 'Aalst']);
    const report = readFileSync(carried.runs[0]?.files.summary ?? '', 'utf8');
    for (const item of items) expect(report).toMatch(new RegExp(`\\| ${item.id} \\| conflict billingAddress\\.city \\|.*\\| take to \\| Bulk Tester \\| carried-out \\|`));
    expect(await review()).toEqual([]);
  });

  it('refuses a typed value longer than a vendor holds, naming item, record, field and rule, and keeps the item undecided', async () => {
    const { efId, bmId, externalId } = linkedPair(2);
    const base = ef.store.get(efId)?.city;
    edit(ef, efId, { city: 'Gent' });
    edit(bm, bmId, { city: 'Köln' });
    await sync();
    // Found again by a second run, the conflict still shows the value both sides had at the last sync.
    expect((await sync()).exitCode).toBe(3);
    const [item] = await review();
    expect(item?.values).toEqual({ base, from: 'Gent', to: 'Köln' });
    const tooLong = 'Sint-Pieters-Leeuw-aan-de-Zenne-en-nog-wat-verder-!'; // 51 characters: EF holds 50
    const refused = await workspace.cli(['resolve', item?.id ?? '', '--value', tooLong]);
    expect(refused.code).toBe(2);
    for (const part of [item?.id ?? '?', externalId, 'billingAddress.city', 'eenvoudigfactureren', 'at most 50 characters']) expect(refused.stderr).toContain(part);
    expect((await review()).map((i) => [i.id, i.decision])).toEqual([[item?.id, undefined]]);

    // A value that fits both, carried out at once (--apply): one update on each side, the OS user recorded.
    clearLogs();
    const applied = await workspace.cli(['resolve', item?.id ?? '', '--value', 'Dendermonde', '--apply', '--json']);
    expect(applied.code, applied.stderr).toBe(0);
    const result = parseJson(applied) as unknown as { decided: ItemJson[]; runs: RunJson[] };
    const me = userInfo().username;
    expect(result.decided.map((i) => [i.decision, i.decidedBy])).toEqual([['value "Dendermonde"', me]]);
    expect(result.runs[0]?.result.decisions?.map((d) => [d.item, d.status, d.by])).toEqual([[item?.id, 'carried-out', me]]);
    expect([ef.log.count({ method: 'POST', path: `/clients/${efId}` }), bm.log.count({ method: 'PUT', path: `/clients/${bmId}` }), writes(ef) + writes(bm)]).toEqual([1, 1, 2]);
    expect([ef.store.get(efId)?.city, bm.store.get(bmId)?.city]).toEqual(['Dendermonde', 'Dendermonde']);
    expect(readFileSync(result.runs[0]?.files.summary ?? '', 'utf8')).toContain(`| ${item?.id ?? '?'} | conflict billingAddress.city | ${externalId} | value "Dendermonde" | ${me} | carried-out |`);
    expect(await review()).toEqual([]);
  });

  it('closes a conflict by itself once both sides agree again (no write), or once one side is put back to the base (its other side flows)', async () => {
    const { efId, bmId } = linkedPair(3);
    edit(ef, efId, { city: 'Lier' });
    edit(bm, bmId, { city: 'Hasselt' });
    await sync();
    expect((await review()).map((i) => i.kind)).toEqual(['conflict']);
    edit(bm, bmId, { city: 'Lier' });
    clearLogs();
    const run = await sync();
    expect([run.exitCode, run.runs[0]?.result.decisions ?? []]).toEqual([0, []]);
    expect(writes(ef) + writes(bm)).toBe(0);
    expect(await review('--all')).toEqual([]);

    // A conflict whose one side is put back to the value of the last sync: the other side's change
    // goes through (a three-way merge against the kept base), one update, and the item closes.
    edit(ef, efId, { city: 'Boom' });
    edit(bm, bmId, { city: 'Tielt' });
    expect((await sync()).exitCode).toBe(3);
    expect((await review()).map((i) => i.values)).toEqual([{ base: 'Lier', from: 'Boom', to: 'Tielt' }]);
    edit(bm, bmId, { city: 'Lier' });
    clearLogs();
    expect((await sync()).exitCode).toBe(0);
    expect([bm.log.count({ method: 'PUT', path: `/clients/${bmId}` }), writes(bm), writes(ef), bm.store.get(bmId)?.city]).toEqual([1, 1, 0, 'Boom']);
    expect(await review('--all')).toEqual([]);
  });

  it('skips an invalid record until its source changes, keeping the change it could not carry', async () => {
    const { efId, bmId } = linkedPair(4);
    const efZip = ef.store.get(efId)?.postal_code;
    edit(bm, bmId, { zip: '123456789012345' }); // EF holds 10 characters
    expect((await sync()).exitCode).toBe(3);
    const [item] = await review();
    expect([item?.kind, item?.issues.map((i) => i.rule)]).toEqual(['invalid', ['at most 10 characters']]);
    expect((await workspace.cli(['resolve', item?.id ?? '', '--skip'])).code).toBe(0);

    clearLogs();
    for (let run = 0; run < 2; run++) {
      const skipped = await sync();
      expect(skipped.exitCode).toBe(0);
      expect(skipped.runs[0]?.result.decisions?.map((d) => [d.item, d.status])).toEqual([[item?.id, 'standing']]);
    }
    // No write either way: Billomat keeps the person's edit, EF its own value.
    expect([writes(ef), writes(bm), bm.store.get(bmId)?.zip, ef.store.get(efId)?.postal_code]).toEqual([0, 0, '123456789012345', efZip]);
    expect((await review('--all')).map((i) => [i.id, i.state])).toEqual([[item?.id, 'dismissed']]);

    // The source changes: the item is open again, under the same id, without the old decision.
    edit(bm, bmId, { zip: '1234567890123456' });
    expect((await sync()).exitCode).toBe(3);
    expect((await review()).map((i) => [i.id, i.state, i.decision])).toEqual([[item?.id, 'open', undefined]]);

    // Retry now: the next run tries the record again (a zip EF holds, so it goes through) and closes the item.
    edit(bm, bmId, { zip: '9000' });
    expect((await workspace.cli(['resolve', item?.id ?? '', '--retry'])).code).toBe(0);
    clearLogs();
    const retried = await sync();
    expect(retried.runs[0]?.result.decisions?.map((d) => [d.item, d.status])).toEqual([[item?.id, 'carried-out']]);
    expect([ef.log.count({ method: 'POST', path: `/clients/${efId}` }), writes(bm), ef.store.get(efId)?.postal_code]).toEqual([1, 0, '9000']);
    expect(await review('--all')).toEqual([]);
  });

  it('keeps a failed write as an item, and a retry writes it once', async () => {
    const { efId, bmId } = linkedPair(0);
    edit(bm, bmId, { city: 'Tongeren' });
    ef.faults.script([{ kind: 'error5xx', status: 422, method: 'POST', path: `/clients/${efId}` }]);
    expect((await sync()).exitCode).not.toBe(0);
    const [item] = await review();
    expect([item?.kind, (await review()).length]).toEqual(['failed', 1]);
    // Every run tries a failed write again: "skip until its source changes" does not apply to it.
    const skip = await workspace.cli(['resolve', item?.id ?? '', '--skip']);
    expect([skip.code, skip.stderr.includes(`${item?.id ?? '?'}: is a failed item: skip applies to invalid items`)]).toEqual([2, true]);
    expect((await workspace.cli(['resolve', item?.id ?? '', '--retry', '--by', 'Retry Tester'])).code).toBe(0);
    clearLogs();
    const retried = await sync();
    expect(retried.exitCode).toBe(0);
    expect(retried.runs[0]?.result.decisions?.map((d) => [d.item, d.status, d.by])).toEqual([[item?.id, 'carried-out', 'Retry Tester']]);
    expect([ef.log.count({ method: 'POST', path: `/clients/${efId}` }), writes(bm), ef.store.get(efId)?.city]).toEqual([1, 0, 'Tongeren']);
    expect(await review('--all')).toEqual([]);
  });

  it('leaves no credential in any output or file', () => {
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
