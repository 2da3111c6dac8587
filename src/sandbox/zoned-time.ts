/**
 * Vendor timestamps in the vendors' own zone. Brussels, Amsterdam and Berlin all keep Central
 * European Time with the EU summer-time rule (from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October), so one computation serves the three; it is exact since 1996
 * and an order of magnitude faster than Intl, which matters when seeding 100,000 clients.
 * Formats: EF `last_activity` `2018-05-03 11:33:45` without a zone (seed 001), Billomat ISO with
 * an offset `2020-05-15T14:31:37+02:00` (VENDORS.md §3.2), FactuurSturen dates `YYYY-MM-DD`.
 */

const HOUR = 3_600_000;

/** The UTC instant of 01:00 UTC on the last Sunday of `month` (0-based) in `year`. */
function lastSundayOneAm(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Offset of Central European (Summer) Time from UTC at `ms`, in hours. */
export function centralEuropeanOffset(ms: number): 1 | 2 {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayOneAm(year, 2) && ms < lastSundayOneAm(year, 9) ? 2 : 1;
}

const pad = (n: number): string => (n < 10 ? `0${String(n)}` : String(n));

function wall(ms: number): { date: string; time: string; offset: 1 | 2 } {
  const offset = centralEuropeanOffset(ms);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset * HOUR);
  return {
    date: `${String(local.getUTCFullYear())}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    offset,
  };
}

/** `2018-05-03 11:33:45`, Central European local time, no zone designator. */
export function formatLocalDateTime(ms: number): string {
  const { date, time } = wall(ms);
  return `${date} ${time}`;
}

/** `2018-05-03`, the Central European local date. */
export function formatLocalDate(ms: number): string {
  return wall(ms).date;
}

/** `2020-05-15T14:31:37+02:00`, Central European local time with its offset. */
export function formatIsoWithOffset(ms: number): string {
  const { date, time, offset } = wall(ms);
  return `${date}T${time}+0${String(offset)}:00`;
}
