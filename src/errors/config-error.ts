import { SyncError, type SyncErrorOptions } from './sync-error.js';

/** One problem in a configuration or mapping file, located as precisely as we can. */
export interface ConfigIssue {
  /** The file, when there is one. */
  readonly file?: string | undefined;
  /** 1-based line in that file. */
  readonly line?: number | undefined;
  /** The key or field at fault, as a dotted path (`pairs.nightly.from`, `fields[3].canonical`). */
  readonly key: string;
  /** What was expected, in plain words. */
  readonly message: string;
}

/** Formats one issue as `file:line: key: message`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.file === undefined ? '' : `${issue.file}${issue.line === undefined ? '' : `:${issue.line}`}: `;
  return `${where}${issue.key}: ${issue.message}`;
}

function summarize(title: string, issues: readonly ConfigIssue[]): string {
  return [title, ...issues.map((issue) => `  - ${formatConfigIssue(issue)}`)].join('\n');
}

/** The configuration (file, environment, flags) cannot be used as it is. Stops the run before any call. */
export class ConfigError extends SyncError {
  readonly issues: readonly ConfigIssue[];
  /** `title` heads the list (default "Invalid configuration:"), e.g. for a usage error on the command line. */
  constructor(issues: readonly ConfigIssue[], options: SyncErrorOptions & { readonly title?: string } = {}) {
    const { title = 'Invalid configuration:', ...rest } = options;
    super('CONFIG_INVALID', 'config', summarize(title, issues), rest);
    this.issues = issues;
  }
}

/** A mapping file breaks a rule of the mapping grammar. Stops the run before any call. */
export class MappingError extends SyncError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[], options: SyncErrorOptions = {}) {
    super('MAPPING_INVALID', 'config', summarize('Invalid mapping:', issues), options);
    this.issues = issues;
  }
}
