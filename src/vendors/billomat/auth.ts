import { ConfigError } from '../../errors/index.js';
import type { VendorAuth } from '../../http/index.js';
import type { Credentials } from '../types.js';

/**
 * `X-BillomatApiKey: <key>` (the header, never the `?api_key=` alternative, which would put the key
 * in URLs and logs), plus `X-AppId` and `X-AppSecret` for a registered app, whose calls are counted
 * against the app's larger budget (https://www.billomat.com/en/api/basics/authentication/,
 * …/rate-limiting/; VENDORS.md §3.1).
 */
export function billomatAuth(credentials: Credentials, connection: string): VendorAuth {
  if (credentials.kind === 'basic') {
    throw new ConfigError([{ key: `connections.${connection}.credentials`, message: 'Billomat takes an API key (and optionally an app id and secret), not a user name and password' }]);
  }
  const headers: Record<string, string> = { 'X-BillomatApiKey': credentials.apiKey };
  const secrets = [credentials.apiKey];
  if (credentials.kind === 'billomat') {
    if (credentials.appId !== undefined && credentials.appId !== '') headers['X-AppId'] = credentials.appId;
    if (credentials.appSecret !== undefined && credentials.appSecret !== '') {
      headers['X-AppSecret'] = credentials.appSecret;
      secrets.push(credentials.appSecret);
    }
  }
  return { headers, secrets };
}
