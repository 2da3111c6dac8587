import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMapping } from '../../src/mapping/index.js';
import type { RawRecord } from '../../src/mapping/record-codec.js';
import { startSimulator, type VendorSimulator } from '../../src/sandbox/index.js';
import type { SimulatorOptions } from '../../src/sandbox/simulator-options.js';
import { createSqliteStore, type StateStore } from '../../src/store/index.js';
import { resolvePairSettings, type PairSettingsInput } from '../../src/sync/index.js';
import type { PairSettings, SyncSide } from '../../src/sync/types.js';
import type { ApiVendorId } from '../../src/vendors/ids.js';
import { createConnector } from '../../src/vendors/registry.js';

/** A simulator plus a fresh connector (and mapping) talking to it. */
export interface SimulatedSide {
  readonly simulator: VendorSimulator;
  side(): Promise<SyncSide>;
}

/** With the simulator's rate limit off, the connector need not keep to the vendor's real budget either. */
const UNLIMITED = { requests: 1_000_000, windowMs: 60_000 };

export async function simulated(vendor: ApiVendorId, name: string, options: Omit<SimulatorOptions, 'vendor'> = {}): Promise<SimulatedSide> {
  const simulator = await startSimulator({ vendor, ...options } as SimulatorOptions);
  const rateBudget = options.rateLimit === false ? UNLIMITED : undefined;
  return {
    simulator,
    // A new connector per run, as the CLI makes one per process: counters start at zero.
    async side() {
      let mapping = await loadMapping(vendor);
      const connector = createConnector({ name, vendor, baseUrl: simulator.url, credentials: simulator.credentials, mapping, clock: simulator.clock, rateBudget });
      const lookups = await connector.lookupTables?.();
      if (lookups !== undefined) mapping = await loadMapping(vendor, { lookups });
      return { name, connector, mapping };
    },
  };
}

export function tempStore(): { store: StateStore; file: string } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-e2e-')), 'state.db');
  return { store: createSqliteStore({ file }), file };
}

export function pairSettings(input: PairSettingsInput): PairSettings {
  return resolvePairSettings(input);
}

/** Counts the simulator's logged requests that wrote (anything but GET). */
export function writesIn(simulator: VendorSimulator): number {
  return simulator.log.entries.filter((e) => e.method !== 'GET' && e.method !== 'HEAD').length;
}

/** A source side that lists one given raw record (the target is a real simulator). */
export function listingOnly(side: SyncSide, raw: RawRecord): SyncSide {
  const connector = Object.create(side.connector, {
    listClients: {
      value: async function* listClients(): AsyncGenerator<RawRecord> {
        yield await Promise.resolve(raw);
      },
    },
  }) as SyncSide['connector'];
  return { ...side, connector };
}
