export { createSpreadsheetConnector } from './connector.js';
export { SPREADSHEET_DELIMITERS, SPREADSHEET_ENCODINGS, type SpreadsheetConnectionOptions, type SpreadsheetDelimiter, type SpreadsheetEncoding } from './options.js';
export { columnKey } from './columns.js';
export { detectDelimiter, detectEncoding } from './detect.js';
export { BUILTIN_COLUMN_MAPPINGS_DIRECTORY, GENERIC_COLUMNS, builtinColumnMappings, isColumnMappingName, loadColumnMapping } from './column-mappings.js';
