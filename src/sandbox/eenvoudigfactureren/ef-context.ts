import type { Clock } from '../../clock.js';
import { createJsonCache, type JsonCache } from '../json-cache.js';
import { formatLocalDateTime } from '../zoned-time.js';
import type { EfCustomField } from './client-writes.js';
import type { EfState } from './eenvoudigfactureren-state.js';

/** Behaviours VENDORS.md leaves open, settled in wire-decisions.md and adjustable per simulator. */
export interface EenvoudigfacturenQuirks {
  /** Largest `take` of a list call. Default 100 ("at most about 100 per request", VENDORS.md §1.3). */
  readonly maxTake?: number;
  /** A `take` above the maximum: `truncate` (default) answers `maxTake` records silently, `reject` answers 400. */
  readonly takeCap?: 'truncate' | 'reject';
  /** Status of the refusal to delete a client that has documents. Default 400. */
  readonly deleteRefusedStatus?: number;
  /** Give a new client without a number the next free one (an account setting, seed 001). Default true. */
  readonly autoNumber?: boolean;
  /** Custom fields the account defines. Default: `myreference` (seed 001's example) and `kvk`. */
  readonly customFields?: readonly EfCustomField[];
}

/** Everything an EF route needs. */
export interface EfContext {
  readonly state: EfState;
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly maxTake: number;
  readonly takeCap: 'truncate' | 'reject';
  readonly deleteRefusedStatus: number;
  readonly autoNumber: boolean;
  /** `2018-05-03 11:33:45`: EF's zone-less local time (seed 001 last_activity). */
  readonly timestamp: () => string;
  /** Serialised clients, for fast listings. */
  readonly json: JsonCache;
}

/** The account's custom fields unless configured: seed 001's `myreference`, and a KvK number. */
export const EF_DEFAULT_CUSTOM_FIELDS: readonly EfCustomField[] = [
  { name: 'myreference', description: 'Onze referentie' },
  { name: 'kvk', description: 'KvK-nummer' },
];

/** Resolves the quirks to their defaults. */
export function createEfContext(state: EfState, baseUrl: string, clock: Clock, quirks: EenvoudigfacturenQuirks): EfContext {
  return {
    state,
    baseUrl,
    clock,
    maxTake: quirks.maxTake ?? 100,
    takeCap: quirks.takeCap ?? 'truncate',
    deleteRefusedStatus: quirks.deleteRefusedStatus ?? 400,
    autoNumber: quirks.autoNumber ?? true,
    timestamp: () => formatLocalDateTime(clock.now()),
    json: createJsonCache(),
  };
}
