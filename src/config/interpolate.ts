import type { ConfigIssue } from '../errors/index.js';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Collects the problems of one config load while values are resolved. */
export interface Interpolator {
  /**
   * Replaces every `${VAR}` in a value with the variable's value. A variable that is not set (or set
   * empty) is an issue naming the key and the variable; the value then resolves to undefined.
   */
  resolve(value: string, key: string, line: number | undefined): string | undefined;
  readonly issues: readonly ConfigIssue[];
}

/** An interpolator over the given environment (the CLI hands in its context's environment). */
export function createInterpolator(env: Readonly<Record<string, string | undefined>>, file: string | undefined): Interpolator {
  const issues: ConfigIssue[] = [];
  return {
    issues,
    resolve(value, key, line) {
      const before = issues.length;
      const resolved = value.replace(REFERENCE, (_, name: string) => {
        const found = env[name];
        if (found === undefined || found === '') {
          issues.push({ file, line, key, message: `environment variable ${name} is ${found === undefined ? 'not set' : 'empty'}` });
          return '';
        }
        return found;
      });
      return issues.length > before ? undefined : resolved;
    },
  };
}
