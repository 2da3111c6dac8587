import type { RequestLogEntry } from '../src/sandbox/index.js';
import type { ApiVendorId } from '../src/vendors/ids.js';

/** A simulator's log of one run, sorted into the kinds of call the report shows. */
export interface LoggedCalls {
  readonly total: number;
  readonly list: number;
  /** Record writes: creates, updates, archives, deletes of clients. */
  readonly writes: number;
  /** Billomat custom attribute values (POST /client-property-values). */
  readonly propertyValues: number;
  /** Deferred external-id markers (Billomat PUT /clients/{id}/customfield): not record writes. */
  readonly markers: number;
  /** Everything else: /countrylist, /client-properties, by-id reads. */
  readonly other: number;
  /** Answers that said "rate limited": 429, and FactuurSturen's 403 (VENDORS.md §2.4). */
  readonly limitResponses: number;
  /** Calls with no answer or an error answer other than a limit. */
  readonly failed: number;
  /** The `other` calls by method and path (ids replaced by `{id}`). */
  readonly otherPaths: Readonly<Record<string, number>>;
}

export function isLimitResponse(vendor: ApiVendorId, entry: RequestLogEntry): boolean {
  return entry.status === 429 || (vendor === 'factuursturen' && entry.status === 403);
}

export function sortLog(vendor: ApiVendorId, entries: readonly RequestLogEntry[]): LoggedCalls {
  let list = 0, writes = 0, propertyValues = 0, markers = 0, other = 0, limitResponses = 0, failed = 0;
  const otherPaths: Record<string, number> = {};
  for (const entry of entries) {
    if (isLimitResponse(vendor, entry)) limitResponses += 1;
    else if (entry.status === 0 || entry.status >= 400) failed += 1;
    if (entry.method === 'GET' && entry.path === '/clients') list += 1;
    else if (entry.path.endsWith('/customfield')) markers += 1;
    else if (entry.path === '/client-property-values') propertyValues += 1;
    else if (entry.method !== 'GET' && entry.method !== 'HEAD' && entry.path.startsWith('/clients')) writes += 1;
    else {
      other += 1;
      const key = `${entry.method} ${entry.path.replace(/\/\d+/g, '/{id}')}`;
      otherPaths[key] = (otherPaths[key] ?? 0) + 1;
    }
  }
  return { total: entries.length, list, writes, propertyValues, markers, other, limitResponses, failed, otherPaths };
}

/** How a run used a vendor's fixed rate windows. */
export interface WindowUse {
  readonly budget: number;
  readonly windowMs: number;
  /** Windows from the first to the last record write of the run (markers only fill spare budget). */
  readonly writeWindows: number;
  /** Those but the first and the last, which the run may enter late or leave early. */
  readonly fullWindows: number;
  readonly meanPerFull: number | undefined;
  readonly minPerFull: number | undefined;
  readonly maxPerFull: number | undefined;
  /** The most calls any window of the run saw (a limit answer is a call too). */
  readonly maxAny: number;
}

/** A write of a record or its custom values; not a deferred marker, which only fills spare budget. */
const isRecordWrite = (entry: RequestLogEntry): boolean => entry.method !== 'GET' && entry.method !== 'HEAD' && !entry.path.endsWith('/customfield');

/** Groups a run's calls by the vendor's window (aligned to the epoch, as Billomat's XX:00/15/30/45). */
export function windowUse(entries: readonly RequestLogEntry[], budget: { requests: number; windowMs: number }): WindowUse {
  const windowOf = (entry: RequestLogEntry): number => Math.floor(entry.at / budget.windowMs);
  const perWindow = new Map<number, number>();
  for (const entry of entries) perWindow.set(windowOf(entry), (perWindow.get(windowOf(entry)) ?? 0) + 1);
  // No spread of a 100,000-element array into Math.min: that overflows the call stack.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const entry of entries) {
    if (!isRecordWrite(entry)) continue;
    first = Math.min(first, windowOf(entry));
    last = Math.max(last, windowOf(entry));
  }
  let maxAny = 0;
  for (const count of perWindow.values()) maxAny = Math.max(maxAny, count);
  if (first > last) return { budget: budget.requests, windowMs: budget.windowMs, writeWindows: 0, fullWindows: 0, meanPerFull: undefined, minPerFull: undefined, maxPerFull: undefined, maxAny };
  const full: number[] = [];
  for (let w = first + 1; w < last; w++) full.push(perWindow.get(w) ?? 0);
  return {
    budget: budget.requests,
    windowMs: budget.windowMs,
    writeWindows: last - first + 1,
    fullWindows: full.length,
    meanPerFull: full.length === 0 ? undefined : full.reduce((a, b) => a + b, 0) / full.length,
    minPerFull: full.length === 0 ? undefined : full.reduce((a, b) => Math.min(a, b)),
    maxPerFull: full.length === 0 ? undefined : full.reduce((a, b) => Math.max(a, b)),
    maxAny,
  };
}
