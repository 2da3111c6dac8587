/**
 * The state store's schema, as ONE ordered list of migrations with each dialect's SQL side by side,
 * so the SQLite and PostgreSQL schemas cannot drift: a change is a new entry with both texts.
 * SQLite records how many have run in `PRAGMA user_version`, PostgreSQL in the one-row table
 * `client_sync_schema`; a store written by a newer client-sync is refused rather than misread.
 *
 * Differences between the dialects, on purpose: PostgreSQL keeps epoch milliseconds in BIGINT
 * (INTEGER is 32-bit there), `marker_written` as BOOLEAN, and the journal id as an identity column.
 * Record JSON stays TEXT in both, so a snapshot reads back byte for byte as it was written. `runs.seq`
 * stands in for SQLite's implicit rowid: it orders runs begun in the same millisecond.
 */
export interface Migration {
  readonly sqlite: string;
  readonly postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  // 1: the first schema.
  {
    sqlite: `
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
    postgres: `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    pair TEXT NOT NULL,
    command TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    heartbeat_at BIGINT NOT NULL,
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
    marker_written BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (connection, external_id)
  );
  CREATE UNIQUE INDEX links_by_native ON links (connection, native_id);

  CREATE TABLE snapshots (
    pair TEXT NOT NULL,
    connection TEXT NOT NULL,
    external_id TEXT NOT NULL,
    record TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    synced_at BIGINT NOT NULL,
    PRIMARY KEY (pair, connection, external_id)
  );

  CREATE TABLE journal (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id TEXT NOT NULL,
    pair TEXT NOT NULL,
    operation TEXT NOT NULL,
    connection TEXT NOT NULL,
    external_id TEXT NOT NULL,
    native_id TEXT,
    state TEXT NOT NULL,
    expected TEXT,
    detail TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
  );
  CREATE INDEX journal_open ON journal (pair, state);

  CREATE TABLE failures (
    pair TEXT NOT NULL,
    external_id TEXT NOT NULL,
    connection TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    first_at BIGINT NOT NULL,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (pair, external_id)
  );
  `,
  },
  // 2: a run prunes its own pair's old journal entries; this index finds them without a scan.
  {
    sqlite: 'CREATE INDEX journal_by_age ON journal (pair, created_at)',
    postgres: 'CREATE INDEX journal_by_age ON journal (pair, created_at)',
  },
  // 3: a create keeps, while its outcome is open, the links and snapshots it leaves once done, so a
  // create found again after a crash settles without a follow-up update.
  {
    sqlite: 'ALTER TABLE journal ADD COLUMN leaves TEXT',
    postgres: 'ALTER TABLE journal ADD COLUMN leaves TEXT',
  },
  // 4: what `client-sync undo` needs to take a write back (the values it replaced, the links and
  // snapshots before it), as JSON. Self-contained, so it can take whichever number is free.
  {
    sqlite: 'ALTER TABLE journal ADD COLUMN undo TEXT',
    postgres: 'ALTER TABLE journal ADD COLUMN undo TEXT',
  },
  // 5: open items: what a person must settle, with the decision and who took it. Self-contained (no
  // reference to another migration's columns), so it can take any place at the end of the list.
  {
    sqlite: `
  CREATE TABLE open_items (
    id TEXT PRIMARY KEY,
    pair TEXT NOT NULL,
    kind TEXT NOT NULL,
    external_id TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    detail TEXT NOT NULL,
    decision TEXT,
    decided_by TEXT,
    decided_at INTEGER,
    applied_run TEXT,
    opened_run TEXT,
    opened_at INTEGER NOT NULL,
    closed_at INTEGER,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX open_items_by_pair ON open_items (pair, state);
  `,
    postgres: `
  CREATE TABLE open_items (
    id TEXT PRIMARY KEY,
    pair TEXT NOT NULL,
    kind TEXT NOT NULL,
    external_id TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    detail TEXT NOT NULL,
    decision TEXT,
    decided_by TEXT,
    decided_at BIGINT,
    applied_run TEXT,
    opened_run TEXT,
    opened_at BIGINT NOT NULL,
    closed_at BIGINT,
    updated_at BIGINT NOT NULL
  );
  CREATE INDEX open_items_by_pair ON open_items (pair, state);
  `,
  },
];
