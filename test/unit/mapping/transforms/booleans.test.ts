import { describe, expect, it } from 'vitest';
import { CodecError } from '../../../../src/mapping/transforms/types.js';
import { codecOf } from '../../../helpers/codec.js';

describe('yesNo (EenvoudigFactureren yes/no fields)', () => {
  const codec = codecOf('yesNo');
  it('decodes yes and no', () => {
    expect(codec.decodeValue('yes')).toBe(true);
    expect(codec.decodeValue('no')).toBe(false);
    expect(codec.decodeValue(' YES ')).toBe(true);
  });
  it('encodes booleans as yes and no', () => {
    expect(codec.encode(true)).toBe('yes');
    expect(codec.encode(false)).toBe('no');
  });
  it('round-trips both values', () => {
    for (const b of [true, false]) expect(codec.decodeValue(codec.encode(b))).toBe(b);
  });
  it('refuses anything else, naming the rule', () => {
    expect(() => codec.decodeValue('maybe')).toThrow(CodecError);
    expect(() => codec.decodeValue('maybe')).toThrow(/one of 'yes'\|'no'/);
    expect(() => codec.decodeValue({})).toThrow(CodecError);
    expect(() => codec.encode('yes')).toThrow(CodecError);
  });
});

describe('zeroOne (Billomat booleans)', () => {
  const codec = codecOf('zeroOne');
  it('decodes "1"/"0" strings and 1/0 numbers', () => {
    expect(codec.decodeValue('1')).toBe(true);
    expect(codec.decodeValue('0')).toBe(false);
    expect(codec.decodeValue(1)).toBe(true);
    expect(codec.decodeValue(0)).toBe(false);
  });
  it('encodes as the numbers 1 and 0 ("Booleans are 1/0")', () => {
    expect(codec.encode(true)).toBe(1);
    expect(codec.encode(false)).toBe(0);
  });
  it('round-trips', () => {
    for (const b of [true, false]) expect(codec.decodeValue(codec.encode(b))).toBe(b);
  });
  it('refuses other numbers and words', () => {
    expect(() => codec.decodeValue('2')).toThrow(/one of 1\|0/);
    expect(() => codec.decodeValue('yes')).toThrow(CodecError);
  });
});

describe('trueFalseString (FactuurSturen booleans)', () => {
  const codec = codecOf('trueFalseString');
  it('decodes the "true"/"false" strings of real payloads and JSON booleans', () => {
    expect(codec.decodeValue('true')).toBe(true);
    expect(codec.decodeValue('false')).toBe(false);
    expect(codec.decodeValue(true)).toBe(true);
    expect(codec.decodeValue(false)).toBe(false);
  });
  it('also reads the 1/0 some SDKs write', () => {
    expect(codec.decodeValue('1')).toBe(true);
    expect(codec.decodeValue(0)).toBe(false);
  });
  it('encodes JSON booleans, as the seed example sends them', () => {
    expect(codec.encode(true)).toBe(true);
    expect(codec.encode(false)).toBe(false);
  });
  it('round-trips', () => {
    for (const b of [true, false]) expect(codec.decodeValue(codec.encode(b))).toBe(b);
  });
  it('refuses yes/no', () => {
    expect(() => codec.decodeValue('yes')).toThrow(/one of true\|false/);
  });
});
