import { ConfigError } from '../../errors/index.js';
import type { VendorAuth } from '../../http/index.js';
import type { Credentials } from '../types.js';

/**
 * `X-API-Key: <key>` (recommended) or Basic `e-mail:password`, plus the optional `X-AccountId` that
 * picks one of several accounts (https://eenvoudigfactureren.be/info/help/api; VENDORS.md §1.1).
 */
export function eenvoudigfacturerenAuth(credentials: Credentials, connection: string): VendorAuth {
  const account = (accountId: string | undefined): Record<string, string> => (accountId === undefined || accountId === '' ? {} : { 'X-AccountId': accountId });
  switch (credentials.kind) {
    case 'apiKey':
      return { headers: { 'X-API-Key': credentials.apiKey, ...account(credentials.accountId) }, secrets: [credentials.apiKey] };
    case 'basic': {
      const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
      return {
        headers: { Authorization: `Basic ${token}`, ...account(credentials.accountId) },
        secrets: [credentials.password],
        basic: { username: credentials.username, password: credentials.password },
      };
    }
    case 'billomat':
      throw new ConfigError([{ key: `connections.${connection}.credentials`, message: 'EenvoudigFactureren takes an API key or an e-mail and password, not Billomat credentials' }]);
  }
}
