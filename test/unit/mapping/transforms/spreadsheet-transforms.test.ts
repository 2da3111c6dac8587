import { describe, expect, it } from 'vitest';
import { CodecError } from '../../../../src/mapping/transforms/types.js';
import { codecOf } from '../../../helpers/codec.js';

describe('languageCode (a spreadsheet language column)', () => {
  const codec = codecOf('languageCode');
  it('reads a code in any case or with a region, and a language name, as the ISO 639-1 code', () => {
    expect(codec.decodeValue('nl')).toBe('nl');
    expect(codec.decodeValue('NL')).toBe('nl');
    expect(codec.decodeValue('nl-BE')).toBe('nl');
    expect(codec.decodeValue('Dutch')).toBe('nl');
  });
  it('writes the code and round-trips it', () => {
    for (const code of ['nl', 'fr', 'de', 'en']) expect(codec.decodeValue(codec.encode(code))).toBe(code);
  });
  it('refuses what is not a language, naming the rule', () => {
    expect(() => codec.decodeValue('klingon')).toThrow(/ISO 639-1/);
    expect(() => codec.encode('NL')).toThrow(CodecError);
  });
});

describe('json (another vendor\'s vendor-only field in a spreadsheet column)', () => {
  const codec = codecOf('json');
  it('keeps the type of the value both ways', () => {
    for (const value of [0, 'gold', true, 12.5, { a: [1, 'b'] }]) expect(codec.decodeValue(codec.encode(value))).toEqual(value);
    expect(codec.encode(0)).toBe('0');
    expect(codec.encode('gold')).toBe('"gold"');
  });
  it('refuses text that is not JSON, naming the rule', () => {
    expect(() => codec.decodeValue('gold')).toThrow(/a JSON value/);
  });
});
