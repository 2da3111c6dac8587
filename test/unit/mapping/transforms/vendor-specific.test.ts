import { describe, expect, it } from 'vitest';
import { CodecError } from '../../../../src/mapping/transforms/types.js';
import { codecOf } from '../../../helpers/codec.js';

describe('personName (FactuurSturen contact)', () => {
  const codec = codecOf('personName');
  it('splits at the first space', () => {
    expect(codec.decodeValue('John Doe')).toEqual({ first: 'John', last: 'Doe' });
    expect(codec.decodeValue('Jan van Dijk')).toEqual({ first: 'Jan', last: 'van Dijk' });
  });
  it('reads a single word as a last name', () => {
    expect(codec.decodeValue('Administratie')).toEqual({ last: 'Administratie' });
  });
  it('joins first and last on write', () => {
    expect(codec.encode({ first: 'Max', last: 'Muster' })).toBe('Max Muster');
    expect(codec.encode({ last: 'Muster' })).toBe('Muster');
  });
  it('round-trips names without a space in the first name, and is lossy otherwise', () => {
    expect(codec.decodeValue(codec.encode({ first: 'Jan', last: 'van Dijk' }))).toEqual({ first: 'Jan', last: 'van Dijk' });
    expect(codec.decodeValue(codec.encode({ first: 'Jean Luc', last: 'Picard' }))).toEqual({ first: 'Jean', last: 'Luc Picard' });
  });
  it('refuses a non-text contact', () => {
    expect(() => codec.decodeValue({})).toThrow(CodecError);
  });
});

describe('referenceLines (FactuurSturen reference)', () => {
  const codec = codecOf('referenceLines');
  it('reads the three lines, dropping trailing blanks', () => {
    expect(codec.decodeValue({ line1: 'Your ref: ABC123', line2: '', line3: '' })).toEqual(['Your ref: ABC123']);
    expect(codec.decodeValue({ line1: '', line2: '', line3: '' })).toBeUndefined();
    expect(codec.decodeValue({ line1: 'a', line2: '', line3: 'c' })).toEqual(['a', '', 'c']);
  });
  it('writes all three lines', () => {
    expect(codec.encode(['a'])).toEqual({ line1: 'a', line2: '', line3: '' });
  });
  it('round-trips', () => {
    expect(codec.decodeValue(codec.encode(['a', '', 'c']))).toEqual(['a', '', 'c']);
  });
  it('refuses more than three lines and a non-object', () => {
    expect(() => codec.encode(['1', '2', '3', '4'])).toThrow(/at most three/);
    expect(() => codec.decodeValue('line')).toThrow(CodecError);
  });
});

describe('billomatNumber', () => {
  const codec = codecOf('billomatNumber');
  it('composes prefix, number and padding like client_number', () => {
    expect(codec.decodeValue({ prefix: 'KD', number: '123', length: '0' })).toBe('KD123');
    expect(codec.decodeValue({ prefix: 'KD', number: '1', length: '5' })).toBe('KD00001');
    expect(codec.decodeValue({ number: '42' })).toBe('42');
  });
  it('splits a number back into its parts', () => {
    expect(codec.encode('KD00123')).toEqual({ prefix: 'KD', number: 123, length: 5 });
    expect(codec.encode('B12548')).toEqual({ prefix: 'B', number: 12548, length: 0 });
  });
  it('round-trips numbers that end in digits', () => {
    for (const n of ['KD1', 'KD00001', '176', '007', 'B-2024-0042']) expect(codec.decodeValue(codec.encode(n))).toBe(n);
  });
  it('refuses a number without trailing digits', () => {
    expect(() => codec.encode('ABC')).toThrow(/ending in digits/);
    expect(() => codec.decodeValue({ number: 'x' })).toThrow(CodecError);
  });
});

describe('billomatTypedValue (SETTINGS / ABSOLUTE / RELATIVE pairs)', () => {
  const codec = codecOf('billomatTypedValue');
  it('reads ABSOLUTE as the value and SETTINGS as not set', () => {
    expect(codec.decodeValue({ type: 'ABSOLUTE', value: '30' })).toBe(30);
    expect(codec.decodeValue({ type: 'SETTINGS', value: '14' })).toBeUndefined();
  });
  it('reads RELATIVE as not set, with a warning', () => {
    expect(codec.decodeValue({ type: 'RELATIVE', value: '-2' })).toBeUndefined();
    expect(codec.warnings({ type: 'RELATIVE', value: '-2' })).toHaveLength(1);
  });
  it('writes ABSOLUTE values and SETTINGS for "not set"', () => {
    expect(codec.encode(14)).toEqual({ type: 'ABSOLUTE', value: 14 });
    expect(codec.absent).toEqual({ type: 'SETTINGS' });
  });
  it('round-trips', () => {
    expect(codec.decodeValue(codec.encode(-2))).toBe(-2);
  });
  it('refuses unknown types and fractions of days', () => {
    expect(() => codec.decodeValue({ type: 'WEEKLY', value: '1' })).toThrow(CodecError);
    expect(() => codec.encode(1.5)).toThrow(/whole number/);
  });
});
