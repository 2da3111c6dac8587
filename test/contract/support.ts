import { inspect } from 'node:util';
import nock from 'nock';
import { createManualClock, type ManualClock } from '../../src/clock.js';
import { isSyncError } from '../../src/errors/index.js';
import type { Logger } from '../../src/logging/logger.js';

/**
 * Shared pieces of the contract tests: a logger that keeps every line, a recorder of every request
 * nock sees, and a leak check that greps everything a connector logged or threw for credentials.
 */

/** Test credentials: distinctive, so a leak cannot hide. */
export const SECRETS = {
  efApiKey: 'ef-key-7f3a9c1d2e',
  efEmail: 'boekhouding@example.be',
  efPassword: 'Ef-Pa55word!Z',
  fsUser: 'bakkerij',
  fsApiKey: 'fs-apikey-41d2b8e6',
  bmApiKey: 'bm-apikey-9e8d7c6b',
  bmAppId: 'bm-app-id-1234',
  bmAppSecret: 'bm-app-secret-55aa77',
} as const;

/** Every form a secret could leak in: as is, URL-encoded, and inside a Basic header. */
export function leakForms(): string[] {
  const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');
  const raw = [SECRETS.efApiKey, SECRETS.efPassword, SECRETS.fsApiKey, SECRETS.bmApiKey, SECRETS.bmAppSecret];
  return [...raw, ...raw.map(encodeURIComponent), basic(SECRETS.efEmail, SECRETS.efPassword), basic(SECRETS.fsUser, SECRETS.fsApiKey)];
}

export interface LeakWatch {
  /** Give this to connectors: it keeps every line at every level. */
  readonly logger: Logger;
  readonly lines: string[];
  /** Awaits a promise that must reject; keeps the error's every form for the leak check and returns it. */
  rejection(promise: Promise<unknown>): Promise<unknown>;
  /** Keeps any value (a check message, a result) for the leak check. */
  keep(value: unknown): void;
  /** Every secret form found anywhere in what was kept. */
  leaks(): string[];
}

export function createLeakWatch(): LeakWatch {
  const lines: string[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const at =
      (level: string) =>
      (first: string | Record<string, unknown>, message?: string): void => {
        lines.push(JSON.stringify({ level, bindings, first, message }));
      };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => make({ ...bindings, ...more }) };
  };
  const keep = (value: unknown): void => {
    lines.push(inspect(value, { depth: 8, showHidden: false }));
    if (value instanceof Error) lines.push(value.message, String(value.stack), JSON.stringify(value));
    if (isSyncError(value)) lines.push(JSON.stringify(value.toJSON()));
  };
  return {
    logger: make({}),
    lines,
    async rejection(promise) {
      try {
        await promise;
      } catch (error) {
        keep(error);
        return error;
      }
      throw new Error('expected the promise to reject');
    },
    keep,
    leaks: () => leakForms().filter((form) => lines.some((line) => line.includes(form))),
  };
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  /** The raw query string, in the order sent (`skip=0&take=100`). */
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Clock time when nock saw the request (for rate-limit tests). */
  readonly at: number;
}

/** Records every request a scope answers, in order. */
export function recordRequests(scope: nock.Scope, clock?: ManualClock): SeenRequest[] {
  const seen: SeenRequest[] = [];
  scope.on('request', (request: { method: string; path: string; headers: Record<string, unknown> }, _interceptor: unknown, body: string) => {
    const [path = '', query = ''] = request.path.split('?');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = String(value);
    let parsed: unknown = undefined;
    if (body !== '') {
      try {
        parsed = JSON.parse(body) as unknown;
      } catch {
        parsed = body;
      }
    }
    seen.push({ method: request.method, path, query, headers, body: parsed, at: clock?.now() ?? 0 });
  });
  return seen;
}

/** An Error with a network code, the way nock 14 needs it (a plain object hangs the request). */
export function networkError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

export { createManualClock, type ManualClock };

/** Backoff jitter pinned to its upper bound, so waits are exact in assertions. */
export const noJitter = (): number => 0.999_999;
