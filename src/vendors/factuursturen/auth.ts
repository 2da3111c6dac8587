import { ConfigError } from '../../errors/index.js';
import type { VendorAuth } from '../../http/index.js';
import type { Credentials } from '../types.js';

/**
 * HTTP Basic with the account's user name and an API key as the password; no other header
 * (api_v1 PDF; every public SDK; VENDORS.md §2.1).
 */
export function factuursturenAuth(credentials: Credentials, connection: string): VendorAuth {
  if (credentials.kind !== 'basic') {
    throw new ConfigError([{ key: `connections.${connection}.credentials`, message: 'FactuurSturen takes basic credentials: the account user name and an API key as the password' }]);
  }
  const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  return {
    headers: { Authorization: `Basic ${token}` },
    secrets: [credentials.password],
    basic: { username: credentials.username, password: credentials.password },
  };
}
