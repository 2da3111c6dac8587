import type { Clock } from '../clock.js';
import type { VendorError } from '../errors/vendor-error.js';
import type { SharedRateBudget } from '../http/shared-budget.js';
import type { Logger } from '../logging/logger.js';
import type { LookupTable } from '../mapping/lookups.js';
import type { Mapping } from '../mapping/mapping.js';
import type { RawRecord } from '../mapping/record-codec.js';
import type { ApiVendorId, VendorId } from './ids.js';

/*
 * The contract between the sync engine and a vendor connector. A connector speaks one vendor's real
 * API (auth, formats, paging, rate limits, errors, quirks) and hands over raw records in the vendor's
 * JSON shape (XML answers parsed to the same shape). Nothing above it sees a vendor quirk; nothing in
 * it knows about other vendors. Failures are thrown as VendorError with a stable code.
 */

/** Credentials, resolved from the environment by config loading; never logged or stored. */
export type Credentials =
  | { readonly kind: 'apiKey'; readonly apiKey: string; readonly accountId?: string | undefined }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string; readonly accountId?: string | undefined }
  | { readonly kind: 'billomat'; readonly apiKey: string; readonly appId?: string | undefined; readonly appSecret?: string | undefined };

/** A request budget: at most `requests` per fixed window of `windowMs`. */
export interface RateBudget {
  readonly requests: number;
  readonly windowMs: number;
}

/** How to reach one account of an API vendor. (A spreadsheet connection takes SpreadsheetConnectionOptions.) */
export interface ConnectionOptions {
  /** The connection's name in the config (`bm-main`), for messages and logs. */
  readonly name: string;
  readonly vendor: ApiVendorId;
  /** Overrides the vendor's default base URL (sandbox, proxy, regional host). */
  readonly baseUrl?: string | undefined;
  readonly credentials: Credentials;
  /** Overrides the vendor's default budget (config/vendors.yaml). */
  readonly rateBudget?: RateBudget | undefined;
  /**
   * A budget shared with every connection that spends the same vendor quota, in this process or
   * another (`createPostgresRateBudget`): together they stay within the budget. The caller closes it.
   */
  readonly sharedBudget?: SharedRateBudget | undefined;
  /**
   * Names the quota this connection spends, for the shared budget: connections of one vendor with
   * the same group share one budget. Default: the vendor account, known from vendor, base URL and
   * credentials (`rateBudgetKey`).
   */
  readonly rateBudgetGroup?: string | undefined;
  /** Records per list call; defaults to the vendor's largest page. */
  readonly pageSize?: number | undefined;
  /** Per-request timeout. Default 30 s. */
  readonly timeoutMs?: number | undefined;
  /** The vendor's mapping (for XML list paths and lookups). */
  readonly mapping: Mapping;
  readonly clock?: Clock | undefined;
  readonly logger?: Logger | undefined;
}

/** Counters a run reports and tests assert on. */
export interface ConnectorStats {
  /** Every HTTP request sent, retries included. */
  readonly calls: number;
  readonly callsByKind: Readonly<Record<'list' | 'get' | 'create' | 'update' | 'delete' | 'other', number>>;
  /** Responses that said "rate limited" (429, FactuurSturen 403 + remaining 0). */
  readonly limitResponses: number;
  readonly retries: number;
  /** Time spent waiting for a rate window or a Retry-After, in milliseconds. */
  readonly rateWaitMs: number;
  /** Calls in each rate window since the connector was made (the budget's window, `windowMs` long). */
  readonly callsPerWindow?: readonly number[] | undefined;
  readonly windowMs?: number | undefined;
}

export interface CreateResult {
  /** The vendor's id of the new record. */
  readonly id: string;
  /** The record as the vendor answered it (Billomat answers with it; others only with an id). */
  readonly record?: RawRecord | undefined;
  /** Whether the external id was stored in the vendor's slot by this call. */
  readonly externalIdStored: boolean;
  /**
   * Contacts or custom values written through their own calls after the client was created
   * (Billomat) that failed. The client exists and `id` is valid; the next update retries them.
   */
  readonly subresourceErrors?: readonly VendorError[] | undefined;
  /**
   * Optional parts the vendor refused, left out so the client could be created (a customer number
   * already in use, a custom field the account does not define). Reported; not tried again.
   */
  readonly refusedFields?: readonly { readonly field: string; readonly message: string }[] | undefined;
}

export interface ListOptions {
  /** Also read sub-resources that cost one call per client (Billomat contacts). */
  readonly includeContacts?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface WriteOptions {
  readonly signal?: AbortSignal | undefined;
  /** The record as last read from the vendor: lets a connector update nested items by their ids. */
  readonly current?: RawRecord | undefined;
  /** Write sub-resources (contacts, custom values) too. */
  readonly includeContacts?: boolean | undefined;
}

export type CheckOutcome = 'ok' | 'wrong-credentials' | 'wrong-url' | 'vendor-down';

export interface CheckResult {
  readonly outcome: CheckOutcome;
  readonly message: string;
}

export interface VendorConnector {
  readonly vendor: VendorId;
  readonly connection: string;
  /** What this vendor can and cannot do, for the planner. */
  readonly capabilities: {
    /** Records per list call. */
    readonly pageSize: number;
    /** Whether a listing says how many records there are (so no closing empty page is needed). */
    readonly listingHasTotal: boolean;
    /** The vendor has a slot for external_client_id and can be searched by it. */
    readonly externalIdSlot: boolean;
    /** Contacts cost one extra call per client to read (Billomat). */
    readonly contactsPerClientCall: boolean;
    /** Contacts and custom values are written with one call each, after the client (Billomat). */
    readonly separateSubresourceWrites: boolean;
    /**
     * The external id sent in a create body is known to be stored (EF `external_client_id`). When
     * false, the vendor documents the slot as read-only on create (Billomat `customfield`), so
     * storing it takes its own call.
     */
    readonly externalIdInCreate: boolean;
    /** `partial`: an update sends only the changed fields; `full`: the whole record. */
    readonly update: 'partial' | 'full';
    /**
     * How many writes the connection takes in flight at once, when more than a run's concurrency.
     * A file takes writes in batches: every write waiting while one rewrite runs goes into the next
     * one, so a run that keeps only 4 writes in flight rewrites the whole file once per 4 records.
     * Absent for an API vendor: a run keeps its own concurrency and the rate limiter caps the calls.
     */
    readonly writesInFlight?: number;
  };
  /** The budget the connector keeps to, as now known (learned from headers where the vendor sends them). */
  rateBudget(): RateBudget;
  /** Calls that may still be made in the current rate window without waiting (spare budget). */
  spareCalls(): number;
  /** Every client, in the vendor's paging; the listing is complete when the iterator ends. */
  listClients(options?: ListOptions): AsyncIterable<RawRecord>;
  getClient(id: string, options?: ListOptions): Promise<RawRecord | undefined>;
  /**
   * Creates a client. Never retried automatically: a failure after the request may have reached
   * the vendor throws VENDOR_OUTCOME_UNKNOWN so the engine can look before creating again.
   */
  createClient(body: RawRecord, options?: WriteOptions): Promise<CreateResult>;
  /** Updates a client with the given body (partial or full per `capabilities.update`). */
  updateClient(id: string, body: RawRecord, options?: WriteOptions): Promise<void>;
  archiveClient(id: string, options?: WriteOptions): Promise<void>;
  /** Deletes a client; throws VENDOR_DELETE_REFUSED when the vendor refuses (client has documents). */
  deleteClient(id: string, options?: WriteOptions): Promise<void>;
  /** Clients whose external-id slot holds `externalId` (empty for a vendor without a slot). */
  findByExternalId(externalId: string, options?: ListOptions): Promise<RawRecord[]>;
  /** Writes the external id into the vendor's slot of an existing client. */
  setExternalId(id: string, externalId: string, options?: WriteOptions): Promise<void>;
  /**
   * Lookup tables refreshed from the vendor (FactuurSturen's `/countrylist`), keyed by table name,
   * to compile the mapping with: `loadMapping(vendor, { lookups: await connector.lookupTables?.() })`.
   * Fetched once per connector; the offline tables are returned when the vendor cannot be reached.
   * Absent for vendors whose lookups are static.
   */
  lookupTables?(options?: { signal?: AbortSignal }): Promise<Readonly<Record<string, LookupTable>>>;
  /**
   * The custom fields this account defines (EF custom fields, Billomat client properties), so a
   * value for a field the account lacks is left out and reported instead of refused by the vendor.
   * Undefined when the vendor has none or they cannot be known yet.
   */
  customFieldNames?(options?: { signal?: AbortSignal }): Promise<readonly string[] | undefined>;
  /** A cheap call that tells wrong credentials from a wrong URL from a vendor that is down. */
  check(options?: { signal?: AbortSignal }): Promise<CheckResult>;
  stats(): ConnectorStats;
}
