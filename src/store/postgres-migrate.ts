import { ConfigError } from '../errors/index.js';
import { MIGRATIONS } from './migrations.js';

/** Advisory-lock namespace of schema migrations: "cs" + 2 (runs use + 1). */
const MIGRATION_LOCK_CLASS = 0x6373_0002;

type Query = <Row>(sql: string, params?: readonly unknown[]) => Row[];

/**
 * Brings a PostgreSQL state store to this client-sync's schema. The version is kept in the one-row
 * table `client_sync_schema`; a store written by a newer client-sync is refused, as SQLite's
 * `user_version` is. Migrations run under an advisory lock, so two workers starting together on an
 * empty database do not both create the tables: the second waits, then finds them made.
 */
export function migratePostgres(query: Query, where: string): void {
  query('SELECT pg_advisory_lock($1, 0)', [MIGRATION_LOCK_CLASS]);
  try {
    query('CREATE TABLE IF NOT EXISTS client_sync_schema (singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton), version INTEGER NOT NULL)');
    query('INSERT INTO client_sync_schema (version) VALUES (0) ON CONFLICT (singleton) DO NOTHING');
    const [row] = query<{ version: number }>('SELECT version FROM client_sync_schema');
    const version = row?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new ConfigError([{ file: where, key: 'state', message: `this state store was written by a newer client-sync (schema ${version}, this one knows ${MIGRATIONS.length})` }]);
    }
    for (let i = version; i < MIGRATIONS.length; i++) {
      query('BEGIN');
      try {
        query(MIGRATIONS[i]?.postgres ?? '');
        query('UPDATE client_sync_schema SET version = $1', [i + 1]);
        query('COMMIT');
      } catch (error) {
        query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    query('SELECT pg_advisory_unlock($1, 0)', [MIGRATION_LOCK_CLASS]);
  }
}
