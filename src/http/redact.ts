/**
 * Credential redaction, shared by errors and logs. Every place a URL, a header set or a free text
 * that may carry a credential leaves the process goes through here.
 */

export const REDACTED = '[REDACTED]';

/** Header names (lower case) that carry credentials for one of the three vendors. */
export const SECRET_HEADERS: readonly string[] = [
  'authorization',
  'x-api-key', // EenvoudigFactureren
  'x-billomatapikey', // Billomat
  'x-appsecret', // Billomat registered app
  'x-appid',
  'cookie',
  'set-cookie',
  'proxy-authorization',
];

/** Query parameters that carry credentials (`?api_key=` is Billomat's alternative to the header). */
export const SECRET_QUERY_PARAMS: readonly string[] = ['api_key', 'apikey', 'password', 'token', 'secret'];

/** Removes user info and secret query parameters from a URL; leaves anything unparsable alone but scrubbed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') {
      parsed.username = REDACTED;
      parsed.password = '';
    }
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_QUERY_PARAMS.includes(name.toLowerCase())) parsed.searchParams.set(name, REDACTED);
    }
    return parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
  } catch {
    return url.replace(/([?&](?:api_key|apikey|password|token|secret)=)[^&#\s]*/gi, `$1${REDACTED}`);
  }
}

/** Returns a copy of a header map with credential headers replaced. */
export function redactHeaders(headers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.includes(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

/**
 * Replaces every occurrence of the given secrets (and their base64 Basic-auth forms) in a text.
 * Used on vendor messages and error texts before they reach a log, a report or the state store.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out.replace(/(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{8,}/g, `$1 ${REDACTED}`);
}

/** Scrubs one connection's credentials from texts, URLs and log bindings. */
export interface Redactor {
  text(value: string): string;
  url(value: string): string;
  /** Strings anywhere inside plain objects and arrays (log bindings). */
  value(value: unknown): unknown;
}

/**
 * The secrets of one connection, in every form they can take on the wire: as given, URL-encoded,
 * and (for Basic auth) the base64 of `user:password`.
 */
export function secretForms(secrets: readonly string[], basic?: { readonly username: string; readonly password: string }): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
  }
  if (basic !== undefined) forms.add(Buffer.from(`${basic.username}:${basic.password}`).toString('base64'));
  // Longest first, so a secret that contains another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const text = (value: string): string => redactSecrets(value, secrets);
  const value = (input: unknown, depth = 0): unknown => {
    if (typeof input === 'string') return text(input);
    if (depth > 6 || typeof input !== 'object' || input === null) return input;
    if (Array.isArray(input)) return input.map((item) => value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) {
      out[key] = SECRET_HEADERS.includes(key.toLowerCase()) ? REDACTED : value(item, depth + 1);
    }
    return out;
  };
  return { text, url: (url) => text(redactUrl(url)), value: (input) => value(input) };
}
