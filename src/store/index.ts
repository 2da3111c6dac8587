export type { StateStore, Link, Snapshot, JournalEntry, JournalOperation, JournalState, RunRecord, Failure, OpenItem, ItemKind, ItemState } from './types.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { openStateStore, type OpenStateStoreOptions } from './open-state-store.js';
export { isPostgresLocation, redactStoreLocation } from './location.js';
