import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_NOTICE } from '../config/builtin.js';
import { loadConfig } from '../config/load.js';
import { localStateDirectory } from '../config/state-directory.js';
import type { ClientSyncConfig, LoadedConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import { createPostgresRateBudget } from '../http/postgres-rate-budget.js';
import type { Redactor } from '../http/redact.js';
import type { SharedRateBudget } from '../http/shared-budget.js';
import type { Logger } from '../logging/logger.js';
import { createPinoLogger, type LogLevel } from '../logging/pino-logger.js';
import { isPostgresLocation, openStateStore } from '../store/index.js';
import type { StateStore } from '../store/types.js';
import type { CliContext } from './context.js';
import { openConnection, type OpenConnection } from './open-connection.js';
import { createProgressDisplay, type ProgressDisplay } from './progress.js';
import { redactorFor } from './redactor-for.js';
import type { WriteReportOptions } from './report/write-report.js';

/** Options every command takes (commander globals). */
export interface GlobalOptions {
  readonly config?: string | undefined;
  readonly logLevel?: LogLevel | undefined;
  /** `--store` of the commands that take one (worker, schedule): the state store's location instead of the config's `state`. */
  readonly store?: string | undefined;
}

/** What a command works with once the config is loaded: logger, store, connections, progress. */
export interface Session {
  readonly context: CliContext;
  readonly config: ClientSyncConfig;
  /** How the config is named in reports: its path, or "built-in sandbox". */
  readonly configName: string;
  readonly logger: Logger;
  readonly redactor: Redactor;
  /** How reports are written: format, redaction, retention. */
  readonly reportOptions: WriteReportOptions;
  readonly version: string;
  /** A message for the user on standard error (kept clear of the progress bar). */
  note(text: string): void;
  /** A progress display for one run; log lines written meanwhile go above its bar. */
  progress(label: string): ProgressDisplay;
  /** A configured connection, opened once per session (a sandbox starts its simulator). */
  connection(name: string): Promise<OpenConnection>;
  /** The state store, opened on first use. */
  store(): StateStore;
  /** Whether the state store exists yet (read-only commands do not create it). */
  hasStore(): boolean;
  close(): Promise<void>;
}

/**
 * Loads the config and builds what commands share. Nothing here calls a vendor: a bad config
 * fails before any connection is opened.
 */
export async function openSession(context: CliContext, globals: GlobalOptions, version: string): Promise<Session> {
  return createSession(context, await loadConfig({ file: globals.config, env: context.env, cwd: context.cwd }), globals, version);
}

/** A session on a config already in hand (the demo builds its own). */
export function createSession(context: CliContext, loaded: LoadedConfig, globals: GlobalOptions, version: string): Session {
  const { warnings } = loaded;
  const config = globals.store === undefined ? loaded.config : { ...loaded.config, statePath: globals.store };
  const redactor = redactorFor(config);
  let active: ProgressDisplay | undefined;
  const toStderr = (line: string): void => {
    if (active === undefined) context.err(line);
    else active.interrupt(() => context.err(line));
  };
  const colorize = context.isTTY && context.env.NO_COLOR === undefined;
  const logger = createPinoLogger({ level: globals.logLevel ?? 'info', pretty: context.isTTY, colorize, write: toStderr, redactor });
  const connections = new Map<string, Promise<OpenConnection>>();
  let store: StateStore | undefined;
  // With the state in PostgreSQL, every connection keeps to one rate budget per vendor quota there,
  // shared with every other process and worker on that database (closed with the session).
  let sharedBudget: SharedRateBudget | undefined;
  const budget = (): SharedRateBudget | undefined =>
    isPostgresLocation(config.statePath) ? (sharedBudget ??= createPostgresRateBudget({ url: config.statePath })) : undefined;

  if (config.file === undefined) toStderr(BUILTIN_NOTICE);
  for (const warning of warnings) toStderr(`client-sync: warning: ${warning}`);

  return {
    context,
    config,
    configName: config.file === undefined ? 'built-in sandbox' : path.relative(context.cwd, config.file) || config.file,
    logger,
    redactor,
    reportOptions: { format: config.reportFormat, redactor, keep: config.keepReports },
    version,
    note: toStderr,
    progress(label) {
      active = createProgressDisplay({
        tty: context.isTTY,
        write: (text) => context.errRaw(text),
        line: (text, event) => logger.info({ ...event }, text),
        label,
        columns: context.columns,
        now: () => performance.now(),
      });
      return active;
    },
    connection(name) {
      const connection = config.connections[name];
      if (connection === undefined) {
        const known = Object.keys(config.connections).join(', ');
        return Promise.reject(new ConfigError([{ file: config.file, key: name, message: `no connection of that name in the config (connections: ${known})` }]));
      }
      let opened = connections.get(name);
      if (opened === undefined) {
        opened = openConnection(connection, { stateDirectory: localStateDirectory(config), configFile: config.file, sharedBudget: budget() });
        connections.set(name, opened);
      }
      return opened;
    },
    store() {
      // A SQLite file, or a PostgreSQL server when `state:` is a postgres:// URL.
      store ??= openStateStore(config.statePath);
      return store;
    },
    hasStore: () => store !== undefined || isPostgresLocation(config.statePath) || existsSync(config.statePath),
    async close() {
      active?.finish();
      active = undefined;
      store?.close();
      const opened = await Promise.allSettled(connections.values());
      await Promise.all(opened.filter((result) => result.status === 'fulfilled').map((result) => result.value.close()));
      await sharedBudget?.close();
    },
  };
}
