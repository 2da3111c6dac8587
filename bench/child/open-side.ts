import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/logging/logger.js';
import { loadMapping } from '../../src/mapping/index.js';
import type { SyncSide } from '../../src/sync/index.js';
import { createConnector } from '../../src/vendors/registry.js';
import type { ChildConnection } from '../child-protocol.js';

/**
 * A connection as the CLI opens one: the vendor's defaults from config/vendors.yaml (its real rate
 * budget, page size and concurrency), the mapping compiled with the vendor's lookup tables, and the
 * simulators' vendor clock.
 */
export async function openSide(connection: ChildConnection, clock: Clock, logger?: Logger): Promise<SyncSide> {
  let mapping = await loadMapping(connection.vendor);
  const connector = createConnector({ name: connection.name, vendor: connection.vendor, baseUrl: connection.url, credentials: connection.credentials, mapping, clock, logger });
  const lookups = await connector.lookupTables?.();
  if (lookups !== undefined) mapping = await loadMapping(connection.vendor, { lookups });
  return { name: connection.name, connector, mapping };
}
