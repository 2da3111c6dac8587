import type { FaultKind } from './fault-injector.js';

/** One request as the simulator saw it. Kept small: benchmarks log 100,000s of them. */
export interface RequestLogEntry {
  readonly method: string;
  /** The path below the base URL (`/clients/12`), without the query string. */
  readonly path: string;
  /** The raw query string without `?` (empty when none). */
  readonly query: string;
  /** The status sent; 0 when no answer reached the client (connection reset, commit-then-drop). */
  readonly status: number;
  /** Simulator clock time (ms since the epoch) at which the request arrived. */
  readonly at: number;
  /** The injected fault, if any. */
  readonly fault?: FaultKind;
}

/** Which entries to count; every given property must match. */
export interface RequestLogFilter {
  readonly method?: string;
  /** Exact path below the base URL, or a pattern tested against it. */
  readonly path?: string | RegExp;
  readonly status?: number;
  readonly fault?: FaultKind;
}

/** The request log tests and benchmarks read to count calls. */
export interface RequestLog {
  readonly entries: readonly RequestLogEntry[];
  count(filter?: RequestLogFilter | ((entry: RequestLogEntry) => boolean)): number;
  clear(): void;
  /** Appends an entry (the simulator's side). */
  record(entry: RequestLogEntry): void;
}

/** Creates an empty request log. */
export function createRequestLog(): RequestLog {
  let entries: RequestLogEntry[] = [];
  return {
    get entries() {
      return entries;
    },
    count(filter) {
      if (filter === undefined) return entries.length;
      const test = typeof filter === 'function' ? filter : (entry: RequestLogEntry) => matches(entry, filter);
      let n = 0;
      for (const entry of entries) if (test(entry)) n++;
      return n;
    },
    clear() {
      entries = [];
    },
    record(entry) {
      entries.push(entry);
    },
  };
}

function matches(entry: RequestLogEntry, filter: RequestLogFilter): boolean {
  if (filter.method !== undefined && filter.method.toUpperCase() !== entry.method) return false;
  if (filter.status !== undefined && filter.status !== entry.status) return false;
  if (filter.fault !== undefined && filter.fault !== entry.fault) return false;
  if (filter.path === undefined) return true;
  return typeof filter.path === 'string' ? filter.path === entry.path : filter.path.test(entry.path);
}
