/*
 * What the PostgreSQL state store (main thread) and its worker thread say to each other.
 */

/** One statement and its parameters. */
export interface Statement {
  readonly sql: string;
  readonly params?: readonly unknown[];
}

/** What the main thread asks of the worker. */
export type WorkerRequest =
  | { readonly kind: 'open'; readonly url: string; readonly applicationName: string; readonly lockTimeoutMs: number }
  | { readonly kind: 'run'; readonly handle: number; readonly statements: readonly Statement[] }
  | { readonly kind: 'reconnect'; readonly handle: number }
  | { readonly kind: 'close'; readonly handle: number };

/** Rows of each statement, in order (for `open`: the handle in `handle`). */
export interface WorkerAnswer {
  readonly handle?: number;
  readonly results?: Record<string, unknown>[][];
}

/** The code of the error a request gets when its connection was lost: the main thread reconnects. */
export const CONNECTION_LOST = 'CLIENT_SYNC_CONNECTION_LOST';
