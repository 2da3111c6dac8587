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
