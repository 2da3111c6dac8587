import type { Logger } from '../../src/logging/logger.js';

/** Warnings and failed calls of a run, counted by what they say. */
export interface LoggedEvent {
  readonly level: 'debug' | 'warn' | 'error';
  readonly message: string;
  readonly count: number;
  /** The bindings of the first occurrence (ids and codes only: the library redacts). */
  readonly first: Record<string, unknown>;
}

/**
 * A logger that keeps what a reader of the benchmark needs to explain a number: every warning and
 * error, and the connectors' failed calls (logged at debug level), counted by message and code.
 */
export function createCollectingLogger(): { logger: Logger; events: () => LoggedEvent[] } {
  const seen = new Map<string, { level: LoggedEvent['level']; message: string; count: number; first: Record<string, unknown> }>();
  const make = (bindings: Record<string, unknown>): Logger => {
    const log = (level: LoggedEvent['level']) => (first: string | Record<string, unknown>, second?: string): void => {
      const fields = typeof first === 'string' ? {} : first;
      const message = typeof first === 'string' ? first : (second ?? '');
      if (level === 'debug' && !message.startsWith('vendor call failed')) return;
      const code = typeof fields.code === 'string' ? fields.code : '';
      const connection = typeof bindings.connection === 'string' ? bindings.connection : '';
      const key = `${level}|${message}|${code}|${connection}`;
      const entry = seen.get(key);
      if (entry === undefined) seen.set(key, { level, message, count: 1, first: { ...bindings, ...fields } });
      else entry.count += 1;
    };
    return { debug: log('debug'), info: () => undefined, warn: log('warn'), error: log('error'), child: (more) => make({ ...bindings, ...more }) };
  };
  return { logger: make({}), events: () => [...seen.values()] };
}
