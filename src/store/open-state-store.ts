import { isPostgresLocation } from './location.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { StateStore } from './types.js';

export interface OpenStateStoreOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** The process id recorded for this process's runs. */
  readonly pid?: number;
}

/**
 * Opens the state store at `location`: a `postgres://` or `postgresql://` URL is a PostgreSQL
 * store, anything else a SQLite file (created with its directory when missing).
 */
export function openStateStore(location: string, options: OpenStateStoreOptions = {}): StateStore {
  return isPostgresLocation(location) ? createPostgresStore({ url: location, ...options }) : createSqliteStore({ file: location, ...options });
}
