import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { listMinimum, perRunMinimum } from '../minimum.js';
import { measureRun, type RunMeasurement } from '../measure-run.js';
import { createSharedClock } from '../../src/sandbox/shared-clock.js';
import { startBenchSimulator, type BenchSimulator } from '../simulators.js';
import type { ChildOptions } from '../spawn-child.js';
import { editLinkedClients } from './edits.js';

/** The vendor clock of every suite starts at the top of a Billomat window. */
export const VENDOR_START = Date.UTC(2026, 0, 5, 9, 0, 0);

export interface SuiteOptions {
  readonly clients: number;
  readonly timeScale: number;
  readonly tmp: string;
  readonly child?: ChildOptions | undefined;
  readonly progress: (line: string) => void;
}

/** What a migration leaves for the engine-only runs: both accounts and the state store. */
export interface MigratedPair {
  readonly fs: BenchSimulator;
  readonly bm: BenchSimulator;
  readonly db: string;
  close(): Promise<void>;
}

const PAIR = { name: 'fs-bm' } as const;

/**
 * FactuurSturen → Billomat, one-way, the migration most users start with: the initial migration
 * into an empty Billomat account, a re-run with nothing changed, and a re-run after 1 % of the
 * FactuurSturen clients changed.
 */
export async function migrationSuite(options: SuiteOptions): Promise<{ runs: RunMeasurement[]; migrated: MigratedPair }> {
  const { clients, timeScale } = options;
  const clock = createSharedClock(timeScale, VENDOR_START);
  const fs = await startBenchSimulator('factuursturen', 'fs', { clients, seed: 21, clock });
  const bm = await startBenchSimulator('billomat', 'bm', { clients: 0, seed: 22, clock });
  const db = path.join(mkdtempSync(path.join(options.tmp, 'migration-')), 'state.db');
  const common = { clients, clock, timeScale, pair: PAIR, command: 'migrate' as const, from: fs, to: bm, db, child: options.child };
  const runs: RunMeasurement[] = [];

  options.progress(`migration FS → Billomat, ${String(clients)} clients: initial`);
  runs.push(
    await measureRun({
      ...common,
      id: 'initial',
      title: 'Initial migration FactuurSturen → Billomat',
      // FactuurSturen has no custom values (mappings/factuursturen.yaml), so Billomat's client
      // properties are never needed: one create per client Billomat can hold, nothing else.
      minimum: ({ before, child }) => ({
        fs: { list: listMinimum('factuursturen', before.fs ?? 0), other: perRunMinimum('factuursturen'), writes: 0 },
        bm: { list: listMinimum('billomat', before.bm ?? 0), other: 0, writes: (before.fs ?? 0) - child.invalid.length },
      }),
    }),
  );

  options.progress(`migration FS → Billomat, ${String(clients)} clients: re-run, nothing changed`);
  runs.push(
    await measureRun({
      ...common,
      id: 'rerun',
      title: 'Re-run, nothing changed',
      minimum: ({ before }) => ({
        fs: { list: listMinimum('factuursturen', before.fs ?? 0), other: perRunMinimum('factuursturen'), writes: 0 },
        bm: { list: listMinimum('billomat', before.bm ?? 0), other: 0, writes: 0 },
      }),
    }),
  );

  const edited = editLinkedClients(fs, bm, db, 0.01, new Set(runs.at(-1)?.child.unsettled ?? []));
  options.progress(`migration FS → Billomat, ${String(clients)} clients: re-run, ${String(edited.nativeIds.length)} changed`);
  runs.push(
    await measureRun({
      ...common,
      id: 'rerun-1pct',
      title: 'Re-run, 1 % of the clients changed',
      // One PUT per changed client: a changed city needs no custom values, contacts or markers.
      minimum: ({ before }) => ({
        fs: { list: listMinimum('factuursturen', before.fs ?? 0), other: perRunMinimum('factuursturen'), writes: 0 },
        bm: { list: listMinimum('billomat', before.bm ?? 0), other: 0, writes: edited.nativeIds.length },
      }),
    }),
  );

  return {
    runs,
    migrated: {
      fs, bm, db,
      close: async () => {
        await fs.simulator.close();
        await bm.simulator.close();
      },
    },
  };
}
