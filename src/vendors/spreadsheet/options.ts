import type { Clock } from '../../clock.js';
import type { Logger } from '../../logging/logger.js';
import type { Mapping } from '../../mapping/mapping.js';

/**
 * How a file's bytes are read: `auto` tells UTF-8 (with or without a byte-order mark) from
 * Windows-1252 (what Excel on a Western-European Windows saves as "CSV"). `utf-8-bom` writes the mark
 * Excel needs to read UTF-8; it reads like `utf-8`.
 */
export const SPREADSHEET_ENCODINGS = ['auto', 'utf-8', 'utf-8-bom', 'windows-1252'] as const;
export type SpreadsheetEncoding = (typeof SPREADSHEET_ENCODINGS)[number];
export type FileEncoding = Exclude<SpreadsheetEncoding, 'auto'>;

/** Column separators: comma, semicolon (Excel where the decimal sign is a comma), tab. */
export const SPREADSHEET_DELIMITERS = ['auto', ',', ';', '\t'] as const;
export type SpreadsheetDelimiter = (typeof SPREADSHEET_DELIMITERS)[number];
export type FileDelimiter = Exclude<SpreadsheetDelimiter, 'auto'>;

/** A spreadsheet connection: a CSV (or XLSX) file of clients, one row each, read and written through a column mapping. */
export interface SpreadsheetConnectionOptions {
  /** The connection's name in the config, for messages and logs. */
  readonly name: string;
  readonly vendor: 'spreadsheet';
  /** The file. It need not exist yet: a missing file reads as empty and is created by the first write. */
  readonly path: string;
  /** Default `auto` (detected; a new file is written as UTF-8 with a byte-order mark). */
  readonly encoding?: SpreadsheetEncoding | undefined;
  /** Default `auto` (detected from the header row; a new file uses `,`). */
  readonly delimiter?: SpreadsheetDelimiter | undefined;
  /** The column mapping (`mappings/spreadsheet.yaml` or a column mapping of the user's). */
  readonly mapping: Mapping;
  readonly clock?: Clock | undefined;
  readonly logger?: Logger | undefined;
}
