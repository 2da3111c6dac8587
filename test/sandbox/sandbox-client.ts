import type { Credentials } from '../../src/vendors/types.js';
import type { VendorSimulator } from '../../src/sandbox/index.js';

/** The headers that authenticate as the simulator's account, the way each vendor expects them. */
export function authHeaders(credentials: Credentials): Record<string, string> {
  switch (credentials.kind) {
    case 'apiKey':
      return { 'X-API-Key': credentials.apiKey };
    case 'basic':
      return { Authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` };
    case 'billomat':
      return { 'X-BillomatApiKey': credentials.apiKey };
  }
}

export interface CallOptions {
  readonly body?: unknown;
  /** Raw body bytes or text, sent as is. */
  readonly raw?: string | Buffer;
  readonly contentType?: string;
  /** `json` (default) sends Accept: application/json; `none` sends no Accept header. */
  readonly accept?: 'json' | 'none' | 'xml';
  readonly headers?: Record<string, string>;
  readonly auth?: boolean;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a test names the shape it expects
  json<T = unknown>(): T;
}

/** One real HTTP request to a simulator over loopback. */
export async function call(simulator: VendorSimulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...(options.auth === false ? {} : authHeaders(simulator.credentials)), ...options.headers };
  if (options.accept !== 'none') headers.Accept = options.accept === 'xml' ? 'application/xml' : 'application/json';
  let body: string | Buffer | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${simulator.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- see CallResult.json
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}
