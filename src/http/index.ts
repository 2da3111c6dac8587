/**
 * The HTTP layer shared by every vendor connector: one axios instance, rate limiter, retry policy,
 * error classifier and redactor per connection. Vendor folders describe their API through a
 * VendorProtocol; everything else exists once, here.
 */
export { createConnection, type Connection, type VendorAuth } from './create-connection.js';
export { createHttpClient, queryString, type HttpClient, type HttpClientOptions } from './create-http-client.js';
export { resolveConnectionSettings, type ConnectionSettings, type ConnectorTuning } from './connection-settings.js';
export { loadVendorDefaults, VENDOR_DEFAULTS_FILE, type VendorDefaults } from './vendor-defaults.js';
export { createRateLimiter, RateWaitTooLongError, type RateLimiter, type RateLimiterOptions, type Acquired } from './rate-limiter.js';
export { rateBudgetKey, BUDGET_GROUP_PATTERN, type SharedRateBudget, type SharedWindow, type SharedWindowUse, type SharedBudgetSlot } from './shared-budget.js';
export { createPostgresRateBudget, SharedBudgetError, type PostgresRateBudgetOptions } from './postgres-rate-budget.js';
export { createSharedWindows, type SharedWindows, type SharedTake } from './shared-windows.js';
export { createRateWindow, type RateWindow, type RateSignal, type WindowTicket } from './rate-window.js';
export { shouldRetry, backoffDelay, DEFAULT_RETRY_POLICY, DO_NOT_RETRY, type RetryMode, type RetryPolicy, type FailedAttempt } from './retry.js';
export { parseRetryAfter, parseResetEpoch, parseCount } from './retry-after.js';
export { classifyAnswer, classifyNetworkFailure, toVendorError, wasNeverSent, networkCode, joinUrl, type Outcome, type ErrorSource } from './to-vendor-error.js';
export { createXmlReader, decodeXmlEntities, xmlRootContent, XmlSyntaxError, type XmlReadOptions } from './xml.js';
export { parseBody, htmlTitle, type ParsedBody } from './parse-body.js';
export { pageByOffset, pageByNumber, type NumberedPage } from './paging.js';
export { toList, isRecord, normalizeListFields, xmlListPathsOf } from './lists.js';
export { diffNested, sendsNoChange, type NestedDiff, type DiffNestedOptions } from './diff-nested.js';
export { checkConnection } from './check.js';
export { sendWithoutRefusedFields, withoutField, type RefusalRule, type RefusedField } from './refused-fields.js';
export { createStatsRecorder, type StatsRecorder } from './stats.js';
export { createRedactingLogger } from './redacting-logger.js';
export * from './redact.js';
export type { CallKind, VendorRequest, VendorAnswer, VendorProtocol, ClassifyContext } from './vendor-protocol.js';
