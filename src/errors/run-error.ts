import { SyncError, type SyncErrorOptions } from './sync-error.js';

/** Another run holds the lock on this pair; names it so the user knows what to wait for. */
export class RunLockedError extends SyncError {
  constructor(message: string, options: SyncErrorOptions = {}) {
    super('RUN_LOCKED', 'config', message, options);
  }
}

/** The run stopped itself before doing something drastic (e.g. archiving too many records). */
export class SafetyStopError extends SyncError {
  constructor(message: string, options: SyncErrorOptions = {}) {
    super('SAFETY_STOP', 'config', message, options);
  }
}

/**
 * The state store (or the job queue beside it) kept answering "deadlock" or "could not serialize"
 * after the bounded retries: other processes were busy with the same rows or schema. Nothing is
 * wrong with the data; the same command a little later goes through. Names the operation.
 */
export class StateStoreBusyError extends SyncError {
  constructor(message: string, options: SyncErrorOptions = {}) {
    super('STATE_STORE_BUSY', 'transient', message, options);
  }
}

/**
 * The state store cannot be reached: its connection was lost mid-transaction or could not be
 * re-established, or its worker thread died. Nothing is lost (what was not committed was rolled back,
 * and the journal lets the next run finish what this one started); run again once it is reachable.
 */
export class StateStoreUnavailableError extends SyncError {
  constructor(message: string, options: SyncErrorOptions = {}) {
    super('STATE_STORE_UNAVAILABLE', 'transient', message, options);
  }
}
