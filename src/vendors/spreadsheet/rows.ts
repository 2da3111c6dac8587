import { getPath, setPath } from '../../mapping/_paths.js';
import type { RawRecord } from '../../mapping/record-codec.js';
import { columnKey, listColumn, listColumnHeader, type ColumnLayout } from './columns.js';
import { isWritable } from './csv-file.js';
import type { SpreadsheetTable } from './table.js';

/** The id a row without one goes by: its place among the data rows (1-based). */
export function rowNumberId(index: number): string {
  return `row-${index + 1}`;
}

/** Whether a row holds nothing (a blank line, or only separators): it is kept, never listed. */
export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** The mapping field name of each column. */
export function columnKeys(table: SpreadsheetTable): string[] {
  return table.headers.map(columnKey);
}

/** The id of the row at `index`: its id column, or `row-<n>` when that is empty. */
export function rowId(keys: readonly string[], row: readonly string[], index: number, layout: ColumnLayout): string {
  const at = keys.indexOf(layout.idColumn);
  const value = at < 0 ? '' : (row[at] ?? '').trim();
  return value === '' ? rowNumberId(index) : value;
}

/**
 * A row as a raw record: one field per column (named by `columnKey`; a dotted name is a field of an
 * object, as in a vendor's record), numbered list columns gathered
 * into lists of items (an item whose cells are all empty is left out), and the row's id.
 */
export function rowToRaw(keys: readonly string[], row: readonly string[], index: number, layout: ColumnLayout): RawRecord {
  const raw: RawRecord = {};
  const items = new Map<string, Map<number, Record<string, string>>>();
  const lists = new Set(layout.lists.keys());
  keys.forEach((key, i) => {
    const value = row[i] ?? '';
    const list = listColumn(key, lists);
    if (list === undefined) {
      // `reference_lines.line1` is field line1 of reference_lines, as a vendor's nested object.
      if (key.includes('.')) setPath(raw, key, getPath(raw, key) ?? value);
      else if (!(key in raw)) raw[key] = value;
      return;
    }
    if (value.trim() === '') return;
    const ofList = items.get(list.list) ?? new Map<number, Record<string, string>>();
    items.set(list.list, ofList);
    const item = ofList.get(list.index) ?? {};
    ofList.set(list.index, item);
    item[list.field] = value;
  });
  for (const [list, ofList] of items) raw[list] = [...ofList.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  raw[layout.idColumn] = rowId(keys, row, index, layout);
  return raw;
}

/** A value the file cannot hold; the message names the column and the rule. */
export class UnwritableValueError extends Error {
  constructor(readonly column: string, message: string) {
    super(message);
  }
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The body as cells: `column → text`, nested objects flattened with dots, lists as numbered columns. */
function bodyCells(body: RawRecord, layout: ColumnLayout): { cells: Map<string, string>; lists: Set<string> } {
  const cells = new Map<string, string>();
  const lists = new Set<string>();
  const put = (prefix: string, value: unknown): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) put(prefix === '' ? key : `${prefix}.${key}`, inner);
      return;
    }
    cells.set(prefix, cellText(value));
  };
  for (const [key, value] of Object.entries(body)) {
    const fields = layout.lists.get(key);
    if (fields !== undefined && (Array.isArray(value) || value === undefined || value === null || value === '')) {
      lists.add(key);
      const items: unknown[] = Array.isArray(value) ? value : [];
      items.forEach((item, index) => {
        if (item === null || typeof item !== 'object') return;
        for (const [field, inner] of Object.entries(item as Record<string, unknown>)) put(listColumnHeader(key, index, field), inner);
      });
      continue;
    }
    put(key, value);
  }
  return { cells, lists };
}

/**
 * Writes a body into a row of the table (a new row when `index` is undefined) and returns the row's
 * index. Only the columns the body names change; a list in the body replaces every numbered column of
 * that list. A column the file lacks is added at the end. Throws UnwritableValueError, changing
 * nothing, for a value the file's encoding cannot hold.
 */
export function writeRow(table: SpreadsheetTable, index: number | undefined, body: RawRecord, layout: ColumnLayout): number {
  const { cells, lists } = bodyCells(body, layout);
  for (const [column, text] of cells) {
    if (!isWritable(text, table.format.encoding)) {
      const bad = [...text].find((char) => !isWritable(char, table.format.encoding)) ?? '';
      throw new UnwritableValueError(column, `${column}: '${bad}' cannot be written in ${table.format.encoding}`);
    }
  }
  const listSet = new Set(layout.lists.keys());
  const row = index === undefined ? [] : [...(table.rows[index] ?? [])];
  let keys = columnKeys(table);
  keys.forEach((key, i) => {
    const list = listColumn(key, listSet);
    if (list !== undefined && lists.has(list.list) && i < row.length) row[i] = '';
  });
  for (const [column, text] of cells) {
    let at = keys.indexOf(column);
    if (at < 0) {
      if (text === '') continue;
      table.headers.push(column);
      keys = [...keys, column];
      at = keys.length - 1;
    }
    while (row.length <= at) row.push('');
    row[at] = text;
  }
  if (index === undefined) {
    table.rows.push(row);
    return table.rows.length - 1;
  }
  table.rows[index] = row;
  return index;
}
