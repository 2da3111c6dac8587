/**
 * The SQLite schema, as an ordered list of migrations. `PRAGMA user_version` records how many have
 * run; a store opened by a newer client-sync is refused rather than misread.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first schema.
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    pair TEXT NOT NULL,
    command TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    heartbeat_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    summary TEXT,
    report TEXT
  );
  CREATE INDEX runs_by_pair ON runs (pair, started_at);

  CREATE TABLE locks (
    lock_key TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs (id)
  );

  CREATE TABLE links (
    connection TEXT NOT NULL,
    external_id TEXT NOT NULL,
    native_id TEXT NOT NULL,
    marker_written INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (connection, external_id)
  );
  CREATE UNIQUE INDEX links_by_native ON links (connection, native_id);

  CREATE TABLE snapshots (
    pair TEXT NOT NULL,
    connection TEXT NOT NULL,
    external_id TEXT NOT NULL,
    record TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    synced_at INTEGER NOT NULL,
    PRIMARY KEY (pair, connection, external_id)
  );

  CREATE TABLE journal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    pair TEXT NOT NULL,
    operation TEXT NOT NULL,
    connection TEXT NOT NULL,
    external_id TEXT NOT NULL,
    native_id TEXT,
    state TEXT NOT NULL,
    expected TEXT,
    detail TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
  );
  CREATE INDEX journal_open ON journal (pair, state);

  CREATE TABLE failures (
    pair TEXT NOT NULL,
    external_id TEXT NOT NULL,
    connection TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (pair, external_id)
  );
  `,
];
