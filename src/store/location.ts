/**
 * Where a state store lives: a SQLite file path, or a PostgreSQL URL (`postgres://` or
 * `postgresql://`). The URL may carry a password, so anything shown to a user goes through
 * {@link redactStoreLocation}.
 */

/** Whether `location` names a PostgreSQL server rather than a SQLite file. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/**
 * The location as it may be shown: a PostgreSQL URL without its password
 * (`postgres://user:***@host:5432/db`) and without query parameters, which may hold one too
 * (`?password=`, `sslkey=`). A SQLite path is returned as it is.
 */
export function redactStoreLocation(location: string): string {
  if (!isPostgresLocation(location)) return location;
  try {
    const url = new URL(location);
    if (url.password !== '') url.password = '***';
    url.search = url.search === '' ? '' : '?***';
    url.hash = '';
    return url.toString();
  } catch {
    return `${location.slice(0, location.indexOf('//') + 2)}***`;
  }
}

/** The secrets a PostgreSQL URL carries (its password, as given and decoded), for a log redactor. */
export function storeLocationSecrets(location: string): string[] {
  if (!isPostgresLocation(location)) return [];
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    // Not a URL that parses: the whole location is what must not be shown.
    return [location];
  }
  const secrets = [url.password, url.searchParams.get('password') ?? '', url.searchParams.get('sslpassword') ?? ''];
  try {
    secrets.push(decodeURIComponent(url.password));
  } catch {
    // A bare `%` in the password: it is redacted as given.
  }
  return [...new Set(secrets.filter((secret) => secret.length > 0))];
}
