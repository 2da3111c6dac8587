import type { Logger } from '../../src/logging/logger.js';

/** A logger that keeps every line as the JSON pino would write (bindings and message), at debug level. */
export interface CapturingLogger extends Logger {
  readonly lines: string[];
}

export function createCapturingLogger(lines: string[] = [], bindings: Record<string, unknown> = {}): CapturingLogger {
  const at =
    (level: string) =>
    (first: string | Record<string, unknown>, message?: string): void => {
      lines.push(JSON.stringify(typeof first === 'string' ? { level, ...bindings, msg: first } : { level, ...bindings, ...first, msg: message }));
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => createCapturingLogger(lines, { ...bindings, ...more }) };
}

