import { formatCsv, parseCsv } from './csv-file.js';
import type { SpreadsheetConnectionOptions } from './options.js';
import { emptyTable } from './table.js';
import type { TableCodec } from './table-file.js';

/** The codec for the connection's file. */
export function codecFor(options: Pick<SpreadsheetConnectionOptions, 'path' | 'encoding' | 'delimiter'>): TableCodec {
  const encoding = options.encoding ?? 'auto';
  const delimiter = options.delimiter ?? 'auto';
  return {
    parse: (bytes) => parseCsv(bytes, { encoding, delimiter }),
    format: formatCsv,
    // A new file: UTF-8 with the byte-order mark Excel needs to see it as UTF-8, unless told otherwise.
    empty: () => emptyTable({ encoding: encoding === 'auto' ? 'utf-8-bom' : encoding, delimiter: delimiter === 'auto' ? ',' : delimiter, lineEnding: '\r\n' }),
  };
}
