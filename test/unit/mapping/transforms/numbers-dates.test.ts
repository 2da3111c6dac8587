import { describe, expect, it } from 'vitest';
import { isoToLocal, localToIso } from '../../../../src/mapping/transforms/dates.js';
import { CodecError } from '../../../../src/mapping/transforms/types.js';
import { codecOf } from '../../../helpers/codec.js';

describe('numberString', () => {
  it('decodes stringly typed numbers and JSON numbers alike', () => {
    const codec = codecOf('numberString');
    expect(codec.decodeValue('14')).toBe(14);
    expect(codec.decodeValue(14)).toBe(14);
    expect(codec.decodeValue('5.30')).toBe(5.3);
    expect(codec.decodeValue('-2')).toBe(-2);
  });
  it('encodes JSON numbers by default and strings on request', () => {
    expect(codecOf('numberString').encode(5.3)).toBe(5.3);
    expect(codecOf('numberString', { as: 'string' }).encode(30)).toBe('30');
  });
  it('round-trips', () => {
    const codec = codecOf('numberString');
    for (const n of [0, 1, 14, 5.3, -2, 99.99]) expect(codec.decodeValue(codec.encode(n))).toBe(n);
  });
  it('refuses text, fractions for whole numbers, and non-finite values', () => {
    expect(() => codecOf('numberString').decodeValue('12abc')).toThrow(/a number/);
    expect(() => codecOf('numberString', { integer: true }).decodeValue('1.5')).toThrow(/a whole number/);
    expect(() => codecOf('numberString').decodeValue('1,5')).toThrow(CodecError);
    expect(() => codecOf('numberString').encode(Number.NaN)).toThrow(CodecError);
    expect(() => codecOf('numberString', { integer: true }).encode(2.5)).toThrow(CodecError);
  });
});

describe('date', () => {
  const codec = codecOf('date');
  it('decodes YYYY-MM-DD and reads the zero date as not set', () => {
    expect(codec.decodeValue('2021-01-01')).toBe('2021-01-01');
    expect(codec.decodeValue('0000-00-00')).toBeUndefined();
  });
  it('reads every known "no date" sentinel as not set (MySQL zero date, .NET MinValue, the epoch instant)', () => {
    for (const sentinel of ['0000-00-00', '0000-00-00 00:00:00', '0001-01-01', '0001-01-01T00:00:00+01:00', '0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '1970-01-01T00:00:00+00:00', '1970-01-01 00:00:00']) {
      expect(codec.decodeValue(sentinel), sentinel).toBeUndefined();
    }
  });
  it('reads a date-time where a date is documented as its date, as written', () => {
    expect(codec.decodeValue('2019-03-14T00:00:00+01:00')).toBe('2019-03-14');
    expect(codec.decodeValue('2019-03-14 10:11:12')).toBe('2019-03-14');
    expect(codec.decodeValue('2019-03-14T23:30:00Z')).toBe('2019-03-14');
    expect(() => codec.decodeValue('2019-02-30T00:00:00Z')).toThrow(/a date YYYY-MM-DD/);
  });
  it('round-trips', () => {
    expect(codec.decodeValue(codec.encode('2013-12-10'))).toBe('2013-12-10');
  });
  it('refuses impossible dates and other formats', () => {
    expect(() => codec.decodeValue('2021-02-30')).toThrow(/a date YYYY-MM-DD/);
    expect(() => codec.decodeValue('10-12-2013')).toThrow(CodecError);
    expect(() => codec.encode('yesterday')).toThrow(CodecError);
  });
});

describe('dateTime', () => {
  it('reads EenvoudigFactureren wall-clock times in Europe/Brussels, summer and winter', () => {
    const codec = codecOf('dateTime', { zone: 'Europe/Brussels', format: 'local' });
    expect(codec.decodeValue('2018-05-03 11:33:45')).toBe('2018-05-03T11:33:45+02:00');
    expect(codec.decodeValue('2017-01-11 14:42:40')).toBe('2017-01-11T14:42:40+01:00');
  });
  it('writes wall-clock time back in the vendor zone, so the round trip is exact for values it produced', () => {
    const codec = codecOf('dateTime', { zone: 'Europe/Brussels', format: 'local' });
    expect(codec.encode('2018-05-03T11:33:45+02:00')).toBe('2018-05-03 11:33:45');
    expect(codec.encode('2018-05-03T09:33:45Z')).toBe('2018-05-03 11:33:45');
    expect(codec.decodeValue(codec.encode('2018-05-03T11:33:45+02:00'))).toBe('2018-05-03T11:33:45+02:00');
  });
  it('reads the same sentinels as not set', () => {
    const codec = codecOf('dateTime');
    for (const sentinel of ['0000-00-00 00:00:00', '0001-01-01T00:00:00+01:00', '1970-01-01T00:00:00Z']) expect(codec.decodeValue(sentinel), sentinel).toBeUndefined();
    expect(codec.decodeValue('1970-01-01T00:00:01Z')).toBe('1970-01-01T00:00:01Z');
  });
  it('keeps Billomat ISO timestamps with their offset as sent', () => {
    const codec = codecOf('dateTime');
    expect(codec.decodeValue('2020-05-15T14:31:37+02:00')).toBe('2020-05-15T14:31:37+02:00');
    expect(codec.decodeValue(codec.encode('2007-12-13T12:12:00+01:00'))).toBe('2007-12-13T12:12:00+01:00');
  });
  it('refuses a time without date or zone information it can place', () => {
    expect(() => codecOf('dateTime').decodeValue('11:33')).toThrow(CodecError);
    expect(() => codecOf('dateTime').encode('2018-05-03 11:33:45')).toThrow(/ISO 8601/);
  });
  it('refuses an unknown time zone when the mapping is compiled', () => {
    expect(() => codecOf('dateTime', { zone: 'Mars/Olympus' })).toThrow(RangeError);
  });
  it('converts across a daylight-saving change', () => {
    expect(localToIso('2024-03-31 03:30:00', 'Europe/Brussels')).toBe('2024-03-31T03:30:00+02:00');
    expect(isoToLocal('2024-10-27T00:30:00Z', 'Europe/Amsterdam')).toBe('2024-10-27 02:30:00');
  });
});
