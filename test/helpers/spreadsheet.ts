import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadColumnMapping } from '../../src/vendors/spreadsheet/index.js';
import { formatCsv, isWritable } from '../../src/vendors/spreadsheet/csv-file.js';
import type { FileDelimiter, FileEncoding } from '../../src/vendors/spreadsheet/options.js';
import { createConnector } from '../../src/vendors/registry.js';
import { GENERATED_SPREADSHEET_COLUMNS, generateSpreadsheetRows, type SpreadsheetRow } from '../../src/sandbox/index.js';
import type { SyncSide } from '../../src/sync/types.js';

/** A value as Windows-1252 can hold it: accents kept, other scripts spelled in Latin letters. */
function fitWindows1252(value: string): string {
  if (isWritable(value, 'windows-1252')) return value;
  const latin = value.replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l')).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return [...latin].map((c) => (isWritable(c, 'windows-1252') ? c : 'a')).join('');
}

export interface GeneratedCsv {
  readonly file: string;
  /** The rows as written (after fitting to the encoding), by id. */
  readonly rows: ReadonlyMap<string, SpreadsheetRow>;
}

/** Writes `count` generated clients as a CSV file in a new temporary directory. */
export function writeGeneratedCsv(count: number, format: { encoding: FileEncoding; delimiter: FileDelimiter; seed?: number }): GeneratedCsv {
  const generated = generateSpreadsheetRows(count, format.seed ?? 1);
  const rows = format.encoding === 'windows-1252' ? generated.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fitWindows1252(v)]))) : generated;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-csv-')), 'clients.csv');
  const table = { headers: [...GENERATED_SPREADSHEET_COLUMNS], rows: rows.map((row) => GENERATED_SPREADSHEET_COLUMNS.map((column) => row[column] ?? '')), format: { encoding: format.encoding, delimiter: format.delimiter, lineEnding: '\r\n' as const } };
  writeFileSync(file, formatCsv(table));
  return { file, rows: new Map(rows.map((row) => [row.id ?? '', row])) };
}

/** A new temporary path for a CSV file that does not exist yet. */
export function newCsvPath(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'client-sync-csv-')), 'export.csv');
}

/** A side for a spreadsheet connection on `file` (a fresh connector per run, as the CLI makes). */
export async function spreadsheetSide(name: string, file: string, columns?: string): Promise<SyncSide> {
  const mapping = await loadColumnMapping(columns);
  return { name, mapping, connector: createConnector({ name, vendor: 'spreadsheet', path: file, mapping }) };
}
