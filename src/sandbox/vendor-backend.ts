import type { Clock } from '../clock.js';
import type { ApiVendorId } from '../vendors/ids.js';
import type { RateDecision, RateLimitOptions } from './rate-window.js';
import type { JsonRecord, Reply, ResponseFormat, SimRequest } from './reply.js';

/**
 * Direct access to a simulator's state, for tests and rehearsals: records in the vendor's own JSON
 * shape (strings, exactly what the vendor answers in JSON). Reads return copies.
 */
export interface SimulatorStore {
  /** Every client, in id order. */
  list(): JsonRecord[];
  get(id: string): JsonRecord | undefined;
  count(): number;
  /**
   * Stores a raw record without the vendor's validation (the way data already in an account got
   * there); missing system fields (id, timestamps, defaults) are filled in. Returns the id.
   */
  insert(record: JsonRecord): string;
  remove(id: string): boolean;
  /** Gives a client documents (invoices), so the vendor refuses to delete it; or takes them away. */
  markHasDocuments(id: string, hasDocuments?: boolean): void;
  hasDocuments(id: string): boolean;
}

/** What a vendor simulator is built from. */
export interface BackendContext {
  /** The base URL connectors use (`http://127.0.0.1:PORT/api/v1`). */
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly seed: number | string;
  /** Clients to generate when there is no saved state. */
  readonly clients: number;
  /** Share of generated clients that get dirty-but-real values (placeholders, sentinels, unchecked IBANs). */
  readonly dirtyShare: number;
  /** The vendor's budget, or undefined when rate limiting is off. */
  readonly rateLimit: RateLimitOptions | undefined;
  /** Saved state to start from (persistent mode), as produced by `exportState`. */
  readonly savedState: unknown;
}

/** The rate-limit outcome of one request in the vendor's own terms. */
export interface RateLimitOutcome {
  /** Headers every answer carries (empty for a vendor that sends none). */
  readonly headers: Readonly<Record<string, string>>;
  /** The vendor's "too many requests" answer when the budget is used up. */
  readonly refusal?: Reply;
}

/** One vendor's behaviour behind the shared HTTP pipeline (auth, limits, faults, log). */
export interface VendorBackend {
  readonly vendor: ApiVendorId;
  /** The API's path prefix (`/api/v1`, `/api`). */
  readonly basePath: string;
  /** The vendor's refusal when the request lacks this account's credentials, else undefined. */
  authenticate(request: SimRequest): Reply | undefined;
  /** Counts the request against the vendor's budget. */
  rateLimit(request: SimRequest): RateLimitOutcome;
  /** A server error in the vendor's format (injected `error5xx` faults). */
  serverError(status: number, format: ResponseFormat): Reply;
  /** Routes the request. */
  handle(request: SimRequest): Reply | Promise<Reply>;
  readonly store: SimulatorStore;
  /** The state to save in persistent mode (plain JSON). */
  exportState(): unknown;
}

/** Turns a rate decision into the vendor's outcome; used by every backend. */
export type RatePolicy = (decision: RateDecision, request: SimRequest) => RateLimitOutcome;
