import type { LogFn, Logger } from '../logging/logger.js';
import type { Redactor } from './redact.js';

/**
 * Wraps a logger so that nothing a connector logs can carry a credential, even if a vendor echoes a
 * key back in an error message. Connectors only ever log through this wrapper.
 */
export function createRedactingLogger(logger: Logger, redactor: Redactor): Logger {
  const wrap = (log: LogFn): LogFn =>
    ((first: string | Record<string, unknown>, message?: string): void => {
      if (typeof first === 'string') {
        log(redactor.text(first));
        return;
      }
      const bindings = redactor.value(first);
      const safe = typeof bindings === 'object' && bindings !== null && !Array.isArray(bindings) ? { ...bindings } : {};
      if (message === undefined) log(safe);
      else log(safe, redactor.text(message));
    });
  return {
    debug: wrap(logger.debug.bind(logger)),
    info: wrap(logger.info.bind(logger)),
    warn: wrap(logger.warn.bind(logger)),
    error: wrap(logger.error.bind(logger)),
    child: (bindings) => {
      const safe = redactor.value(bindings);
      return createRedactingLogger(logger.child(typeof safe === 'object' && safe !== null && !Array.isArray(safe) ? { ...safe } : {}), redactor);
    },
  };
}
