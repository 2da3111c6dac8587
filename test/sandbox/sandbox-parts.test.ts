import { describe, expect, it } from 'vitest';
import { createScaledClock } from '../../src/sandbox/index.js';
import { parseForm } from '../../src/sandbox/body-parser.js';
import { createRouter } from '../../src/sandbox/router.js';
import { emptyReply } from '../../src/sandbox/reply.js';
import { fromXmlTree, parseXmlDocument, toXmlDocument, toXmlTree } from '../../src/sandbox/xml-codec.js';
import { centralEuropeanOffset, formatIsoWithOffset, formatLocalDateTime } from '../../src/sandbox/zoned-time.js';

describe('scaled clock', () => {
  it('runs vendor time faster by the scale and sleeps the scaled-down real time', async () => {
    const clock = createScaledClock(90_000, Date.UTC(2026, 0, 5, 9, 0, 0));
    const before = clock.now();
    await clock.sleep(15 * 60_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(15 * 60_000);
  });

  it('rejects a sleep whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(createScaledClock(10).sleep(1000, controller.signal)).rejects.toThrow('stop');
  });

  it('refuses a scale that is not positive', () => {
    expect(() => createScaledClock(0)).toThrow(RangeError);
  });
});

describe('vendor time', () => {
  it('agrees with Intl for Brussels, Amsterdam and Berlin, at and around every summer-time change', () => {
    const formats = ['Europe/Brussels', 'Europe/Amsterdam', 'Europe/Berlin'].map(
      (timeZone) => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' }),
    );
    const instants: number[] = [];
    for (let ms = Date.UTC(2016, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 29 * 3_600_000 + 13 * 60_000) instants.push(ms);
    for (let year = 2016; year <= 2026; year++) {
      for (const month of [2, 9]) {
        const last = new Date(Date.UTC(year, month + 1, 0));
        const change = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
        instants.push(change - 1000, change, change + 1000);
      }
    }
    for (const ms of instants) {
      for (const format of formats) {
        const name = format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value;
        expect(`GMT+${String(centralEuropeanOffset(ms))}`, new Date(ms).toISOString()).toBe(name);
      }
    }
  });

  it('formats EF local time without a zone and Billomat time with its offset', () => {
    const summer = Date.UTC(2020, 4, 15, 12, 31, 37);
    expect(formatLocalDateTime(summer)).toBe('2020-05-15 14:31:37');
    expect(formatIsoWithOffset(summer)).toBe('2020-05-15T14:31:37+02:00');
    expect(formatIsoWithOffset(Date.UTC(2020, 0, 15, 12, 0, 0))).toBe('2020-01-15T13:00:00+01:00');
  });
});

describe('XML codec', () => {
  it('writes @-keys as attributes and escapes text', () => {
    expect(toXmlDocument({ clients: { client: [{ name: 'A & B <GmbH>' }, { name: 'C' }], '@page': '1' } })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<clients page="1"><client><name>A &amp; B &lt;GmbH&gt;</name></client><client><name>C</name></client></clients>',
    );
  });

  it('round-trips list fields through item elements', () => {
    const items = { contacts: 'contact' };
    const record = { name: 'X', contacts: [{ contact_name: 'Jan' }] };
    const xml = toXmlDocument({ client: toXmlTree(record, items) });
    expect(fromXmlTree(parseXmlDocument(xml).client, items)).toEqual(record);
  });

  it('keeps digits with leading zeros as text', () => {
    expect(parseXmlDocument('<client><phone>0470123456</phone></client>')).toEqual({ client: { phone: '0470123456' } });
  });
});

describe('form bodies and routes', () => {
  it('reads nested form keys and numbered lists', () => {
    expect(parseForm('reference%5Bline1%5D=a&lines%5B1%5D%5Bamount%5D=2&lines%5B0%5D%5Bamount%5D=1')).toEqual({
      reference: { line1: 'a' },
      lines: [{ amount: '1' }, { amount: '2' }],
    });
  });

  it('matches the first route registered, so a fixed segment wins over a parameter', () => {
    const router = createRouter()
      .add('GET', '/clients/myself', () => emptyReply(204))
      .add('GET', '/clients/:id', () => emptyReply(200));
    const myself = router.match('GET', '/clients/myself');
    const other = router.match('GET', '/clients/12/');
    expect(myself.kind === 'found' && myself.params).toEqual({});
    expect(other.kind === 'found' && other.params).toEqual({ id: '12' });
    expect(router.match('DELETE', '/clients/12')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
  });
});
