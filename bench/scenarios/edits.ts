import type { JsonRecord } from '../../src/sandbox/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import type { ApiVendorId } from '../../src/vendors/ids.js';
import { editClient, otherCity, type BenchSimulator } from '../simulators.js';

/** Whether a client is active in its vendor's own terms (VENDORS.md §1.6, §2.6, §3.6). */
function isActive(vendor: ApiVendorId, record: JsonRecord | undefined): boolean {
  if (record === undefined) return false;
  switch (vendor) {
    case 'eenvoudigfactureren':
      return record.state !== 'archived';
    case 'factuursturen':
      return record.active !== 'false' && record.active !== false;
    case 'billomat':
      return record.archived !== '1' && record.archived !== 1;
  }
}

/**
 * Changes the city of `share` of the clients of `side` that the last run linked, spread evenly over
 * the account. Only clients active on both sides are chosen: Billomat refuses any edit of an
 * archived client ("Archived clients cannot be edited", VENDORS.md §3.5), which is a finding of its
 * own (see BENCHMARKS.md), not the everyday change this scenario measures. Clients in `exclude` are
 * left alone: those the last run left out of step (in conflict, refused, failed), whose next change
 * is no everyday change either, and those changed on the other side, so no change meets another.
 */
export function editLinkedClients(side: BenchSimulator, other: BenchSimulator, db: string, share: number, exclude: ReadonlySet<string> = new Set()): { nativeIds: string[]; externalIds: Set<string> } {
  const store = createSqliteStore({ file: db });
  const otherIds = new Map(store.links(other.connection.name).map((link) => [link.externalId, link.nativeId]));
  const links = store.links(side.connection.name).filter((link) => {
    const otherId = otherIds.get(link.externalId);
    return !exclude.has(link.externalId) && otherId !== undefined && isActive(side.connection.vendor, side.simulator.store.get(link.nativeId)) && isActive(other.connection.vendor, other.simulator.store.get(otherId));
  });
  store.close();
  links.sort((a, b) => Number(a.nativeId) - Number(b.nativeId) || a.nativeId.localeCompare(b.nativeId));
  const count = Math.min(links.length, Math.round(side.simulator.store.count() * share));
  const step = links.length / Math.max(1, count);
  const chosen = Array.from({ length: count }, (_, i) => links[Math.floor(i * step)]).filter((link) => link !== undefined);
  for (const link of chosen) editClient(side.simulator, link.nativeId, { city: otherCity(side.simulator.store.get(link.nativeId)?.city) });
  return { nativeIds: chosen.map((link) => link.nativeId), externalIds: new Set(chosen.map((link) => link.externalId)) };
}
