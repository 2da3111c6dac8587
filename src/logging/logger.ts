/**
 * The logger the library accepts: the subset of pino's API it uses. The library logs nothing unless
 * given one; the CLI hands it a pino logger with credential redaction.
 */
export interface LogFn {
  (message: string): void;
  (bindings: Record<string, unknown>, message?: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

const noop = (): void => undefined;

/** Logs nothing. The default everywhere in the library. */
export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};
