import { describe, expect, it } from 'vitest';
import { CodecError } from '../../../../src/mapping/transforms/types.js';
import { codecOf } from '../../../helpers/codec.js';

describe('text', () => {
  const codec = codecOf('text');
  it('keeps text, trims it, and reads numbers as text (postal codes stay strings)', () => {
    expect(codec.decodeValue(' Langestraat 189 ')).toBe('Langestraat 189');
    expect(codec.decodeValue('0470123456')).toBe('0470123456');
    expect(codec.decodeValue(2000)).toBe('2000');
  });
  it('reads a blank value as not set', () => {
    expect(codec.decodeValue('   ')).toBeUndefined();
  });
  it('round-trips', () => {
    expect(codec.decodeValue(codec.encode('Ñandú & Zoë 🎉'))).toBe('Ñandú & Zoë 🎉');
  });
  it('refuses objects and lists', () => {
    expect(() => codec.decodeValue({ a: 1 })).toThrow(/a text/);
    expect(() => codec.encode(12)).toThrow(CodecError);
  });
  it('refuses a boolean: a client named "true" is a wrong type, not a name', () => {
    expect(() => codec.decodeValue(true)).toThrow(CodecError);
    expect(() => codec.decodeValue(false)).toThrow(/a text/);
  });
  it('refuses a number too large for its digits to be exact, instead of passing on the rounded ones', () => {
    // JSON.parse('123456789012345678901') is 123456789012345680000: a VAT number with other digits.
    expect(() => codec.decodeValue(JSON.parse('123456789012345678901'))).toThrow(/cannot be read exactly/);
    expect(codec.decodeValue(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
    expect(codec.decodeValue(12.5)).toBe('12.5');
  });
});

describe('urlNoScheme (Billomat www)', () => {
  const codec = codecOf('urlNoScheme');
  it('drops the scheme on write, as Billomat wants a URL without http', () => {
    expect(codec.encode('http://www.it-servicesbvba.be')).toBe('www.it-servicesbvba.be');
    expect(codec.encode('https://example.com/path')).toBe('example.com/path');
    expect(codec.encode('www.example.com')).toBe('www.example.com');
  });
  it('reads what Billomat holds as is', () => {
    expect(codec.decodeValue('www.example.com')).toBe('www.example.com');
  });
  it('round-trips a value without scheme and loses the scheme otherwise (declared lossy)', () => {
    expect(codec.decodeValue(codec.encode('www.example.com'))).toBe('www.example.com');
    expect(codec.decodeValue(codec.encode('https://www.example.com'))).toBe('www.example.com');
  });
  it('refuses a non-text value', () => {
    expect(() => codec.encode(5)).toThrow(CodecError);
  });
});

describe('compactCode (IBAN, BIC)', () => {
  const codec = codecOf('compactCode');
  it('reads IBANs in any spacing and case as their electronic form', () => {
    expect(codec.decodeValue('be68 5390 0754 7034')).toBe('BE68539007547034');
  });
  it('round-trips the electronic form', () => {
    expect(codec.decodeValue(codec.encode('NL91INGB0001234567'))).toBe('NL91INGB0001234567');
  });
  it('refuses a number where text belongs on write', () => {
    expect(() => codec.encode(123)).toThrow(CodecError);
  });
});

describe('vatCompact (Billomat vat_number)', () => {
  const codec = codecOf('vatCompact');
  it('writes VAT numbers without separators', () => {
    expect(codec.encode('BE 0123.456.749')).toBe('BE0123456749');
  });
  it('reads them as is', () => {
    expect(codec.decodeValue('DE123456789')).toBe('DE123456789');
  });
  it('round-trips the compact form', () => {
    expect(codec.decodeValue(codec.encode('NL001234567B01'))).toBe('NL001234567B01');
  });
  it('refuses a non-text value', () => {
    expect(() => codec.encode(null)).toThrow(CodecError);
  });
});

describe('structuredMessage (Belgian OGM)', () => {
  const codec = codecOf('structuredMessage');
  it('reads the seed value and the printed +++…+++ form', () => {
    expect(codec.decodeValue('342485986564')).toBe('342485986564');
    expect(codec.decodeValue('+++342/4859/86564+++')).toBe('342485986564');
  });
  it('round-trips', () => {
    expect(codec.decodeValue(codec.encode('342485986564'))).toBe('342485986564');
  });
  it('refuses a wrong check or length', () => {
    expect(() => codec.decodeValue('342485986565')).toThrow(/modulo 97/);
    expect(() => codec.decodeValue('12345')).toThrow(/12 digits/);
    expect(() => codec.encode('342485986565')).toThrow(CodecError);
  });
});
