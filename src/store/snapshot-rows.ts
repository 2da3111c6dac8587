import type { Snapshot } from './types.js';

/** A snapshot as both stores hold it: the record as JSON text. */
export interface SnapshotRow {
  readonly pair: string;
  readonly connection: string;
  readonly external_id: string;
  readonly record: string;
  readonly fingerprint: string;
  readonly synced_at: number;
}

/**
 * Turns the snapshot rows of one pair and connection into snapshots. Every stored record repeats the
 * pair's list of tracked fields, which is half its JSON: parsed one by one, 100,000 snapshots held
 * 2.5 million copies of some 25 field names (about 100 MB). The snapshots read together share one
 * frozen copy of each distinct list instead, and the pair and connection strings they were asked for.
 */
export function createSnapshotReader(pair: string, connection: string): (row: SnapshotRow) => Snapshot {
  const fieldLists = new Map<string, readonly unknown[]>();
  return (row) => {
    const record = JSON.parse(row.record) as Record<string, unknown>;
    const fields = record.fields;
    if (Array.isArray(fields)) {
      const key = JSON.stringify(fields);
      const shared = fieldLists.get(key);
      if (shared === undefined) fieldLists.set(key, Object.freeze(fields));
      else record.fields = shared;
    }
    return { pair, connection, externalId: row.external_id, record, fingerprint: row.fingerprint, syncedAt: row.synced_at };
  };
}
