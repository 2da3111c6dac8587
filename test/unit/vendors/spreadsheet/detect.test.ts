import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/vendors/spreadsheet/csv-file.js';
import { detectDelimiter, detectEncoding } from '../../../../src/vendors/spreadsheet/detect.js';

const TEXT = 'name;city\r\nBäckerei Müller;Köln\r\n';

describe('encoding detection', () => {
  it('tells UTF-8 with a byte-order mark, UTF-8 without one, and Windows-1252 apart', () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(Buffer.from(TEXT))).toEqual({ encoding: 'utf-8', bom: false });
    expect(detectEncoding(iconv.encode(TEXT, 'win1252'))).toEqual({ encoding: 'windows-1252', bom: false });
  });
  it('reads each of them to the same text, and remembers how to write it back', () => {
    for (const [bytes, encoding] of [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8-bom'],
      [Buffer.from(TEXT), 'utf-8'],
      [iconv.encode(TEXT, 'win1252'), 'windows-1252'],
    ] as const) {
      const table = parseCsv(bytes, { encoding: 'auto', delimiter: 'auto' });
      expect(table.headers).toEqual(['name', 'city']);
      expect(table.rows).toEqual([['Bäckerei Müller', 'Köln']]);
      expect(table.format).toEqual({ encoding, delimiter: ';', lineEnding: '\r\n' });
    }
  });
});

describe('delimiter detection', () => {
  it('picks the separator of the header row among comma, semicolon and tab', () => {
    expect(detectDelimiter('a,b,c\n1;2,3')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
  });
  it('does not count separators inside quotes', () => {
    expect(detectDelimiter('"a,b,c";d\n')).toBe(';');
  });
  it('assumes a comma for a header of one column', () => {
    expect(detectDelimiter('name\nx\n')).toBe(',');
  });
});
