/**
 * Reading the wait a vendor asks for. Octokit's throttling plugin and ky take the server's hint over
 * their own backoff; so do we. All functions are pure: the caller passes `now` from its Clock.
 */

/**
 * `Retry-After` as RFC 9110 defines it: delay-seconds (`120`) or an HTTP-date. Returns the
 * milliseconds to wait from `now`, or undefined for a missing or unreadable value.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP-date names its day and month (`Wed, 21 Oct 2015 07:28:00 GMT`); `-5` is not a date.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * An absolute reset time sent as epoch seconds (Billomat `X-Rate-Limit-Reset`, "UTC epoch seconds
 * at which the next window starts", VENDORS.md §3.4). A value that is clearly milliseconds is
 * accepted too. Returns epoch milliseconds, or undefined.
 */
export function parseResetEpoch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  // 10^11 seconds is the year 5138; anything above is a millisecond timestamp.
  return Math.round(number >= 1e11 ? number : number * 1000);
}

/** A non-negative integer header (`X-Rate-Limit-Remaining: 299`), or undefined. */
export function parseCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
