import { startSimulator, type VendorSimulator } from '../src/sandbox/index.js';
import type { ApiVendorId } from '../src/vendors/ids.js';
import type { ChildConnection } from './child-protocol.js';
import type { SharedClock } from '../src/sandbox/shared-clock.js';

/** A simulator in the bench's main process and the connection a child opens to it. */
export interface BenchSimulator {
  readonly simulator: VendorSimulator;
  readonly connection: ChildConnection;
}

/**
 * Starts a vendor simulator with its real rate limit (the sandbox defaults: Billomat 300 per
 * 15 minutes, VENDORS.md §3.4) on the bench's shared clock.
 */
export async function startBenchSimulator(vendor: ApiVendorId, name: string, options: { clients: number; seed: number; clock: SharedClock }): Promise<BenchSimulator> {
  const simulator = await startSimulator({ vendor, clients: options.clients, seed: options.seed, clock: options.clock });
  return { simulator, connection: { name, vendor, url: simulator.url, credentials: simulator.credentials } };
}

/**
 * Changes one field of a client directly in the simulator's store, the way a user's edit in the
 * vendor's web app would (test/e2e/engine/two-way.test.ts does the same).
 */
export function editClient(simulator: VendorSimulator, id: string, changes: Record<string, unknown>): void {
  const current = simulator.store.get(id);
  if (current === undefined) throw new Error(`no client ${id} in the ${simulator.vendor} simulator`);
  simulator.store.insert({ ...current, ...changes });
}

/** A city different from `current`, short enough for every vendor's limit. */
export function otherCity(current: unknown): string {
  return current === 'Zwolle' ? 'Deventer' : 'Zwolle';
}
