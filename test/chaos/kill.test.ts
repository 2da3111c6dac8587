import { afterAll, describe, expect, it } from 'vitest';
import { createPrng } from '../../src/sandbox/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { RunResult } from '../../src/sync/index.js';
import { tempStore } from '../helpers/pair.js';
import { childSide, dumpStateStore, expectEveryClientOnce, leaks, secretFormsOf, startChild, startSide, until, type ChildRun, type Side } from '../reliability/support.js';

/*
 * SIGKILL at 20 points of a 2,000-client migration, drawn from a seeded generator over the requests
 * both vendors see, so kills land while reading, creating, writing custom values and writing markers.
 * Each kill is followed by a re-run (which the next kill interrupts in turn); the last runs to the end.
 * Afterwards the target holds every client exactly once with every surviving field equal, and a
 * further run writes nothing.
 *
 * EenvoudigFactureren → Billomat: Billomat keeps no marker in a create (records killed between the
 * create and its link are found again by content) and writes custom values by later calls.
 */

const N = 2_000;
const KILLS = 20;
const SEED = 'chaos/kill';
const started: Side[] = [];
const children: ChildRun[] = [];
let stateFile = '';
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

describe('a 2,000-client migration killed at 20 random points', () => {
  it('ends, after the re-runs, with every client exactly once and every surviving field equal', { timeout: 600_000 }, async () => {
    const source = await startSide('eenvoudigfactureren', 'ef', { clients: N, seed: SEED });
    const target = await startSide('billomat', 'bm', { clients: 0, quirks: { clientProperties: [{ id: '901', name: 'myreference', type: 'TEXTFIELD' }, { id: '902', name: 'kvk', type: 'TEXTFIELD' }] } });
    started.push(source, target);
    stateFile = tempStore().file;
    const input = { from: childSide(source, 'eenvoudigfactureren'), to: childSide(target, 'billomat'), db: stateFile, pair: 'ef-bm', command: 'migrate' as const };
    const requests = (): number => source.simulator.log.entries.length + target.simulator.log.entries.length;

    // What a migration without kills sends, about: the listings, a create per client, its custom
    // values, and (in the re-run) a marker per client. Kill points fall in its first 90 %.
    const mapping = await source.mapping();
    const customValues = source.simulator.store.list().reduce((n, raw) => n + (mapping.decode(raw).customer.customValues?.length ?? 0), 0);
    const expected = 2 * N + customValues;
    const prng = createPrng(SEED);
    const points = Array.from({ length: KILLS }, () => prng.int(1, Math.floor(expected * 0.9))).sort((a, b) => a - b);

    const killedAt: number[] = [];
    for (const point of points) {
      const child = startChild(input);
      let exited = false;
      void child.done.then(() => (exited = true));
      await until(() => requests() >= point || exited, 300_000);
      child.kill();
      const ended = await child.done;
      children.push(ended);
      if (ended.signal === 'SIGKILL') killedAt.push(requests());
    }
    const last = startChild(input);
    const finished = await last.done;
    children.push(finished);
    const again = startChild(input);
    const rerun = await again.done;
    children.push(rerun);

    expect(killedAt).toHaveLength(KILLS);
    expect(new Set(killedAt).size).toBe(KILLS);
    expect(finished.code, finished.stdout).toBe(0);
    expect(rerun.code).toBe(0);
    const rerunResult = JSON.parse(rerun.stdout) as RunResult;
    expect(rerunResult.outcomes.filter((o) => !['skipped', 'invalid', 'marker'].includes(o.status))).toEqual([]);
    const store = createSqliteStore({ file: stateFile });
    const compared = await expectEveryClientOnce({ source, target, store });
    expect(compared.records).toBeGreaterThan(N * 0.95);
    // Kills landed between a create reaching Billomat and its link being stored: found again, by content.
    const journal = store.journal({ pair: 'ef-bm' });
    expect(journal.filter((e) => e.state === 'resolved').length).toBeGreaterThan(0);
    // Nothing changed in the source, so no client is ever updated: a create found again settles with
    // the snapshots its intent kept (custom values a kill cut off are written by their own calls).
    const followUpUpdates = target.simulator.log.count({ method: 'PUT', path: /^\/clients\/\d+$/ });
    expect(followUpUpdates).toBe(0);
    // The summary the README quotes: where the kills landed and what the journal made of them.
    const states: Record<string, number> = {};
    for (const entry of journal) states[`${entry.operation}:${entry.state}`] = (states[`${entry.operation}:${entry.state}`] ?? 0) + 1;
    console.info(JSON.stringify({ kills: killedAt.length, at: killedAt, runs: children.length, records: compared.records, values: compared.values, followUpUpdates, journal: states, runStatuses: store.runs({ pair: 'ef-bm', limit: 100 }).map((r) => r.status) }));
    store.close();
  });

  it('leaves no credential in any log line, result or row of the state store of those runs', () => {
    const secrets = started.flatMap((side) => secretFormsOf(side.credentials));
    expect(children.length).toBeGreaterThan(KILLS);
    const places = [
      ...children.flatMap((run, i) => [{ where: `log of run ${i + 1}`, text: run.stderr }, { where: `result of run ${i + 1}`, text: run.stdout }]),
      ...dumpStateStore(stateFile).map((row) => ({ where: 'state store', text: row })),
    ];
    expect(places.filter((p) => p.text.length > 0).length).toBeGreaterThan(KILLS);
    expect(leaks(places, secrets)).toEqual([]);
  });
});
