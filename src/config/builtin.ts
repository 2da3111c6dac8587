import path from 'node:path';
import { API_VENDOR_IDS } from '../vendors/ids.js';
import { DEFAULT_KEEP_REPORTS, DEFAULT_REPORTS, DEFAULT_STATE } from './defaults.js';
import type { ClientSyncConfig, ConnectionConfig } from './types.js';

/**
 * The configuration used when there is no config file: one sandbox connection per vendor, named
 * after the vendor and persisted under `.client-sync/`, and the two pairs of the demo. Every
 * command works on it, so a first `client-sync migrate --from factuursturen --to billomat` shows
 * what the tool does without an account.
 */
export function builtinSandboxConfig(cwd: string): ClientSyncConfig {
  const connections: Record<string, ConnectionConfig> = {};
  for (const vendor of API_VENDOR_IDS) {
    connections[vendor] = { name: vendor, vendor, credentials: undefined, sandbox: { clients: 25, seed: 1, timeScale: 1, dirtyShare: 0 } };
  }
  return {
    file: undefined,
    directory: cwd,
    statePath: path.resolve(cwd, DEFAULT_STATE),
    reportsDirectory: path.resolve(cwd, DEFAULT_REPORTS),
    reportFormat: 'markdown',
    keepReports: DEFAULT_KEEP_REPORTS,
    connections,
    pairs: {
      'factuursturen-billomat': { name: 'factuursturen-billomat', from: 'factuursturen', to: 'billomat', settings: { name: 'factuursturen-billomat', mode: 'one-way' } },
      'eenvoudigfactureren-billomat': {
        name: 'eenvoudigfactureren-billomat',
        from: 'eenvoudigfactureren',
        to: 'billomat',
        settings: { name: 'eenvoudigfactureren-billomat', mode: 'two-way' },
      },
    },
  };
}

/** The one line every command prints when it runs on the built-in sandbox. */
export const BUILTIN_NOTICE =
  'No client-sync.yaml here: using the built-in sandbox (simulated eenvoudigfactureren, factuursturen and billomat accounts, kept in .client-sync/). Run `client-sync init` to configure real accounts.';
