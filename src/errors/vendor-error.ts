import { redactUrl } from '../http/redact.js';
import type { VendorId } from '../vendors/ids.js';
import { SyncError, type ErrorKind, type SyncErrorOptions } from './sync-error.js';

export type VendorErrorCode =
  | 'VENDOR_AUTH'
  | 'VENDOR_NOT_FOUND'
  | 'VENDOR_REJECTED'
  | 'VENDOR_DELETE_REFUSED'
  | 'VENDOR_RATE_LIMITED'
  | 'VENDOR_UNAVAILABLE'
  | 'VENDOR_OUTCOME_UNKNOWN'
  | 'VENDOR_RESPONSE_INVALID';

const KIND: Record<VendorErrorCode, ErrorKind> = {
  VENDOR_AUTH: 'config',
  VENDOR_NOT_FOUND: 'permanent',
  VENDOR_REJECTED: 'permanent',
  VENDOR_DELETE_REFUSED: 'permanent',
  VENDOR_RATE_LIMITED: 'transient',
  VENDOR_UNAVAILABLE: 'transient',
  VENDOR_OUTCOME_UNKNOWN: 'transient',
  VENDOR_RESPONSE_INVALID: 'transient',
};

export interface VendorErrorDetails {
  readonly vendor: VendorId;
  /** The connection name from the config, when known. */
  readonly connection?: string;
  readonly method?: string;
  /** Redacted on construction. */
  readonly url?: string;
  readonly status?: number;
  /** The vendor's own message, as it sent it (truncated, credentials already removed). */
  readonly vendorMessage?: string;
  /** For rate limits: how long the vendor asked us to wait. */
  readonly retryAfterMs?: number;
}

const MAX_VENDOR_MESSAGE = 500;

/** An answer (or the lack of one) from a vendor API, classified. */
export class VendorError extends SyncError {
  override readonly code: VendorErrorCode;
  readonly vendor: VendorId;
  readonly connection: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly vendorMessage: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: VendorErrorCode, message: string, details: VendorErrorDetails, options: SyncErrorOptions = {}) {
    const url = details.url === undefined ? undefined : redactUrl(details.url);
    const vendorMessage = details.vendorMessage?.slice(0, MAX_VENDOR_MESSAGE);
    super(code, KIND[code], message, {
      ...options,
      context: {
        vendor: details.vendor,
        connection: details.connection,
        method: details.method,
        status: details.status,
        ...options.context,
      },
    });
    this.code = code;
    this.vendor = details.vendor;
    this.connection = details.connection;
    this.method = details.method;
    this.url = url;
    this.status = details.status;
    this.vendorMessage = vendorMessage;
    this.retryAfterMs = details.retryAfterMs;
  }

  override toJSON(): ReturnType<SyncError['toJSON']> & { vendorMessage?: string; status?: number } {
    return {
      ...super.toJSON(),
      ...(this.vendorMessage === undefined ? {} : { vendorMessage: this.vendorMessage }),
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}

export function isVendorError(value: unknown): value is VendorError {
  return value instanceof VendorError;
}
