import type { ApiVendorId } from '../src/vendors/ids.js';

/*
 * The fewest calls a run can make, from the data and the vendors' documented paging alone. This is
 * deliberately not src/sync/cost.ts: the engine's own cost model is what is being checked.
 */

/**
 * List calls to read `records` clients:
 * - EenvoudigFactureren pages with skip/take, at most 100, and gives no total (VENDORS.md §1.3), so a
 *   listing ends at a short page: ⌊N / 100⌋ + 1 calls, and 2 for 0 < N < 100 (the short first page
 *   cannot be told from a server that caps the page below 100 until an empty page follows);
 * - FactuurSturen returns every client in one array (VENDORS.md §2.3): 1 call;
 * - Billomat pages with per_page up to 1000 and announces @total (VENDORS.md §3.3): ⌈N / 1000⌉, at
 *   least 1.
 */
export function listMinimum(vendor: ApiVendorId, records: number): number {
  switch (vendor) {
    case 'eenvoudigfactureren':
      return records > 0 && records < 100 ? 2 : Math.floor(records / 100) + 1;
    case 'factuursturen':
      return 1;
    case 'billomat':
      return Math.max(1, Math.ceil(records / 1000));
  }
}

/** Calls every run makes once per connection: FactuurSturen's country ids come from GET /countrylist (VENDORS.md §2.7). */
export function perRunMinimum(vendor: ApiVendorId): number {
  return vendor === 'factuursturen' ? 1 : 0;
}

/** The minimum of one connection in one run, by kind of call. */
export interface ConnectionMinimum {
  readonly list: number;
  readonly other: number;
  readonly writes: number;
}

export function totalOf(minimum: ConnectionMinimum): number {
  return minimum.list + minimum.other + minimum.writes;
}
