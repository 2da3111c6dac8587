import { SyncError, type SyncErrorOptions } from './sync-error.js';

/** One value a record cannot have: which record, which field, which rule, and what was found. */
export interface RecordIssue {
  /** The record, as `<vendor>:<native id>` or its external id; never its name. */
  readonly record: string;
  /** The field: the canonical path, and the vendor path when one is involved. */
  readonly field: string;
  /** The rule the value breaks (`maxLength 75`, `allowed values nl|fr|en|de`, `ISO 3166-1 alpha-2`). */
  readonly rule: string;
  /** What was found, described without personal data (a length, a type, an enum value, a code). */
  readonly actual: string;
}

export function formatRecordIssue(issue: RecordIssue): string {
  return `${issue.record} ${issue.field}: ${issue.rule} (found ${issue.actual})`;
}

/**
 * A record cannot be read or written as it is. The run goes on with the other records; this one is
 * reported and retried on the next run.
 */
export class RecordError extends SyncError {
  readonly issues: readonly RecordIssue[];
  constructor(issues: readonly RecordIssue[], options: SyncErrorOptions = {}) {
    super('RECORD_INVALID', 'permanent', issues.map(formatRecordIssue).join('; '), options);
    this.issues = issues;
  }
}

/** The same external id on several records of one account, or another identity clash. */
export class ReconcileConflictError extends SyncError {
  constructor(message: string, options: SyncErrorOptions = {}) {
    super('RECONCILE_CONFLICT', 'permanent', message, options);
  }
}
