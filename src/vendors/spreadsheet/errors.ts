import { VendorError, type VendorErrorCode } from '../../errors/vendor-error.js';
import { CsvSyntaxError } from './csv-file.js';
import { UnwritableValueError } from './rows.js';

/**
 * File failures in the error taxonomy every connector speaks: a file that cannot be read for want
 * of permission is an access problem (like a wrong API key), a file that is not a table is an
 * invalid answer, a value the file cannot hold is refused for that record alone.
 */
export function toSpreadsheetError(error: unknown, connection: string, file: string, record?: string): unknown {
  if (error instanceof VendorError) return error;
  const details = { vendor: 'spreadsheet' as const, connection };
  if (error instanceof UnwritableValueError) {
    return new VendorError('VENDOR_REJECTED', `${record ?? 'a row'} cannot be written to ${file}: ${error.message}`, { ...details, vendorMessage: error.message });
  }
  if (error instanceof CsvSyntaxError) return new VendorError('VENDOR_RESPONSE_INVALID', `${file} is not a readable CSV file: ${error.message}`, { ...details, vendorMessage: error.message }, { cause: error });
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const kind: VendorErrorCode = code === 'EACCES' || code === 'EPERM' ? 'VENDOR_AUTH' : 'VENDOR_UNAVAILABLE';
  const message = error instanceof Error ? error.message : String(error);
  return new VendorError(kind, `${file}: ${message}`, { ...details, vendorMessage: message }, { cause: error });
}

export function rowNotFound(connection: string, file: string, id: string): VendorError {
  return new VendorError('VENDOR_NOT_FOUND', `${file} has no row with id ${id}`, { vendor: 'spreadsheet', connection });
}

/**
 * Two rows with one id (a row copied and pasted, say): every later write to that id would go to the
 * first of them, and a link could name either. The file is refused before anything is read or written,
 * naming the id, the rows and the column, so a person can give each row its own id.
 */
export function duplicateIds(connection: string, file: string, column: string, rowsById: ReadonlyMap<string, readonly number[]>): VendorError | undefined {
  const repeated = [...rowsById].filter(([, rows]) => rows.length > 1);
  if (repeated.length === 0) return undefined;
  const shown = repeated.slice(0, 5).map(([id, rows]) => `id ${id} is on rows ${rows.map((row) => row + 2).join(', ')}`);
  const more = repeated.length > 5 ? `, and ${repeated.length - 5} more ids` : '';
  const message = `${file}: ${shown.join('; ')}${more} (column '${column}', row 1 being the header); each row needs an id of its own, or an empty one`;
  return new VendorError('VENDOR_RESPONSE_INVALID', message, { vendor: 'spreadsheet', connection, vendorMessage: message });
}
