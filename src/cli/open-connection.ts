import path from 'node:path';
import { systemClock, type Clock } from '../clock.js';
import type { ConnectionConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import type { SharedRateBudget } from '../http/shared-budget.js';
import type { Logger } from '../logging/logger.js';
import { loadMapping } from '../mapping/index.js';
import type { Mapping } from '../mapping/mapping.js';
import type { VendorSimulator } from '../sandbox/index.js';
import type { SyncSide } from '../sync/types.js';
import { createConnector } from '../vendors/registry.js';
import { loadColumnMapping } from '../vendors/spreadsheet/index.js';
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
  side(logger: Logger, options?: SideOptions): Promise<SyncSide>;
  close(): Promise<void>;
}

export interface SideOptions {
  /** Refresh the vendor's lookup tables (default true; a connection check needs none). */
  readonly lookups?: boolean | undefined;
  /** A spreadsheet side's column mapping for this run (a pair's `columns`), instead of the connection's. */
  readonly columns?: string | undefined;
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
  if (config.vendor === 'spreadsheet') return openSpreadsheet(config, options.configFile);
  const vendor = config.vendor;
  let simulator: VendorSimulator | undefined;
  if (config.sandbox !== undefined) {
    // The simulators load only for sandbox connections: real ones never need them.
    const { startSimulator } = await import('../sandbox/index.js');
    simulator = await startSimulator({
      vendor,
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
  let mapping: Mapping = await loadMapping(vendor, mappingOptions);
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
          vendor,
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
        mapping = await loadMapping(vendor, { ...mappingOptions, lookups: await connector.lookupTables() });
        lookupsFresh = true;
      }
      return { name: config.name, connector, mapping };
    },
    close: async () => simulator?.close(),
  };
}

/**
 * Opens a spreadsheet connection: its file is read by each run's connector; its column mapping (the
 * connection's, or a pair's `columns`) is loaded once per name.
 */
async function openSpreadsheet(config: ConnectionConfig, configFile: string | undefined): Promise<OpenConnection> {
  const settings = config.spreadsheet;
  if (settings === undefined) throw new ConfigError([{ file: configFile, key: `connections.${config.name}.path`, message: 'is required for a spreadsheet connection' }]);
  const mappingOptions = config.mappingsDirectory === undefined ? {} : { directory: config.mappingsDirectory };
  const mappings = new Map<string, Promise<Mapping>>();
  const mappingFor = (columns: string): Promise<Mapping> => {
    let loaded = mappings.get(columns);
    if (loaded === undefined) {
      loaded = loadColumnMapping(columns, mappingOptions);
      mappings.set(columns, loaded);
    }
    return loaded;
  };
  await mappingFor(settings.columns);
  return {
    config,
    clock: systemClock,
    simulator: undefined,
    async side(logger, sideOptions) {
      const mapping = await mappingFor(sideOptions?.columns ?? settings.columns);
      const connector = createConnector({ name: config.name, vendor: 'spreadsheet', path: settings.path, encoding: settings.encoding, delimiter: settings.delimiter, mapping, logger });
      return { name: config.name, connector, mapping };
    },
    close: () => Promise.resolve(),
  };
}
