export type { StateStore, Link, Snapshot, JournalEntry, JournalOperation, JournalState, RunRecord, Failure } from './types.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
