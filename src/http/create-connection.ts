import type { Logger } from '../logging/logger.js';
import { silentLogger } from '../logging/logger.js';
import type { ConnectionOptions } from '../vendors/types.js';
import { resolveConnectionSettings, type ConnectionSettings, type ConnectorTuning } from './connection-settings.js';
import { createHttpClient, type HttpClient } from './create-http-client.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createRedactor, secretForms, type Redactor } from './redact.js';
import { createRedactingLogger } from './redacting-logger.js';
import { rateBudgetKey } from './shared-budget.js';
import { createStatsRecorder, type StatsRecorder } from './stats.js';
import type { VendorProtocol } from './vendor-protocol.js';

/** A vendor's authentication, as headers plus the secrets they carry (for redaction). */
export interface VendorAuth {
  readonly headers: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  /** Basic credentials, so their base64 form is redacted too. */
  readonly basic?: { readonly username: string; readonly password: string } | undefined;
}

/** Everything one connector instance works with. Nothing here is shared between connections. */
export interface Connection {
  readonly http: HttpClient;
  readonly settings: ConnectionSettings;
  readonly limiter: RateLimiter;
  readonly stats: StatsRecorder;
  /** Redacting; bound to `{ vendor, connection }`. */
  readonly logger: Logger;
  readonly redactor: Redactor;
}

/**
 * Builds a connection: settings from config/vendors.yaml and the connection's overrides, a redactor
 * for its secrets, a redacting logger, its own rate limiter, counters and axios instance. With a
 * shared budget, the limiter also takes from it, under the key of the vendor quota the connection spends.
 */
export function createConnection(options: ConnectionOptions & ConnectorTuning, spec: { readonly protocol: VendorProtocol; readonly auth: VendorAuth }): Connection {
  const settings = resolveConnectionSettings(options);
  const redactor = createRedactor(secretForms(spec.auth.secrets, spec.auth.basic));
  const logger = createRedactingLogger(options.logger ?? silentLogger, redactor).child({ vendor: options.vendor, connection: options.name });
  const stats = createStatsRecorder({ clock: settings.clock, windowMs: settings.budget.windowMs });
  const limiter = createRateLimiter({
    budget: settings.budget,
    fixedBudget: settings.fixedBudget,
    concurrency: settings.concurrency,
    clock: settings.clock,
    logger,
    maxWaitMs: settings.maxRateWaitMs,
    shared:
      options.sharedBudget === undefined
        ? undefined
        : { budget: options.sharedBudget, key: rateBudgetKey({ vendor: options.vendor, baseUrl: settings.baseUrl, credentials: options.credentials, group: options.rateBudgetGroup }) },
  });
  const http = createHttpClient({
    vendor: options.vendor,
    connection: options.name,
    settings,
    headers: { Accept: 'application/json', ...spec.auth.headers },
    protocol: spec.protocol,
    limiter,
    stats,
    redactor,
    logger,
  });
  return { http, settings, limiter, stats, logger, redactor };
}
