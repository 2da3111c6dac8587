import type { PairSettings } from '../sync/types.js';
import type { VendorId } from '../vendors/ids.js';
import type { FileDelimiter, SpreadsheetEncoding } from '../vendors/spreadsheet/options.js';
import type { Credentials, RateBudget } from '../vendors/types.js';

/** A `vendor: spreadsheet` connection's file (paths resolved against the config's directory). */
export interface SpreadsheetSettings {
  readonly path: string;
  readonly encoding: SpreadsheetEncoding;
  readonly delimiter: FileDelimiter | 'auto';
  /** A built-in column mapping's name (`generic`, `billomat-export` …) or a mapping file's path. */
  readonly columns: string;
}

/** A `sandbox: true` connection: an in-process simulator instead of the vendor. */
export interface SandboxSettings {
  /** Seeded clients when the simulator has no saved state. Default 25. */
  readonly clients: number;
  /** Generator seed. Default 1. */
  readonly seed: number | string;
  /** Vendor time runs this many times faster (rate windows pass quicker). Default 1. */
  readonly timeScale: number;
  /** Share of seeded clients with dirty-but-real values. Default 0. */
  readonly dirtyShare: number;
}

/** One connection of the config, credentials resolved from the environment. */
export interface ConnectionConfig {
  readonly name: string;
  readonly vendor: VendorId;
  /** Undefined for sandbox connections (the simulator brings its own). */
  readonly credentials: Credentials | undefined;
  readonly baseUrl?: string | undefined;
  readonly rateBudget?: RateBudget | undefined;
  /** Connections of one vendor with the same group share one rate budget (with a PostgreSQL state store). */
  readonly rateBudgetGroup?: string | undefined;
  readonly pageSize?: number | undefined;
  readonly timeoutMs?: number | undefined;
  /** A directory of mapping files to use instead of the built-in ones. */
  readonly mappingsDirectory?: string | undefined;
  readonly sandbox?: SandboxSettings | undefined;
  /** Set for (and only for) `vendor: spreadsheet`. */
  readonly spreadsheet?: SpreadsheetSettings | undefined;
}

/** The pair settings a config can set; the engine's `resolvePairSettings` fills in the rest. */
export type PairOverrides = { -readonly [K in keyof Omit<PairSettings, 'name' | 'archive'>]?: PairSettings[K] } & {
  archive?: Partial<PairSettings['archive']>;
};

/** One sync pair of the config. */
export interface PairConfig {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** Cron pattern for `client-sync sync --schedule`. */
  readonly schedule?: string | undefined;
  /** The column mapping for this pair's spreadsheet side(s), resolved like a connection's `columns`. */
  readonly columns?: string | undefined;
  readonly settings: PairOverrides & { readonly name: string };
}

export type ReportFormat = 'markdown' | 'html';

/** A loaded, checked configuration: everything a command needs, nothing left to parse. */
export interface ClientSyncConfig {
  /** The file it came from; undefined for the built-in sandbox configuration. */
  readonly file: string | undefined;
  /** Relative paths in the file are relative to this directory. */
  readonly directory: string;
  /**
   * The state store: a SQLite file (default `.client-sync/state.db`, resolved against the config's
   * directory) or a PostgreSQL URL as given. A URL may carry a password: show it only through
   * `redactStoreLocation`.
   */
  readonly statePath: string;
  /** Where run reports go. Default `.client-sync/reports`. */
  readonly reportsDirectory: string;
  readonly reportFormat: ReportFormat;
  /** Reports kept in the directory; older ones are deleted after each run. Default 1000. */
  readonly keepReports: number;
  readonly connections: Readonly<Record<string, ConnectionConfig>>;
  readonly pairs: Readonly<Record<string, PairConfig>>;
}

/** What loading produced: the config and things worth telling the user that do not stop a run. */
export interface LoadedConfig {
  readonly config: ClientSyncConfig;
  readonly warnings: readonly string[];
}
