import { describe, expect, it } from 'vitest';
import { describeValue } from '../../../src/mapping/transforms/types.js';

describe('describeValue, which names a bad value in errors, logs and reports', () => {
  it('shows short codes and numbers, which say what was wrong', () => {
    expect(describeValue('BE0123456789')).toBe('"BE0123456789"');
    expect(describeValue('de_DE')).toBe('"de_DE"');
    expect(describeValue('2024-13-01')).toBe('"2024-13-01"');
    expect(describeValue(42)).toBe('number 42');
  });

  it('never shows what may be personal data: e-mail addresses, names, streets, long texts', () => {
    expect(describeValue('jan@x.be')).toBe('a text of 8 characters');
    expect(describeValue('Jan Peeters')).toBe('a text of 11 characters');
    expect(describeValue('Kerkstraat 1')).toBe('a text of 12 characters');
    expect(describeValue('ABCDEFGHIJKLMNOPQ')).toBe('a text of 17 characters');
  });

  it('describes other values by their kind', () => {
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1, 2])).toBe('a list of 2');
    expect(describeValue({ a: 1 })).toBe('an object');
  });
});
