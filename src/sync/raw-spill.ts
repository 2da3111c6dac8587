import Database from 'better-sqlite3';
import type { RawRecord } from '../mapping/record-codec.js';

/**
 * Where a run puts the raw records of its settled clients (unchanged since the last sync): out of
 * memory, in a private temporary SQLite database on disk that SQLite deletes when the run closes it.
 * A settled record needs its raw record again only when its counterpart changed: to send its vendor
 * the record as it is (an update's `current`, which saves a GET) or to decode it once more. Held in
 * memory, the raw records of 100,000 clients per side were some 200 MB.
 */
export interface RawSpill {
  /** Keeps `raw` and returns the key to read it back with. */
  put(raw: RawRecord): number;
  /** The raw record put under `key`, as a new object each time. */
  get(key: number): RawRecord;
  close(): void;
}

export function createRawSpill(): RawSpill {
  // An empty file name: SQLite's own temporary database, on disk, removed on close.
  const db = new Database('');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE raw (key INTEGER PRIMARY KEY, json TEXT NOT NULL)');
  const insert = db.prepare<[number, string]>('INSERT INTO raw (key, json) VALUES (?, ?)');
  const select = db.prepare<[number], { json: string }>('SELECT json FROM raw WHERE key = ?');
  // Each row goes in as it comes, within one transaction left open while records are put (a commit
  // per row would cost more than the rest of reading): its text is garbage at once, never gathered
  // in a batch long enough for the garbage collector to move it to the old generation.
  let next = 1;
  const commit = (): void => {
    if (db.inTransaction) db.exec('COMMIT');
  };
  return {
    put(raw) {
      if (!db.inTransaction) db.exec('BEGIN');
      const key = next++;
      insert.run(key, JSON.stringify(raw));
      return key;
    },
    get(key) {
      commit();
      const row = select.get(key);
      if (row === undefined) throw new Error(`no raw record ${key} in this run's spill`);
      return JSON.parse(row.json) as RawRecord;
    },
    close() {
      if (db.open) db.close();
    },
  };
}
