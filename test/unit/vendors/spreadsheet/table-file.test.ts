import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codecFor } from '../../../../src/vendors/spreadsheet/formats.js';
import { createTableFile, type TableCodec } from '../../../../src/vendors/spreadsheet/table-file.js';

function csvPath(content?: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-table-')), 'clients.csv');
  if (content !== undefined) writeFileSync(file, content);
  return file;
}

/** The CSV codec, counting how often it parses the file. */
function countingCodec(file: string): { codec: TableCodec; parses: () => number } {
  const csv = codecFor({ path: file, encoding: 'utf-8', delimiter: ',' });
  let parses = 0;
  return {
    codec: {
      ...csv,
      parse: (bytes) => {
        parses += 1;
        return csv.parse(bytes);
      },
    },
    parses: () => parses,
  };
}

const append = (name: string) => (table: { headers: string[]; rows: string[][] }) => {
  if (table.headers.length === 0) table.headers.push('name');
  table.rows.push([name]);
};

describe('a spreadsheet file taking writes', () => {
  it('writes the changes made together with one rewrite, however many there are', async () => {
    const file = csvPath();
    const table = createTableFile(file, countingCodec(file).codec);
    await Promise.all(Array.from({ length: 300 }, (_, i) => table.change(append(`Client ${String(i)}`))));
    expect(table.rewrites()).toBe(1);
    expect(readFileSync(file, 'utf8').split('\r\n').filter((line) => line !== '').length).toBe(301);
  });

  it('does not read the file again after its own rewrite, but does once another program changed it, keeping that program\'s rows', async () => {
    const file = csvPath('name\r\nAcme\r\n');
    const { codec, parses } = countingCodec(file);
    const table = createTableFile(file, codec);
    await table.change(append('First'));
    expect(parses()).toBe(1);
    await table.change(append('Second'));
    await table.read();
    await table.change(append('Third'));
    expect(parses()).toBe(1);

    appendFileSync(file, 'Added by hand\r\n');
    await table.change(append('Fourth'));
    expect(parses()).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('name\r\nAcme\r\nFirst\r\nSecond\r\nThird\r\nAdded by hand\r\nFourth\r\n');
    expect(table.rewrites()).toBe(4);
  });
});
