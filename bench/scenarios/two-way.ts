import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { listMinimum } from '../minimum.js';
import { measureRun, type RunMeasurement } from '../measure-run.js';
import { createSharedClock } from '../../src/sandbox/shared-clock.js';
import { startBenchSimulator, type BenchSimulator } from '../simulators.js';
import { editLinkedClients } from './edits.js';
import { VENDOR_START, type SuiteOptions } from './migration.js';

/** Both accounts after the two-way runs, and the state store, for the engine-only runs. */
export interface SyncedPair {
  readonly ef: BenchSimulator;
  readonly bm: BenchSimulator;
  readonly db: string;
  close(): Promise<void>;
}

const PAIR = { name: 'ef-bm', mode: 'two-way' } as const;

/**
 * The speed of the setup runs: fast enough that the rate windows never hold them up, so what they
 * cost is CPU only. They build the state the measured run starts from and are reported, not judged.
 */
export const SETUP_SCALE = 1_000_000;

/**
 * EenvoudigFactureren ↔ Billomat, two-way: each account starts with half the clients, a first sync
 * copies each half across (so both sides hold about `clients`: some clients one vendor cannot hold
 * stay behind), a second settles what the vendors filled in; then 1 % of the clients change on each
 * side, different clients on each, and the measured run carries the changes both ways.
 */
export async function twoWaySuite(options: SuiteOptions): Promise<{ runs: RunMeasurement[]; setup: RunMeasurement[]; synced: SyncedPair }> {
  const { clients, timeScale } = options;
  const clock = createSharedClock(SETUP_SCALE, VENDOR_START);
  const half = Math.floor(clients / 2);
  const ef = await startBenchSimulator('eenvoudigfactureren', 'ef', { clients: half, seed: 41, clock });
  const bm = await startBenchSimulator('billomat', 'bm', { clients: clients - half, seed: 42, clock });
  const db = path.join(mkdtempSync(path.join(options.tmp, 'two-way-')), 'state.db');
  const common = { clients, clock, pair: PAIR, command: 'sync' as const, from: ef, to: bm, db, child: options.child };
  // The setup runs are measured like the others, but their minimum is not the question: zeros.
  const noMinimum = (): Record<string, { list: number; other: number; writes: number }> => ({ ef: { list: 0, other: 0, writes: 0 }, bm: { list: 0, other: 0, writes: 0 } });

  const setup: RunMeasurement[] = [];
  options.progress(`two-way EF ↔ Billomat, ${String(clients)} clients: setup, first sync`);
  setup.push(await measureRun({ ...common, timeScale: SETUP_SCALE, id: 'two-way-first', title: 'Setup: first two-way sync (half the clients each way)', minimum: noMinimum }));
  options.progress(`two-way EF ↔ Billomat, ${String(clients)} clients: setup, settling sync`);
  // At the measured speed: markers are written only with budget to spare, a window's worth at most,
  // as a scheduled sync would between runs; the rest stay deferred (and are counted apart).
  setup.push(await measureRun({ ...common, timeScale, id: 'two-way-settle', title: 'Setup: second sync (vendor defaults settled, some markers backfilled)', minimum: noMinimum }));

  const unsettled = new Set(setup.at(-1)?.child.unsettled ?? []);
  const fromEf = editLinkedClients(ef, bm, db, 0.01, unsettled);
  const fromBm = editLinkedClients(bm, ef, db, 0.01, new Set([...unsettled, ...fromEf.externalIds]));
  options.progress(`two-way EF ↔ Billomat, ${String(clients)} clients: ${String(fromEf.nativeIds.length)} changed in EF, ${String(fromBm.nativeIds.length)} in Billomat`);
  const runs = [
    await measureRun({
      ...common,
      timeScale,
      id: 'two-way-1pct',
      title: 'Two-way, 1 % changed on each side',
      // Each change is one update on the other side: EF `POST /clients/{id}` (partial), Billomat
      // `PUT /clients/{id}`. A changed city carries no custom values, so the floor has no client
      // properties, and the engine reads Billomat's property directory only when a create or a changed
      // custom value needs it (src/sync/engine.ts needsCustomFieldNames).
      minimum: ({ before }) => ({
        ef: { list: listMinimum('eenvoudigfactureren', before.ef ?? 0), other: 0, writes: fromBm.nativeIds.length },
        bm: { list: listMinimum('billomat', before.bm ?? 0), other: 0, writes: fromEf.nativeIds.length },
      }),
    }),
  ];
  return {
    runs,
    setup,
    synced: {
      ef, bm, db,
      close: async () => {
        await ef.simulator.close();
        await bm.simulator.close();
      },
    },
  };
}
