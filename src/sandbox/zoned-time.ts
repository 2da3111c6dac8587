/**
 * Vendor timestamps in the vendor's own zone: EF `last_activity` is `2018-05-03 11:33:45` without a
 * zone (seed 001), Billomat `created` is ISO with an offset (`2020-05-15T14:31:37+02:00`, VENDORS.md
 * §3.2), FactuurSturen dates are `YYYY-MM-DD` (VENDORS.md §2.2). Formatters are cached: seeding
 * 100,000 clients formats 200,000 timestamps.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

interface WallTime {
  readonly date: string;
  readonly time: string;
  /** Offset from UTC in minutes. */
  readonly offset: number;
}

function wallTime(ms: number, timeZone: string): WallTime {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(ms)) parts[part.type] = part.value;
  const [y, mo, d, h, mi, s] = [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map((v) => v ?? '00');
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  return { date: `${y ?? ''}-${mo ?? ''}-${d ?? ''}`, time: `${h ?? ''}:${mi ?? ''}:${s ?? ''}`, offset };
}

/** `2018-05-03 11:33:45`, local time in `timeZone`, no zone designator. */
export function formatLocalDateTime(ms: number, timeZone: string): string {
  const wall = wallTime(ms, timeZone);
  return `${wall.date} ${wall.time}`;
}

/** `2018-05-03`, the local date in `timeZone`. */
export function formatLocalDate(ms: number, timeZone: string): string {
  return wallTime(ms, timeZone).date;
}

/** `2020-05-15T14:31:37+02:00`, local time in `timeZone` with its offset. */
export function formatIsoWithOffset(ms: number, timeZone: string): string {
  const wall = wallTime(ms, timeZone);
  const sign = wall.offset < 0 ? '-' : '+';
  const minutes = Math.abs(wall.offset);
  const offset = `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${wall.date}T${wall.time}${offset}`;
}
