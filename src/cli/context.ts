/** What commands need from the outside world; tests give their own. */
export interface CliContext {
  /** Writes a line to standard output (results, --json). */
  out(text: string): void;
  /** Writes a line to standard error (progress, messages). */
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly isTTY: boolean;
}
