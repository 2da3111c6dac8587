import type { FileDelimiter, FileEncoding } from './options.js';

/** How a file was (or will be) written, kept so that a rewrite changes only the rows it must. */
export interface TableFormat {
  readonly encoding: FileEncoding;
  readonly delimiter: FileDelimiter;
  readonly lineEnding: '\r\n' | '\n';
}

/**
 * A spreadsheet in memory: the header row as written in the file and every row after it, blank rows
 * included (a rewrite keeps every row it did not write exactly as it was, short rows unpadded).
 */
export interface SpreadsheetTable {
  readonly headers: string[];
  readonly rows: string[][];
  readonly format: TableFormat;
}

/** An empty table, for a file that does not exist yet. */
export function emptyTable(format: TableFormat): SpreadsheetTable {
  return { headers: [], rows: [], format };
}

/** A copy whose rows can be changed without touching the original (the rows themselves are copied on write). */
export function copyTable(table: SpreadsheetTable): SpreadsheetTable {
  return { headers: [...table.headers], rows: [...table.rows], format: table.format };
}
