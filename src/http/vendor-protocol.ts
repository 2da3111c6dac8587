import type { VendorErrorCode } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import type { ConnectorStats } from '../vendors/types.js';
import type { ParsedBody } from './parse-body.js';
import type { RateSignal } from './rate-window.js';
import type { RetryMode } from './retry.js';

/**
 * What a vendor folder tells the shared HTTP client about its API: how its errors and limits look.
 * Paging, retries, rate limiting and the status rules exist once, in src/http; a vendor only says
 * where its quirks differ (stripe's `generateV1Error` with a vendor-specific first look).
 */
export type CallKind = keyof ConnectorStats['callsByKind'];

export interface VendorRequest {
  /** For the counters: what the call is for. */
  readonly kind: CallKind;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the base URL, ids already encoded (`/clients/67445`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number>> | undefined;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly retry: RetryMode;
  /** The path names one record by its id (Billomat answers 401 for an id of another account). */
  readonly byId?: boolean | undefined;
  /** Deletes a client: a refusal means "the client has documents" (VENDOR_DELETE_REFUSED). */
  readonly deletesClient?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface VendorAnswer {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ParsedBody;
}

export interface ClassifyContext {
  /** An earlier call on this connection succeeded, so the credentials are good. */
  readonly succeededBefore: boolean;
}

export interface VendorProtocol {
  readonly vendor: VendorId;
  /** `parent.child` XML element pairs that are lists. */
  readonly xmlListPaths: ReadonlySet<string>;
  /** The vendor's own message in an error body, whatever its format. */
  errorMessage(body: ParsedBody): string | undefined;
  /** Rate-limit facts any answer carries in its headers. */
  rateSignal(answer: VendorAnswer, now: number): RateSignal;
  /** Whether the answer is a rate-limit refusal. */
  isRateLimited(answer: VendorAnswer): boolean;
  /** When the limit resets (epoch ms), if the answer says; otherwise the window's end is used. */
  limitResetAt(answer: VendorAnswer, now: number): number | undefined;
  /** Vendor quirks decided before the status rules: a code, `ok`, or undefined for "no opinion". */
  classify?(answer: VendorAnswer, request: VendorRequest, context: ClassifyContext): VendorErrorCode | 'ok' | undefined;
}
