import { isAxiosError } from 'axios';
import { VendorError, type VendorErrorCode } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import { htmlTitle } from './parse-body.js';
import type { Redactor } from './redact.js';
import type { ClassifyContext, VendorAnswer, VendorProtocol, VendorRequest } from './vendor-protocol.js';

/**
 * One classifier for every vendor answer and network failure (stripe's `generateV1Error`): the
 * vendor's `classify` hook looks first, then the status rules below. Outcomes carry what the retry
 * loop needs; `toVendorError` turns a failed outcome into the redacted VendorError the engine sees.
 */
export type Outcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: VendorErrorCode;
      readonly status?: number | undefined;
      /** The vendor's own words, or a short description of what came back. */
      readonly detail?: string | undefined;
      readonly vendorMessage?: string | undefined;
      /** A network error code (`ECONNREFUSED`, `ETIMEDOUT` …). */
      readonly network?: string | undefined;
      /** The request may have reached the vendor (timeout, reset, 5xx). */
      readonly ambiguous?: boolean | undefined;
    };

function byStatus(status: number): { code: VendorErrorCode; ambiguous?: boolean } | undefined {
  if (status >= 200 && status < 300) return undefined;
  if (status >= 300 && status < 400) return { code: 'VENDOR_RESPONSE_INVALID' };
  if (status === 401 || status === 403) return { code: 'VENDOR_AUTH' };
  if (status === 404 || status === 410) return { code: 'VENDOR_NOT_FOUND' };
  if (status === 429) return { code: 'VENDOR_RATE_LIMITED' };
  if (status === 408 || status >= 500) return { code: 'VENDOR_UNAVAILABLE', ambiguous: true };
  if (status >= 400) return { code: 'VENDOR_REJECTED' };
  return { code: 'VENDOR_UNAVAILABLE', ambiguous: true };
}

/** Classifies an answer that arrived (any status). */
export function classifyAnswer(answer: VendorAnswer, request: VendorRequest, protocol: VendorProtocol, context: ClassifyContext): Outcome {
  const vendorMessage = protocol.errorMessage(answer.body);
  const detail = vendorMessage ?? (answer.body.format === 'html' ? htmlTitle(answer.body.text) ?? 'an HTML page' : undefined);
  const failed = (code: VendorErrorCode, ambiguous = false): Outcome => {
    let final = code;
    if (request.deletesClient === true && (code === 'VENDOR_REJECTED' || (code === 'VENDOR_AUTH' && answer.status === 403 && context.succeededBefore))) final = 'VENDOR_DELETE_REFUSED';
    if (request.retry === 'create' && ambiguous) final = 'VENDOR_OUTCOME_UNKNOWN';
    return { ok: false, code: final, status: answer.status, detail, vendorMessage, ambiguous };
  };
  if (protocol.isRateLimited(answer)) return failed('VENDOR_RATE_LIMITED');
  const hook = protocol.classify?.(answer, request, context);
  if (hook === 'ok') return { ok: true };
  if (hook !== undefined) return failed(hook, hook === 'VENDOR_UNAVAILABLE');
  const rule = byStatus(answer.status);
  return rule === undefined ? { ok: true } : failed(rule.code, rule.ambiguous);
}

/** Network errors that mean the request never left: nothing can have been created. */
const NOT_SENT = new Set([
  'ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Whether a network error code means the request never reached the vendor. */
export function wasNeverSent(network: string): boolean {
  return NOT_SENT.has(network);
}

/** The network error code of anything axios (or a lower layer) threw. */
export function networkCode(error: unknown): string {
  if (isAxiosError(error) && typeof error.code === 'string') return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'ENETWORK';
}

/** The largest answer read (256 MB: FactuurSturen's whole client list of 100,000 clients is about 100 MB). */
export const MAX_ANSWER_BYTES = 256 * 2 ** 20;

/** Whether a network error code says the vendor did not answer in time (it may still be working on the request). */
export function isTimeout(network: string | undefined): boolean {
  return network === 'ECONNABORTED' || network === 'ETIMEDOUT';
}

/** Classifies a failure with no answer: timeouts and resets are ambiguous, refusals are not. */
export function classifyNetworkFailure(error: unknown, request: VendorRequest): Extract<Outcome, { ok: false }> {
  const network = networkCode(error);
  if (error instanceof Error && error.message.startsWith('maxContentLength size of')) {
    // An answer larger than any real vendor sends (a runaway export, a wrong URL): sending again gets
    // the same. A create's outcome is unknown (it may have been stored), anything else is invalid.
    const detail = `the answer was larger than ${String(MAX_ANSWER_BYTES / 2 ** 20)} MB`;
    return request.retry === 'create' ? { ok: false, code: 'VENDOR_OUTCOME_UNKNOWN', detail, network, ambiguous: true } : { ok: false, code: 'VENDOR_RESPONSE_INVALID', detail, network, ambiguous: false };
  }
  const ambiguous = !NOT_SENT.has(network);
  const detail = isTimeout(network) ? 'timed out' : `network error ${network}`;
  const code: VendorErrorCode = ambiguous && request.retry === 'create' ? 'VENDOR_OUTCOME_UNKNOWN' : 'VENDOR_UNAVAILABLE';
  return { ok: false, code, detail, network, ambiguous };
}

const WHAT: Record<VendorErrorCode, string> = {
  VENDOR_AUTH: 'credentials not accepted',
  VENDOR_NOT_FOUND: 'not found',
  VENDOR_REJECTED: 'rejected',
  VENDOR_DELETE_REFUSED: 'delete refused (the client has documents; archive it instead)',
  VENDOR_RATE_LIMITED: 'rate limit reached',
  VENDOR_UNAVAILABLE: 'vendor unavailable',
  VENDOR_OUTCOME_UNKNOWN: 'outcome unknown (the record may have been created: look it up before creating again)',
  VENDOR_RESPONSE_INVALID: 'answer not understood',
};

export interface ErrorSource {
  readonly vendor: VendorId;
  readonly connection: string;
  readonly baseUrl: string;
  readonly redactor: Redactor;
}

/** Builds the VendorError for a failed outcome; every text passes through the connection's redactor. */
export function toVendorError(outcome: Extract<Outcome, { ok: false }>, request: Pick<VendorRequest, 'method' | 'path'>, source: ErrorSource, extra: { retryAfterMs?: number } = {}): VendorError {
  const { redactor } = source;
  const path = redactor.url(request.path);
  const status = outcome.status === undefined ? '' : ` (HTTP ${outcome.status})`;
  const detail = outcome.detail === undefined ? '' : `: ${redactor.text(outcome.detail)}`;
  const message = `${source.vendor} (${source.connection}): ${request.method} ${path} ${WHAT[outcome.code]}${status}${detail}`;
  return new VendorError(
    outcome.code,
    message,
    {
      vendor: source.vendor,
      connection: source.connection,
      method: request.method,
      url: redactor.url(joinUrl(source.baseUrl, request.path)),
      ...(outcome.status === undefined ? {} : { status: outcome.status }),
      ...(outcome.vendorMessage === undefined ? {} : { vendorMessage: redactor.text(outcome.vendorMessage) }),
      ...(extra.retryAfterMs === undefined ? {} : { retryAfterMs: extra.retryAfterMs }),
    },
    { context: { ...(outcome.network === undefined ? {} : { network: outcome.network }) } },
  );
}

/** `https://host/api` + `/clients` → `https://host/api/clients`. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
