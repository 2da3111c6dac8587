import type { Snapshot, StateStore } from '../store/types.js';
import { fingerprint } from './fields.js';
import { baseOf } from './plan-context.js';

/**
 * What the planner needs of a snapshot to tell "unchanged since the last sync", which is all it
 * needs for nearly every record of a re-run: the full snapshot (the values) only when a side changed.
 */
export interface SnapshotSummary {
  readonly fingerprint: string;
  /** The stored record has the shape of a base (values and tracked fields); else it is compared as none. */
  readonly base: boolean;
  readonly provisional: boolean;
  /** The tracked fields the values cover (one shared list for the snapshots of a run). */
  readonly fields: readonly string[];
  /** A hash of the custom values synced last, when the snapshot tracks them. */
  readonly customValues: string | undefined;
}

/**
 * A pair's snapshots on one connection as a run uses them: read from the store a page at a time and
 * kept as summaries; a snapshot's values are read again, one record at a time, only when asked for
 * (a changed record, a write's undo data). The first read of a snapshot is kept, so the run keeps
 * seeing the snapshot as it was before the run even after it wrote a new one (see pin).
 */
export interface SnapshotIndex extends ReadonlyMap<string, Snapshot> {
  summary(externalId: string): SnapshotSummary | undefined;
  /** Reads and keeps the snapshot before the run replaces it, for the undo data of later writes. */
  pin(externalId: string): void;
}

/** Snapshots read per page: small enough that a page is nothing next to the records, large enough to be few queries. */
export const SNAPSHOT_PAGE_SIZE = 2_000;

function summarize(snapshot: Snapshot, fieldLists: Map<string, readonly string[]>): SnapshotSummary {
  const base = baseOf(snapshot);
  if (base === undefined) return { fingerprint: snapshot.fingerprint, base: false, provisional: false, fields: [], customValues: undefined };
  const key = base.fields.join('\n');
  let fields = fieldLists.get(key);
  if (fields === undefined) {
    fields = Object.freeze([...base.fields]);
    fieldLists.set(key, fields);
  }
  const custom = base.values.customValues;
  return { fingerprint: snapshot.fingerprint, base: true, provisional: base.provisional, fields, customValues: custom === undefined ? undefined : fingerprint({ customValues: custom }) };
}

/** Reads the summaries of the pair's snapshots on `connection`, a page at a time. */
export function readSnapshotIndex(store: Pick<StateStore, 'snapshotPage' | 'snapshot'>, pair: string, connection: string, pageSize = SNAPSHOT_PAGE_SIZE): SnapshotIndex {
  const summaries = new Map<string, SnapshotSummary>();
  const fieldLists = new Map<string, readonly string[]>();
  let after: string | undefined;
  for (;;) {
    const page = store.snapshotPage(pair, connection, { after, limit: pageSize });
    for (const snapshot of page) summaries.set(snapshot.externalId, summarize(snapshot, fieldLists));
    if (page.length < pageSize) break;
    after = page[page.length - 1]?.externalId;
  }
  const read = new Map<string, Snapshot | undefined>();
  const get = (externalId: string): Snapshot | undefined => {
    if (!summaries.has(externalId)) return undefined;
    if (read.has(externalId)) return read.get(externalId);
    const snapshot = store.snapshot(pair, connection, externalId);
    read.set(externalId, snapshot);
    return snapshot;
  };
  function* entries(): IterableIterator<[string, Snapshot]> {
    for (const externalId of summaries.keys()) {
      const snapshot = get(externalId);
      if (snapshot !== undefined) yield [externalId, snapshot];
    }
  }
  function* values(): IterableIterator<Snapshot> {
    for (const [, snapshot] of entries()) yield snapshot;
  }
  return {
    get size() {
      return summaries.size;
    },
    has: (externalId) => summaries.has(externalId),
    get,
    summary: (externalId) => summaries.get(externalId),
    pin: (externalId) => void get(externalId),
    keys: () => summaries.keys(),
    entries,
    values,
    forEach(callback, thisArg?: unknown) {
      for (const [key, value] of entries()) callback.call(thisArg, value, key, this);
    },
    [Symbol.iterator]: entries,
  };
}

/** A snapshot's summary from any map of snapshots: the index's own, or worked out from the snapshot. */
export function summaryOf(snapshots: ReadonlyMap<string, Snapshot>, externalId: string): SnapshotSummary | undefined {
  if (isSnapshotIndex(snapshots)) return snapshots.summary(externalId);
  const snapshot = snapshots.get(externalId);
  return snapshot === undefined ? undefined : summarize(snapshot, new Map());
}

/** Keeps the snapshot as it was before the run, if `snapshots` reads them on demand. */
export function pinSnapshot(snapshots: ReadonlyMap<string, Snapshot>, externalId: string): void {
  if (isSnapshotIndex(snapshots)) snapshots.pin(externalId);
}

function isSnapshotIndex(snapshots: ReadonlyMap<string, Snapshot>): snapshots is SnapshotIndex {
  return typeof (snapshots as Partial<SnapshotIndex>).summary === 'function';
}
