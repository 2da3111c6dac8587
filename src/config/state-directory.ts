import path from 'node:path';
import { isPostgresLocation } from '../store/location.js';
import type { ClientSyncConfig } from './types.js';

/**
 * Where files that belong next to the state live (the sandbox simulators' saved accounts): the
 * SQLite file's directory, or `.client-sync/` next to the config when the state is in PostgreSQL.
 */
export function localStateDirectory(config: Pick<ClientSyncConfig, 'statePath' | 'directory'>): string {
  return isPostgresLocation(config.statePath) ? path.join(config.directory, '.client-sync') : path.dirname(config.statePath);
}
