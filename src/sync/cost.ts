import type { Customer } from '../canonical/customer.js';
import type { VendorConnector } from '../vendors/types.js';
import type { PlannedCalls } from './types.js';

/*
 * The cost model (DESIGN §8): calls are what a run spends, because the vendors' rate limits, not the
 * CPU, bound it. The planner counts every call each action will make; the same numbers give the ETA.
 */

/** List calls to read `records` clients through a connector's paging. */
export function listCalls(connector: VendorConnector, records: number): number {
  const { pageSize, listingHasTotal } = connector.capabilities;
  if (pageSize === Number.POSITIVE_INFINITY || pageSize <= 0) return 1;
  // With a total the listing stops at the last page; without one a short (or empty) page ends it,
  // and a lone short first page needs an empty one to confirm it (see src/http/paging.ts).
  if (listingHasTotal) return Math.max(1, Math.ceil(records / pageSize));
  if (records > 0 && records < pageSize) return 2;
  return Math.floor(records / pageSize) + 1;
}

function subresourceItems(connector: VendorConnector, customer: Customer, contacts: boolean, customValues: boolean): number {
  if (!connector.capabilities.separateSubresourceWrites) return 0;
  return (contacts ? (customer.contacts?.length ?? 0) : 0) + (customValues ? (customer.customValues?.length ?? 0) : 0);
}

export interface CreateCostInput {
  readonly connection: string;
  readonly connector: VendorConnector;
  readonly customer: Customer;
  readonly contacts: boolean;
  readonly customValues: boolean;
  /** The external id goes into the vendor's slot in this run (immediate markers). */
  readonly markerNow: boolean;
}

export function createCalls(input: CreateCostInput): PlannedCalls[] {
  const calls: PlannedCalls[] = [{ connection: input.connection, kind: 'create', count: 1 }];
  const contacts = input.connector.capabilities.separateSubresourceWrites && input.contacts ? (input.customer.contacts?.length ?? 0) : 0;
  const values = subresourceItems(input.connector, input.customer, false, input.customValues);
  if (contacts > 0) calls.push({ connection: input.connection, kind: 'contacts', count: contacts });
  if (values > 0) calls.push({ connection: input.connection, kind: 'properties', count: values });
  if (input.markerNow && input.connector.capabilities.externalIdSlot && !input.connector.capabilities.externalIdInCreate) {
    calls.push({ connection: input.connection, kind: 'marker', count: 1 });
  }
  return calls;
}

export function updateCalls(connection: string, connector: VendorConnector, desired: Customer, keys: readonly string[]): PlannedCalls[] {
  const calls: PlannedCalls[] = [{ connection, kind: 'update', count: 1 }];
  const contacts = connector.capabilities.separateSubresourceWrites && keys.includes('contacts') ? Math.max(1, desired.contacts?.length ?? 0) : 0;
  const values = connector.capabilities.separateSubresourceWrites && keys.includes('customValues') ? Math.max(1, desired.customValues?.length ?? 0) : 0;
  if (contacts > 0) calls.push({ connection, kind: 'contacts', count: contacts });
  if (values > 0) calls.push({ connection, kind: 'properties', count: values });
  return calls;
}

/** Time `calls` take at a connection's budget, in milliseconds. */
export function durationOf(calls: number, connector: VendorConnector): number {
  const { requests, windowMs } = connector.rateBudget();
  if (calls <= 0 || requests <= 0) return 0;
  return Math.ceil((calls * windowMs) / requests);
}
