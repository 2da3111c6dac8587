import { parseDuration } from '../config/duration.js';
import { ConfigError } from '../errors/index.js';
import { isPostgresLocation } from '../store/index.js';
import type { Session } from './session.js';

/*
 * What `worker` and `schedule` share: the PostgreSQL database that holds both the state store and the
 * job queue, and the parsing of their numeric flags.
 */

/**
 * The PostgreSQL URL the job queue and the state store live in: the session's state (`--store`, else
 * the config's `state`). Workers on several machines share one store, so a SQLite file will not do;
 * the message says how to move to PostgreSQL. A URL is never echoed (it may carry a password).
 */
export function jobQueueLocation(session: Session, storeFlag: string | undefined): string {
  const location = session.config.statePath;
  if (isPostgresLocation(location)) return location;
  const move = 'workers share their state and job queue through PostgreSQL: give --store postgres://user@host/db, or set `state: ${CLIENT_SYNC_STATE}` in the config with CLIENT_SYNC_STATE=postgres://…';
  throw new ConfigError([
    storeFlag === undefined
      ? { file: session.config.file, key: 'state', message: `is the SQLite file ${location}; ${move}` }
      : { key: '--store', message: `is not a postgres:// or postgresql:// URL; ${move}` },
  ]);
}

/** A whole number of at least 1 from a flag. */
export function positiveIntFlag(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError([{ key: flag, message: `expected a whole number above 0, got "${text}"` }]);
  return value;
}

/** A duration flag (`30s`, `15m`, `4h`) in whole seconds, at least one. */
export function secondsFlag(text: string, flag: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < 1000) throw new ConfigError([{ key: flag, message: `expected a duration of a second or more such as 30s, 15m or 4h, got "${text}"` }]);
  return Math.round(ms / 1000);
}
