import axios, { type AxiosResponse } from 'axios';
import type { VendorError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import type { VendorId } from '../vendors/ids.js';
import type { ConnectionSettings } from './connection-settings.js';
import { parseBody } from './parse-body.js';
import { RateWaitTooLongError, type Acquired, type RateLimiter } from './rate-limiter.js';
import type { Redactor } from './redact.js';
import { backoffDelay, shouldRetry } from './retry.js';
import { parseRetryAfter } from './retry-after.js';
import type { StatsRecorder } from './stats.js';
import { classifyAnswer, classifyNetworkFailure, MAX_ANSWER_BYTES, toVendorError, type ErrorSource, type Outcome } from './to-vendor-error.js';
import type { VendorAnswer, VendorProtocol, VendorRequest } from './vendor-protocol.js';
import { createXmlReader } from './xml.js';

type Failed = Extract<Outcome, { ok: false }>;

/**
 * One axios instance per connection, wrapped the way Octokit wraps `request`: the rate limiter and
 * the retry loop go around the call instead of into it. Every attempt (retries included) passes
 * the limiter and is counted; every failure leaves as a redacted VendorError.
 */
export interface HttpClient {
  /** Sends a request; resolves with a successful answer, throws VendorError otherwise. */
  send(request: VendorRequest): Promise<VendorAnswer>;
  /** An answer that succeeded but is not the shape the vendor documents. */
  invalid(request: Pick<VendorRequest, 'method' | 'path'>, answer: VendorAnswer, reason: string): VendorError;
  /**
   * A create that succeeded but whose answer cannot be read: the record probably exists, its id is
   * unknown (VENDOR_OUTCOME_UNKNOWN, so the engine looks it up before creating again).
   */
  unknownOutcome(request: Pick<VendorRequest, 'method' | 'path'>, answer: VendorAnswer, reason: string): VendorError;
  /** A record the vendor does not have (found missing before a call that needs it). */
  notFound(request: Pick<VendorRequest, 'method' | 'path'>): VendorError;
  /** Whether any call on this connection has succeeded (so its credentials are good). */
  succeededBefore(): boolean;
}

export interface HttpClientOptions {
  readonly vendor: VendorId;
  readonly connection: string;
  readonly settings: ConnectionSettings;
  /** Authentication and content-negotiation headers sent with every request. */
  readonly headers: Readonly<Record<string, string>>;
  readonly protocol: VendorProtocol;
  readonly limiter: RateLimiter;
  readonly stats: StatsRecorder;
  readonly redactor: Redactor;
  /** Already redacting. */
  readonly logger: Logger;
}

function headersOf(response: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
    else if (typeof value === 'number') out[name.toLowerCase()] = String(value);
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.map(String).join(', ');
  }
  return out;
}

/**
 * Lets the event loop run twice before a request, so a kept-alive connection the vendor closed while
 * this process was busy (planning 10,000 clients holds the loop for seconds) is seen closed and left
 * out of the pool. Without it the request goes out on the dead connection and fails with ECONNRESET,
 * which for a create is an unknown outcome: a listing of the whole target to look for the record and
 * a second create. Once is not enough: the first turn ends before the loop reads sockets again.
 */
async function letClosedConnectionsGo(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

/** `{ skip: 0, take: 100 }` → `?skip=0&take=100`, RFC 3986 encoded, in the given order. */
export function queryString(query: VendorRequest['query']): string {
  if (query === undefined) return '';
  const parts = Object.entries(query).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { settings, protocol, limiter, stats, logger, redactor } = options;
  const { clock, retry: policy } = settings;
  const readXml = createXmlReader({ listPaths: protocol.xmlListPaths });
  const source: ErrorSource = { vendor: options.vendor, connection: options.connection, baseUrl: settings.baseUrl, redactor };
  const instance = axios.create({
    baseURL: settings.baseUrl,
    timeout: settings.timeoutMs,
    headers: { ...options.headers, 'User-Agent': 'client-sync' },
    responseType: 'text',
    // Bodies are read here, by what they are: JSON, XML, HTML or text (parse-body.ts).
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    maxContentLength: MAX_ANSWER_BYTES,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });
  let succeeded = false;

  type Attempt = { readonly ok: true; readonly answer: VendorAnswer } | { readonly ok: false; readonly outcome: Failed; readonly answer?: VendorAnswer };

  async function attempt(request: VendorRequest): Promise<Attempt> {
    await letClosedConnectionsGo();
    try {
      const response = await instance.request<unknown>({
        method: request.method,
        url: `${request.path}${queryString(request.query)}`,
        ...(request.body === undefined ? {} : { data: JSON.stringify(request.body), headers: { 'Content-Type': 'application/json' } }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
      const text = typeof response.data === 'string' ? response.data : '';
      const headers = headersOf(response);
      const answer: VendorAnswer = { status: response.status, headers, body: parseBody(text, headers['content-type'], readXml) };
      const outcome = classifyAnswer(answer, request, protocol, { succeededBefore: succeeded });
      return outcome.ok ? { ok: true, answer } : { ok: false, outcome, answer };
    } catch (error) {
      if (request.signal?.aborted === true && request.retry !== 'create') throw request.signal.reason;
      return { ok: false, outcome: classifyNetworkFailure(error, request) };
    }
  }

  async function acquire(request: VendorRequest): Promise<Acquired> {
    try {
      return await limiter.acquire(request.signal);
    } catch (error) {
      if (!(error instanceof RateWaitTooLongError)) throw error;
      throw toVendorError({ ok: false, code: 'VENDOR_RATE_LIMITED', detail: error.message }, request, source, { retryAfterMs: error.waitMs });
    }
  }

  async function run(request: VendorRequest): Promise<VendorAnswer> {
    let attempts = 0;
    let limitAnswers = 0;
    for (;;) {
      attempts += 1;
      const { ticket, waitedMs } = await acquire(request);
      stats.waited(waitedMs);
      stats.call(request.kind);
      const started = clock.now();
      const result = await attempt(request);
      const answer = result.answer;
      if (answer !== undefined) limiter.observe(ticket, protocol.rateSignal(answer, clock.now()));
      logger.debug(
        { kind: request.kind, method: request.method, path: redactor.url(request.path), status: answer?.status, attempt: attempts, ms: clock.now() - started },
        result.ok ? 'vendor call' : `vendor call failed: ${result.outcome.code}`,
      );
      if (result.ok) {
        // An HTML page with 200 (a proxy, a login page) proves nothing about the credentials.
        if (result.answer.body.format !== 'html') succeeded = true;
        return result.answer;
      }
      const { outcome } = result;
      // A DELETE retried after an ambiguous failure finds nothing left: the earlier attempt did it.
      if (request.method === 'DELETE' && attempts > 1 && outcome.code === 'VENDOR_NOT_FOUND' && answer !== undefined) return answer;

      let retryAfterMs: number | undefined;
      if (outcome.code === 'VENDOR_RATE_LIMITED') {
        limitAnswers += 1;
        stats.limitAnswer();
        const now = clock.now();
        const resetAt = (answer === undefined ? undefined : protocol.limitResetAt(answer, now)) ?? limiter.windowEnd();
        retryAfterMs = Math.max(0, resetAt - now);
        limiter.limited(ticket, resetAt);
      }
      if (!shouldRetry({ code: outcome.code, attempt: attempts, limitAnswers }, request.retry, policy)) {
        throw toVendorError(outcome, request, source, retryAfterMs === undefined ? {} : { retryAfterMs });
      }
      stats.retry();
      if (outcome.code === 'VENDOR_RATE_LIMITED') {
        logger.warn({ retryAfterMs, attempt: attempts }, 'rate limited by the vendor; waiting for its reset');
        continue; // the wait happens in the limiter, for every request of this connection
      }
      const hinted = parseRetryAfter(answer?.headers['retry-after'], clock.now());
      const delay = hinted === undefined ? backoffDelay(attempts - limitAnswers, policy, settings.random) : Math.min(hinted, settings.maxRateWaitMs);
      logger.warn({ code: outcome.code, status: answer?.status, delayMs: delay, attempt: attempts }, 'retrying after a failed call');
      await clock.sleep(delay, request.signal);
      if (hinted !== undefined) stats.waited(delay);
    }
  }

  return {
    send: (request) => limiter.schedule(() => run(request), request.signal),
    invalid: (request, answer, reason) =>
      toVendorError({ ok: false, code: 'VENDOR_RESPONSE_INVALID', status: answer.status, detail: `${reason} (got ${describeBody(answer)})` }, request, source),
    unknownOutcome: (request, answer, reason) =>
      toVendorError({ ok: false, code: 'VENDOR_OUTCOME_UNKNOWN', status: answer.status, detail: `${reason} (got ${describeBody(answer)})` }, request, source),
    notFound: (request) => toVendorError({ ok: false, code: 'VENDOR_NOT_FOUND', detail: 'no such client' }, request, source),
    succeededBefore: () => succeeded,
  };
}

function describeBody(answer: VendorAnswer): string {
  const { body } = answer;
  if (body.format === 'malformed') return `malformed ${body.reason}`;
  if (body.format === 'json' || body.format === 'xml') return `${body.format} ${Array.isArray(body.data) ? 'array' : typeof body.data}`;
  return body.format === 'empty' ? 'an empty body' : `${body.format}, ${body.text.length} characters`;
}
