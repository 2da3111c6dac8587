import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EngineOnlyOutput } from '../child-protocol.js';
import { createSharedClock } from '../../src/sandbox/shared-clock.js';
import type { BenchSimulator } from '../simulators.js';
import { inChild, type ChildOptions } from '../spawn-child.js';
import { VENDOR_START } from './migration.js';

export interface EngineOnlyMeasurement {
  readonly id: string;
  readonly title: string;
  readonly clients: number;
  readonly output: EngineOnlyOutput;
}

export interface EngineOnlyOptions {
  readonly clients: number;
  readonly tmp: string;
  readonly pair: string;
  readonly mode: 'one-way' | 'two-way';
  readonly from: BenchSimulator;
  readonly to: BenchSimulator;
  /** The state store the HTTP runs left. */
  readonly db: string;
  readonly child?: ChildOptions | undefined;
  readonly progress: (line: string) => void;
  /** Also plan the initial run: `from` against an empty `to` and an empty state store. */
  readonly initial: boolean;
  readonly labels: { readonly initial: string; readonly rerun: string };
}

/**
 * Decode, reconcile and plan without HTTP, from the raw records the simulators hold, listed once
 * through the real connectors and cached in files. The re-run plans against the state store the HTTP
 * runs left behind (a copy), where every client is linked on both sides and has its snapshots.
 */
export async function engineOnlySuite(options: EngineOnlyOptions): Promise<EngineOnlyMeasurement[]> {
  const dir = mkdtempSync(path.join(options.tmp, 'engine-only-'));
  const files = { from: path.join(dir, `${options.from.connection.name}.ndjson`), to: path.join(dir, `${options.to.connection.name}.ndjson`) };
  // A fast clock: the listing is setup, not measured, and should not wait for rate windows.
  const clock = createSharedClock(1_000_000, VENDOR_START + 365 * 86_400_000);
  options.progress(`engine-only ${options.pair}, ${String(options.clients)} clients: caching the raw records`);
  await inChild({ kind: 'dump', sides: [{ connection: options.from.connection, file: files.from }, { connection: options.to.connection, file: files.to }], clock: clock.segment() });
  const db = path.join(dir, 'state.db');
  copyFileSync(options.db, db);

  const pair = { name: options.pair, mode: options.mode };
  const sides = (toFile: string) => ({
    from: { name: options.from.connection.name, vendor: options.from.connection.vendor, file: files.from },
    to: { name: options.to.connection.name, vendor: options.to.connection.vendor, file: toFile },
  });
  const out: EngineOnlyMeasurement[] = [];
  if (options.initial) {
    const empty = path.join(dir, 'empty.ndjson');
    writeFileSync(empty, `${JSON.stringify({ customFieldNames: null })}\n`);
    options.progress(`engine-only ${options.pair}, ${String(options.clients)} clients: ${options.labels.initial}`);
    const output = await inChild({ kind: 'engine-only', pair, ...sides(empty), db: path.join(dir, 'empty-state.db') }, { ...options.child, label: `engine-only-initial-${String(options.clients)}` });
    out.push({ id: 'engine-initial', title: options.labels.initial, clients: options.clients, output });
  }
  options.progress(`engine-only ${options.pair}, ${String(options.clients)} clients: ${options.labels.rerun}`);
  const output = await inChild({ kind: 'engine-only', pair, ...sides(files.to), db }, { ...options.child, label: `engine-only-rerun-${options.pair}-${String(options.clients)}` });
  out.push({ id: `engine-rerun-${options.mode}`, title: options.labels.rerun, clients: options.clients, output });
  return out;
}
