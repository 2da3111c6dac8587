import type { Clock } from '../../clock.js';
import { createJsonCache, type JsonCache } from '../json-cache.js';
import { formatLocalDateTime } from '../zoned-time.js';
import type { FsCountryTable } from './countries.js';
import type { FsState } from './factuursturen-state.js';

/** Behaviours VENDORS.md leaves open, settled in wire-decisions.md and adjustable per simulator. */
export interface FactuursturenQuirks {
  /** PUT replaces the record (`replace`, default: omitted attributes are reset) or changes only what is sent (`partial`). */
  readonly putSemantics?: 'replace' | 'partial';
  /** Error bodies: plain text (`text`, default) or `{"error":{"message","code"}}` (`json`). */
  readonly errorFormat?: 'text' | 'json';
  /** Send `X-RateLimit-Reset` (epoch seconds of the next hour) with every answer. Default false. */
  readonly sendReset?: boolean;
}

/** Everything a FactuurSturen route needs. */
export interface FsContext {
  readonly state: FsState;
  readonly countries: FsCountryTable;
  readonly clock: Clock;
  readonly putSemantics: 'replace' | 'partial';
  readonly errorFormat: 'text' | 'json';
  readonly sendReset: boolean;
  /** Record timestamps, Dutch local time. */
  readonly timestamp: () => string;
  /** Serialised clients, for fast listings. */
  readonly json: JsonCache;
}

/** Resolves the quirks to their defaults. */
export function createFsContext(state: FsState, countries: FsCountryTable, clock: Clock, quirks: FactuursturenQuirks): FsContext {
  return {
    state,
    countries,
    clock,
    putSemantics: quirks.putSemantics ?? 'replace',
    errorFormat: quirks.errorFormat ?? 'text',
    sendReset: quirks.sendReset ?? false,
    timestamp: () => formatLocalDateTime(clock.now()),
    json: createJsonCache(),
  };
}
