import type { ClientSyncConfig } from '../config/types.js';
import { createRedactor, secretForms, type Redactor } from '../http/redact.js';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../sandbox/simulator-options.js';
import { storeLocationSecrets } from '../store/location.js';
import { isApiVendorId } from '../vendors/ids.js';
import type { Credentials } from '../vendors/types.js';

function formsOf(credentials: Credentials): string[] {
  switch (credentials.kind) {
    case 'apiKey':
      return secretForms([credentials.apiKey]);
    case 'basic':
      return secretForms([credentials.password], { username: credentials.username, password: credentials.password });
    case 'billomat':
      return secretForms([credentials.apiKey, credentials.appSecret ?? '']);
  }
}

/**
 * Scrubs every credential of the configured connections (and of the sandbox simulators) from logs
 * and reports, in each form it can take: as given, URL-encoded, and as a Basic-auth token; and the
 * password of a PostgreSQL state URL.
 */
export function redactorFor(config: ClientSyncConfig): Redactor {
  const forms = new Set<string>();
  for (const connection of Object.values(config.connections)) {
    const credentials = connection.credentials ?? (connection.sandbox === undefined || !isApiVendorId(connection.vendor) ? undefined : DEFAULT_SANDBOX_CREDENTIALS[connection.vendor]);
    if (credentials !== undefined) for (const form of formsOf(credentials)) forms.add(form);
  }
  for (const secret of storeLocationSecrets(config.statePath)) for (const form of secretForms([secret])) forms.add(form);
  return createRedactor([...forms].sort((a, b) => b.length - a.length));
}
