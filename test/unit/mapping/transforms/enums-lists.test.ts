import { describe, expect, it } from 'vitest';
import { enumMapProblems } from '../../../../src/mapping/transforms/enums.js';
import { toArray } from '../../../../src/mapping/transforms/lists.js';
import { CodecError } from '../../../../src/mapping/transforms/types.js';
import { codecOf } from '../../../helpers/codec.js';

const sequence = {
  values: [
    { vendor: 'OOFF', canonical: 'oneOff' },
    { vendor: 'FRST', canonical: 'first' },
    { vendor: 'RCUR', canonical: 'recurring' },
  ],
};

describe('enumMap', () => {
  it('maps vendor values to canonical ones, trimming the vendor value (seed writes "OOFF ")', () => {
    const codec = codecOf('enumMap', sequence);
    expect(codec.decodeValue('OOFF ')).toBe('oneOff');
    expect(codec.decodeValue('RCUR')).toBe('recurring');
    expect(codec.encode('first')).toBe('FRST');
  });
  it('round-trips every entry', () => {
    const codec = codecOf('enumMap', sequence);
    for (const c of ['oneOff', 'first', 'recurring']) expect(codec.decodeValue(codec.encode(c))).toBe(c);
  });
  it('reads the "empty" vendor value as not set and writes it for "not set"', () => {
    const codec = codecOf('enumMap', { empty: 'SETTINGS', values: [{ vendor: 'NET', canonical: 'net' }] });
    expect(codec.decodeValue('SETTINGS')).toBeUndefined();
    expect(codec.absent).toBe('SETTINGS');
  });
  it('matches typed vendor values loosely on read and writes them typed', () => {
    const codec = codecOf('enumMap', { values: [{ vendor: true, canonical: 'active' }, { vendor: false, canonical: 'archived' }] });
    expect(codec.decodeValue('true')).toBe('active');
    expect(codec.encode('archived')).toBe(false);
  });
  it('maps to lists (FactuurSturen paymentmethod)', () => {
    const codec = codecOf('enumMap', { values: [{ vendor: 'bank', canonical: ['bankTransfer'] }] });
    expect(codec.decodeValue('bank')).toEqual(['bankTransfer']);
    expect(codec.encode(['bankTransfer'])).toBe('bank');
  });
  it('refuses values outside the table on both sides', () => {
    const codec = codecOf('enumMap', sequence);
    expect(() => codec.decodeValue('XXXX')).toThrow(/one of OOFF\|FRST\|RCUR/);
    expect(() => codec.encode('weekly')).toThrow(CodecError);
  });
  it('finds tables that cannot be reversed', () => {
    expect(enumMapProblems([{ vendor: 'a', canonical: 'x' }, { vendor: 'a', canonical: 'y' }])).toHaveLength(1);
    expect(enumMapProblems([{ vendor: 'a', canonical: 'x' }, { vendor: 'b', canonical: 'x' }])).toHaveLength(1);
    expect(enumMapProblems([{ vendor: 'a', canonical: 'x' }, { vendor: 'b', canonical: 'x', decodeOnly: true }])).toEqual([]);
  });
});

describe('enumList (Billomat default_payment_types)', () => {
  const codec = codecOf('enumList', {
    values: [
      { vendor: 'CASH', canonical: 'cash' },
      { vendor: 'PAYPAL', canonical: 'paypal' },
      { vendor: 'PAPAL', canonical: 'paypal', decodeOnly: true },
    ],
  });
  it('splits and maps, reading the seed typo PAPAL as paypal', () => {
    expect(codec.decodeValue('CASH,PAPAL')).toEqual(['cash', 'paypal']);
  });
  it('writes the right spelling', () => {
    expect(codec.encode(['cash', 'paypal'])).toBe('CASH,PAYPAL');
  });
  it('round-trips', () => {
    expect(codec.decodeValue(codec.encode(['paypal', 'cash']))).toEqual(['paypal', 'cash']);
  });
  it('refuses an unknown item', () => {
    expect(() => codec.decodeValue('CASH,BITCOIN')).toThrow(CodecError);
    expect(() => codec.encode('cash')).toThrow(/a list/);
  });
});

describe('asArray (object-or-array lists)', () => {
  const codec = codecOf('asArray', { element: 'client-property-value' });
  it("reads Billomat's single object, array, wrapper and empty-string forms as lists", () => {
    expect(codec.decodeValue({ 'client-property-value': { id: '1' } })).toEqual([{ id: '1' }]);
    expect(codec.decodeValue({ 'client-property-value': [{ id: '1' }, { id: '2' }] })).toHaveLength(2);
    expect(codec.decodeValue([{ id: '1' }])).toEqual([{ id: '1' }]);
    expect(codec.decodeValue('')).toBeUndefined();
    expect(toArray(undefined)).toEqual([]);
  });
  it('round-trips a list', () => {
    expect(codec.decodeValue(codec.encode([{ a: 1 }]))).toEqual([{ a: 1 }]);
  });
  it('refuses a scalar', () => {
    expect(() => codec.decodeValue(5)).toThrow(/a list/);
    expect(() => codec.encode({})).toThrow(CodecError);
  });
});
