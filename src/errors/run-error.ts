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
