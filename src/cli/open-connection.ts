import path from 'node:path';
import { systemClock, type Clock } from '../clock.js';
import type { ConnectionConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import type { SharedRateBudget } from '../http/shared-budget.js';
import type { Logger } from '../logging/logger.js';
import { loadMapping } from '../mapping/index.js';
import type { Mapping } from '../mapping/mapping.js';
import { startSimulator, type VendorSimulator } from '../sandbox/index.js';
import type { SyncSide } from '../sync/types.js';
import { createConnector } from '../vendors/registry.js';
import type { Credentials } from '../vendors/types.js';

/**
 * A connection ready for runs: where it points, its credentials, and its mapping. Connectors are
 * made fresh per run (so a report counts that run's calls only), from what is opened here once.
 */
export interface OpenConnection {
  readonly config: ConnectionConfig;
  readonly clock: Clock;
  /** The in-process simulator of a `sandbox:` connection. */
  readonly simulator: VendorSimulator | undefined;
  /**
   * A new connector and the mapping to read and write with. The first call refreshes the vendor's
   * lookup tables (one call) unless `lookups: false` (a connection check needs none).
   */
  side(logger: Logger, options?: { lookups?: boolean }): Promise<SyncSide>;
  close(): Promise<void>;
}

/** Where a sandbox connection keeps its simulated account between runs. */
export function sandboxFile(stateDirectory: string, connection: string): string {
  return path.join(stateDirectory, 'sandbox', `${connection}.json`);
}

// The connector checks its own options with camelCase names; the config file says snake_case.
const FILE_KEYS: Readonly<Record<string, string>> = { baseUrl: 'base_url', rateBudget: 'rate_limit', rateBudgetGroup: 'rate_budget_group', pageSize: 'page_size', timeoutMs: 'timeout', credentials: 'api_key' };

function inFileTerms(error: ConfigError, file: string | undefined): ConfigError {
  return new ConfigError(error.issues.map((issue) => ({ ...issue, file: issue.file ?? file, key: issue.key.replace(/\.(\w+)$/, (_whole, key: string) => `.${FILE_KEYS[key] ?? key}`) })));
}

/**
 * Opens a configured connection: starts its simulator when it is a sandbox (state persisted under
 * `<state dir>/sandbox/`), and loads its mapping. Makes no vendor call until the first run, except
 * FactuurSturen's country list, fetched once for the mapping. With `sharedBudget` (the state store
 * is PostgreSQL), its connectors keep to the rate budget they share with every other connection,
 * process and worker on the same vendor quota.
 */
export async function openConnection(
  config: ConnectionConfig,
  options: { stateDirectory: string; configFile: string | undefined; sharedBudget?: SharedRateBudget | undefined },
): Promise<OpenConnection> {
  let simulator: VendorSimulator | undefined;
  if (config.sandbox !== undefined) {
    simulator = await startSimulator({
      vendor: config.vendor,
      clients: config.sandbox.clients,
      seed: config.sandbox.seed,
      timeScale: config.sandbox.timeScale,
      dirtyShare: config.sandbox.dirtyShare,
      persistFile: sandboxFile(options.stateDirectory, config.name),
    });
  }
  const credentials: Credentials | undefined = simulator?.credentials ?? config.credentials;
  if (credentials === undefined) throw new ConfigError([{ file: options.configFile, key: `connections.${config.name}`, message: 'has no credentials' }]);
  const clock = simulator?.clock ?? systemClock;
  const mappingOptions = config.mappingsDirectory === undefined ? {} : { directory: config.mappingsDirectory };
  let mapping: Mapping = await loadMapping(config.vendor, mappingOptions);
  let lookupsFresh = false;

  return {
    config,
    clock,
    simulator,
    async side(logger, sideOptions) {
      let connector;
      try {
        connector = createConnector({
          name: config.name,
          vendor: config.vendor,
          baseUrl: simulator?.url ?? config.baseUrl,
          credentials,
          rateBudget: config.rateBudget,
          sharedBudget: options.sharedBudget,
          rateBudgetGroup: config.rateBudgetGroup,
          pageSize: config.pageSize,
          timeoutMs: config.timeoutMs,
          mapping,
          clock,
          logger,
        });
      } catch (error) {
        throw error instanceof ConfigError ? inFileTerms(error, options.configFile) : error;
      }
      // A vendor's own lookup tables (FactuurSturen countries) replace the shipped ones, once.
      if (!lookupsFresh && sideOptions?.lookups !== false && connector.lookupTables !== undefined) {
        mapping = await loadMapping(config.vendor, { ...mappingOptions, lookups: await connector.lookupTables() });
        lookupsFresh = true;
      }
      return { name: config.name, connector, mapping };
    },
    close: async () => simulator?.close(),
  };
}
