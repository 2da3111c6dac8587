import { createHmac } from 'node:crypto';
import type { VendorId } from '../vendors/ids.js';
import type { Credentials } from '../vendors/types.js';

/**
 * A rate budget shared by every connection (in any process, on any machine) that spends the same
 * vendor quota: Billomat counts 300 requests per account and 15-minute window however many
 * integrations send them (VENDORS.md §3.4). Each connection keeps its own limiter; before a request
 * goes out, the limiter also takes one request of the shared window here. Windows are fixed and
 * aligned to the epoch of the connection's clock, as the local window is (rate-window.ts).
 */
export interface SharedRateBudget {
  /**
   * Takes one request of the window, atomically. Resolves with what the window holds after the take,
   * or undefined when it is full (nothing taken). The window's budget is the smallest any taker gave.
   */
  take(window: SharedWindow): Promise<SharedWindowUse | undefined>;
  /** Lowers the window's budget to `window.requests` when it is higher (a taker that was refused). */
  lower(window: SharedWindow): Promise<void>;
  /**
   * Counts one request in the window without asking: the vendor counted a request in this window
   * although its slot was taken in an earlier one (it arrived after the earlier window ended).
   */
  charge(window: SharedWindow): Promise<void>;
  /** Marks the window full: the vendor answered "limit reached" for it, so no one else asks in vain. */
  fill(window: SharedWindow): Promise<void>;
  /** Waits for what is still being written and closes the budget's connections. */
  close(): Promise<void>;
}

/** One fixed window of one budget key. */
export interface SharedWindow {
  /** The budget key (see `rateBudgetKey`): never a credential. */
  readonly key: string;
  /** Start of the window, epoch ms, a multiple of `windowMs`. */
  readonly windowStart: number;
  readonly windowMs: number;
  /** The taker's budget for the window. */
  readonly requests: number;
}

/** What a window holds after a take. */
export interface SharedWindowUse {
  readonly used: number;
  readonly requests: number;
}

/** A connection's place in a shared budget: the budget and its key. */
export interface SharedBudgetSlot {
  readonly budget: SharedRateBudget;
  readonly key: string;
}

/** A name for a budget group the user chooses (`rate_budget_group: billomat-acme`). */
export const BUDGET_GROUP_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

// Not a secret: it only makes the key a keyed hash, so a stored key cannot be looked up in a table
// of hashes of known API keys. Changing it gives every credential a new key (old rows are pruned).
const KEY_DERIVATION = 'client-sync/rate-budget-key/v1';

/**
 * What identifies the quota a connection spends, beyond vendor and base URL. Billomat counts per
 * account (VENDORS.md §3.4: "per account", shared by every integration on it), and the account is the
 * host of the base URL (`https://<id>.billomat.net/api`), so two API keys of one account share one
 * budget. EenvoudigFactureren and FactuurSturen publish no rule (§1.4, §2.4): their quota is taken to
 * belong to the account when one is named, else to the user or key that authenticates.
 */
function quotaIdentity(credentials: Credentials): string {
  switch (credentials.kind) {
    case 'billomat':
      return '';
    case 'apiKey':
      return credentials.accountId === undefined ? `key:${credentials.apiKey}` : `account:${credentials.accountId}`;
    case 'basic':
      return credentials.accountId === undefined ? `user:${credentials.username.toLowerCase()}` : `account:${credentials.accountId}`;
  }
}

/**
 * The key under which a connection's shared budget is kept: `<vendor>/group/<name>` for a group the
 * user named, else `<vendor>/<hash>`, an HMAC-SHA-256 of vendor, base URL and the quota's identity,
 * truncated to 128 bits. It holds no credential and no credential can be read back from it.
 */
export function rateBudgetKey(input: { readonly vendor: VendorId; readonly baseUrl: string; readonly credentials: Credentials; readonly group?: string | undefined }): string {
  if (input.group !== undefined) return `${input.vendor}/group/${input.group}`;
  const baseUrl = input.baseUrl.replace(/\/+$/, '').toLowerCase();
  const digest = createHmac('sha256', KEY_DERIVATION).update([input.vendor, baseUrl, quotaIdentity(input.credentials)].join('\n')).digest('hex');
  return `${input.vendor}/${digest.slice(0, 32)}`;
}

