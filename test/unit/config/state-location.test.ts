import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import { localStateDirectory } from '../../../src/config/state-directory.js';
import { ConfigError } from '../../../src/errors/index.js';
import { redactStoreLocation } from '../../../src/store/index.js';

const FILE = '/work/project/client-sync.yaml';
const CONNECTIONS = `connections:
  demo-bm: { vendor: billomat, sandbox: { clients: 5 } }
`;
const parse = (text: string, env: Record<string, string> = {}) => parseConfig(text, { env, directory: '/work/project', file: FILE });

describe('the state: key', () => {
  it('keeps a SQLite path relative to the config file', () => {
    const { config } = parse(`state: data/state.db\n${CONNECTIONS}`);
    expect(config.statePath).toBe('/work/project/data/state.db');
    expect(localStateDirectory(config)).toBe('/work/project/data');
  });

  it('takes a PostgreSQL URL as it is, and keeps local files next to the config', () => {
    const { config } = parse(`state: postgresql://sync@db.internal:5432/client_sync\n${CONNECTIONS}`);
    expect(config.statePath).toBe('postgresql://sync@db.internal:5432/client_sync');
    expect(localStateDirectory(config)).toBe('/work/project/.client-sync');
  });

  it('reads the location from an environment variable: state: ${CLIENT_SYNC_STATE}', () => {
    const url = 'postgres://sync:pa%24%24word@db.internal:5432/client_sync';
    expect(parse(`state: \${CLIENT_SYNC_STATE}\n${CONNECTIONS}`, { CLIENT_SYNC_STATE: url }).config.statePath).toBe(url);
    expect(parse(`state: \${CLIENT_SYNC_STATE}\n${CONNECTIONS}`, { CLIENT_SYNC_STATE: 'elsewhere/state.db' }).config.statePath).toBe('/work/project/elsewhere/state.db');
  });

  it('names the missing variable when CLIENT_SYNC_STATE is not set', () => {
    expect(() => parse(`state: \${CLIENT_SYNC_STATE}\n${CONNECTIONS}`)).toThrow(ConfigError);
    expect(() => parse(`state: \${CLIENT_SYNC_STATE}\n${CONNECTIONS}`)).toThrow(/CLIENT_SYNC_STATE/);
  });
});

describe('redactStoreLocation', () => {
  it('hides the password and the query of a PostgreSQL URL, and leaves a file path alone', () => {
    expect(redactStoreLocation('postgres://sync:s3cret@db.internal:5432/client_sync')).toBe('postgres://sync:***@db.internal:5432/client_sync');
    expect(redactStoreLocation('postgresql://sync@db.internal/client_sync?password=s3cret&sslmode=require')).toBe('postgresql://sync@db.internal/client_sync?***');
    expect(redactStoreLocation('/var/lib/client-sync/state.db')).toBe('/var/lib/client-sync/state.db');
  });
});
