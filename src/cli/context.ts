/** What commands need from the outside world; tests give their own. */
export interface CliContext {
  /** Writes a line to standard output (results, --json). */
  out(text: string): void;
  /** Writes a line to standard error (progress, messages). */
  err(text: string): void;
  /** Writes to standard error as is, without a newline (the progress bar redraws its line). */
  errRaw(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Standard error is a terminal: progress bars and pretty logs instead of plain lines. */
  readonly isTTY: boolean;
  /** Terminal width, when known. */
  readonly columns?: number | undefined;
  /**
   * Aborted when the user or the system asks the process to stop (SIGINT, SIGTERM), with a
   * StopRequest as the reason: runs finish the write in flight, journal the rest, and return.
   */
  readonly signal: AbortSignal;
  /** The exit code to end with, for commands that finish without throwing (failures, drift). */
  setExitCode(code: number): void;
}
