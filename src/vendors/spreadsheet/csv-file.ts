import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { detectDelimiter, detectEncoding, detectLineEnding, hasUtf8Bom } from './detect.js';
import type { FileEncoding, SpreadsheetDelimiter, SpreadsheetEncoding } from './options.js';
import type { SpreadsheetTable, TableFormat } from './table.js';

/** A CSV file that cannot be read as a table (an unclosed quote …); the message names the line. */
export class CsvSyntaxError extends Error {}

export interface ReadCsvOptions {
  readonly encoding: SpreadsheetEncoding;
  readonly delimiter: SpreadsheetDelimiter;
}

function decode(bytes: Buffer, encoding: SpreadsheetEncoding): { text: string; encoding: FileEncoding } {
  const bom = hasUtf8Bom(bytes);
  const detected = encoding === 'auto' ? detectEncoding(bytes) : undefined;
  const chosen = encoding === 'auto' ? detected?.encoding ?? 'utf-8' : encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  if (chosen === 'windows-1252') return { text: iconv.decode(bytes, 'win1252'), encoding: 'windows-1252' };
  return { text: (bom ? bytes.subarray(3) : bytes).toString('utf8'), encoding: bom ? 'utf-8-bom' : 'utf-8' };
}

/** Parses a CSV file's bytes into a table, detecting what the options leave at `auto`. */
export function parseCsv(bytes: Buffer, options: ReadCsvOptions): SpreadsheetTable {
  const { text, encoding } = decode(bytes, options.encoding);
  const delimiter = options.delimiter === 'auto' ? detectDelimiter(text) : options.delimiter;
  const format: TableFormat = { encoding, delimiter, lineEnding: detectLineEnding(text) ?? '\r\n' };
  let records: string[][];
  try {
    const parsed: unknown = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: false });
    records = parsed as string[][];
  } catch (error) {
    throw new CsvSyntaxError(error instanceof Error ? error.message : String(error));
  }
  const [headers, ...rows] = records;
  return { headers: headers ?? [], rows, format };
}

/** Whether `value` can be written in the file's encoding without a character turning into `?`. */
export function isWritable(value: string, encoding: FileEncoding): boolean {
  if (encoding !== 'windows-1252') return true;
  return iconv.decode(iconv.encode(value, 'win1252'), 'win1252') === value;
}

/** The table as the bytes of a CSV file in its own format. */
export function formatCsv(table: SpreadsheetTable): Buffer {
  const { delimiter, lineEnding, encoding } = table.format;
  const text = table.headers.length === 0 && table.rows.length === 0 ? '' : stringify([table.headers, ...table.rows], { delimiter, record_delimiter: lineEnding === '\r\n' ? 'windows' : 'unix' });
  if (encoding === 'windows-1252') return iconv.encode(text, 'win1252');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
