import { z } from 'zod';
import { CodecError, defineTransform, describeValue } from './types.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SQL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A date-time as vendors write it: `2020-05-15T14:31:37+02:00`, `2020-05-15 14:31:37`, `…Z`. */
const DATETIME_WITH_DATE = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Values vendors send for "no date": the MySQL zero date, .NET's `DateTime.MinValue`
 * (`0001-01-01T00:00:00+01:00` in a recorded Billomat answer, issue 17) and the Unix epoch as an
 * exact instant. One rule for every date and date-time field.
 */
export function isDateSentinel(text: string): boolean {
  return /^0000-00-00/.test(text) || /^0001-01-01/.test(text) || /^1970-01-01[T ]00:00:00(\.0+)?(Z|[+-]00:?00)?$/.test(text);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * `YYYY-MM-DD`. A sentinel (see isDateSentinel) means "not set"; a date-time where a date is
 * documented reads as its date, as written (a vendor's own zone).
 */
export const date = defineTransform({
  name: 'date',
  description: "'2021-01-01' ⇄ '2021-01-01', checked to be a real date; a date-time reads as its date; '0000-00-00', '0001-01-01…' and the epoch read as not set.",
  params: z.strictObject({}),
  direction: 'both',
  kinds: ['date'],
  lossless: () => true,
  create: () => ({
    decode(value) {
      const text = typeof value === 'string' ? value.trim() : '';
      if (isDateSentinel(text)) return undefined;
      const m = DATE.exec(DATETIME_WITH_DATE.exec(text)?.[1] ?? text);
      if (m === null || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
        throw new CodecError('a date YYYY-MM-DD', describeValue(value));
      }
      return m[0];
    },
    encode(value) {
      if (typeof value !== 'string' || !DATE.test(value)) throw new CodecError('a date YYYY-MM-DD', describeValue(value));
      return value;
    },
  }),
});

/** Minutes a zone is ahead of UTC at an instant (epoch ms). */
export type ZoneOffset = (utcMs: number) => number;

/**
 * The offset function of `timeZone`, holding one formatter: building an Intl.DateTimeFormat costs
 * far more than formatting with it, and a listing reads two timestamps per client (a 100,000-client
 * FactuurSturen listing spent most of its decode time constructing formatters).
 * Throws RangeError for an unknown zone.
 */
export function zoneOffsetOf(timeZone: string): ZoneOffset {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (utcMs) => {
    const parts = format.formatToParts(new Date(utcMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((local - Math.floor(utcMs / 1000) * 1000) / 60_000);
  };
}

const offsetFor = (zone: string | ZoneOffset): ZoneOffset => (typeof zone === 'string' ? zoneOffsetOf(zone) : zone);

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A wall-clock time in `timeZone` → ISO 8601 with that zone's offset at that moment. */
export function localToIso(local: string, timeZone: string | ZoneOffset): string {
  const offsetOf = offsetFor(timeZone);
  const m = SQL_DATETIME.exec(local);
  if (m === null) throw new CodecError('a date-time YYYY-MM-DD HH:MM:SS', describeValue(local));
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  let offset = offsetOf(asUtc);
  offset = offsetOf(asUtc - offset * 60_000);
  return `${y.toString().padStart(4, '0')}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${formatOffset(offset)}`;
}

/** ISO 8601 with offset → the wall-clock time in `timeZone`, `YYYY-MM-DD HH:MM:SS`. */
export function isoToLocal(iso: string, timeZone: string | ZoneOffset): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + offsetFor(timeZone)(ms) * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

/**
 * Timestamps, zone-aware. Billomat sends ISO 8601 with an offset (kept as sent); EenvoudigFactureren
 * sends wall-clock `2018-05-03 11:33:45` without a zone, read in the account's zone (`zone`).
 */
export const dateTime = defineTransform({
  name: 'dateTime',
  description:
    "'2018-05-03 11:33:45' (vendor wall clock in `zone`) or ISO 8601 with offset ⇄ ISO 8601 with offset; `format: local` writes wall-clock time.",
  params: z.strictObject({ zone: z.string().default('UTC'), format: z.enum(['iso', 'local']).default('iso') }),
  direction: 'both',
  kinds: ['datetime'],
  // A wall-clock vendor format keeps the instant but re-expresses the offset in the vendor's zone.
  lossless: ({ format }) => format === 'iso',
  create: ({ zone, format }) => {
    const offset = zoneOffsetOf(zone); // throws RangeError for an unknown zone
    return {
      decode(value) {
        const text = typeof value === 'string' ? value.trim() : '';
        if (isDateSentinel(text)) return undefined;
        if (ISO_WITH_ZONE.test(text) && !Number.isNaN(Date.parse(text))) return text;
        if (SQL_DATETIME.test(text)) return localToIso(text, offset);
        throw new CodecError('a date-time (ISO 8601 or YYYY-MM-DD HH:MM:SS)', describeValue(value));
      },
      encode(value) {
        if (typeof value !== 'string' || !ISO_WITH_ZONE.test(value)) throw new CodecError('an ISO 8601 date-time with offset', describeValue(value));
        return format === 'iso' ? value : isoToLocal(value, offset);
      },
    };
  },
});
