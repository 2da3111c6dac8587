import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Customer } from '../../canonical/customer.js';
import { getPath } from '../../mapping/_paths.js';
import type { RawRecord } from '../../mapping/record-codec.js';
import type { CheckResult, ConnectorStats, CreateResult, VendorConnector } from '../types.js';
import { columnLayout, unnamedHeaders } from './columns.js';
import { duplicateIds, rowNotFound, toSpreadsheetError } from './errors.js';
import { codecFor } from './formats.js';
import type { SpreadsheetConnectionOptions } from './options.js';
import { columnKeys, isBlankRow, rowId, rowToRaw, writeRow } from './rows.js';
import type { SpreadsheetTable } from './table.js';
import { createTableFile } from './table-file.js';

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

type CallKind = keyof ConnectorStats['callsByKind'];

/** A file has no rate limit: its budget never runs out and never makes a run wait. */
const NO_LIMIT = { requests: Number.POSITIVE_INFINITY, windowMs: 1000 };

/**
 * Writes a run may hand the file at once. Each batch costs one rewrite of the whole file, so a run
 * of N writes rewrites it about N / 256 times instead of N / 4.
 */
const WRITES_PER_REWRITE = 256;

/**
 * The spreadsheet connector: a CSV (or XLSX) file of clients, one row each, as a connection like
 * any vendor's. Rows become raw records through the column mapping's column names; a row's id
 * column is its native id (`row-<n>` for a row without one). Every write rewrites the file
 * atomically and keeps every row and column it did not write. "Calls" count file reads and writes.
 */
export function createSpreadsheetConnector(options: SpreadsheetConnectionOptions): VendorConnector {
  const file = createTableFile(options.path, codecFor(options));
  const layout = columnLayout(options.mapping);
  const slot = options.mapping.identity.externalIdSlot;
  const counts: Record<CallKind, number> = { list: 0, get: 0, create: 0, update: 0, delete: 0, other: 0 };
  const count = (kind: CallKind): void => {
    counts[kind] += 1;
  };
  const fail = (error: unknown, record?: string): unknown => toSpreadsheetError(error, options.name, options.path, record);

  async function read(kind: CallKind): Promise<SpreadsheetTable> {
    count(kind);
    let table: SpreadsheetTable;
    try {
      table = await file.read();
    } catch (error) {
      throw fail(error);
    }
    const keys = columnKeys(table);
    const rowsById = new Map<string, number[]>();
    table.rows.forEach((row, i) => {
      if (isBlankRow(row)) return;
      const id = rowId(keys, row, i, layout);
      const rows = rowsById.get(id);
      if (rows === undefined) rowsById.set(id, [i]);
      else rows.push(i);
    });
    const duplicated = duplicateIds(options.name, options.path, layout.idColumn, rowsById);
    if (duplicated !== undefined) throw duplicated;
    return table;
  }

  function indexOf(table: SpreadsheetTable, id: string): number | undefined {
    const keys = columnKeys(table);
    const index = table.rows.findIndex((row, i) => !isBlankRow(row) && rowId(keys, row, i, layout) === id);
    return index < 0 ? undefined : index;
  }

  function rawAt(table: SpreadsheetTable, index: number): RawRecord {
    return rowToRaw(columnKeys(table), table.rows[index] ?? [], index, layout);
  }

  async function change<T>(kind: CallKind, id: string | undefined, apply: (table: SpreadsheetTable) => T): Promise<T> {
    count(kind);
    try {
      return await file.change(apply);
    } catch (error) {
      throw fail(error, id === undefined ? undefined : `${options.mapping.vendor}:${id}`);
    }
  }

  function updateRow(kind: CallKind, id: string, body: RawRecord): Promise<void> {
    return change(kind, id, (table) => {
      const index = indexOf(table, id);
      if (index === undefined) throw rowNotFound(options.name, options.path, id);
      largestIds.delete(table);
      writeRow(table, index, body, layout);
    });
  }

  // The largest id given so far per table (one table per rewrite): a batch of creates scans the
  // rows once, not once per create. An update may write the id column, so it forgets the table's.
  const largestIds = new WeakMap<SpreadsheetTable, number>();

  /** The next id: one above the largest whole-number id in the file. */
  function nextId(table: SpreadsheetTable): number {
    let largest = largestIds.get(table);
    if (largest === undefined) {
      const at = columnKeys(table).indexOf(layout.idColumn);
      largest = 0;
      if (at >= 0) for (const row of table.rows) if (/^\d{1,15}$/.test((row[at] ?? '').trim())) largest = Math.max(largest, Number(row[at]));
    }
    return largest + 1;
  }

  async function check(): Promise<CheckResult> {
    try {
      if (await file.exists()) {
        const table = await file.read();
        const unnamed = unnamedHeaders(table.headers, layout);
        const unread = unnamed.length === 0 ? '' : `; not read by the column mapping (kept as they are): ${unnamed.map((header) => `'${header}'`).join(', ')}`;
        return { outcome: 'ok', message: `${options.path}: ${table.rows.filter((row) => !isBlankRow(row)).length} rows, columns separated by '${table.format.delimiter === '\t' ? 'tab' : table.format.delimiter}', ${table.format.encoding}${unread}` };
      }
      // The first write creates the file and any directory missing on its way.
      let directory = path.dirname(options.path);
      while (!(await exists(directory)) && path.dirname(directory) !== directory) directory = path.dirname(directory);
      await access(directory, constants.W_OK);
      return { outcome: 'ok', message: `${options.path} does not exist yet; the first write creates it` };
    } catch (error) {
      const failure = fail(error);
      const code = (failure as { code?: string }).code;
      return { outcome: code === 'VENDOR_AUTH' ? 'wrong-credentials' : 'wrong-url', message: failure instanceof Error ? failure.message : String(failure) };
    }
  }

  return {
    vendor: 'spreadsheet',
    connection: options.name,
    capabilities: {
      pageSize: Number.POSITIVE_INFINITY,
      listingHasTotal: true,
      externalIdSlot: slot !== undefined,
      contactsPerClientCall: false,
      separateSubresourceWrites: false,
      externalIdInCreate: true,
      update: options.mapping.identity.update,
      writesInFlight: WRITES_PER_REWRITE,
    },
    rateBudget: () => NO_LIMIT,
    spareCalls: () => Number.POSITIVE_INFINITY,
    async *listClients() {
      const table = await read('list');
      const keys = columnKeys(table);
      for (let i = 0; i < table.rows.length; i++) {
        const row = table.rows[i] ?? [];
        if (!isBlankRow(row)) yield rowToRaw(keys, row, i, layout);
      }
    },
    async getClient(id) {
      const table = await read('get');
      const index = indexOf(table, id);
      return index === undefined ? undefined : rawAt(table, index);
    },
    async createClient(body): Promise<CreateResult> {
      return change('create', undefined, (table) => {
        if (table.headers.length === 0) table.headers.push(...layout.newFileColumns);
        const next = nextId(table);
        const id = String(next);
        const index = writeRow(table, undefined, { ...body, [layout.idColumn]: id }, layout);
        largestIds.set(table, next);
        return { id, record: rawAt(table, index), externalIdStored: slot !== undefined && getPath(body, slot) !== undefined };
      });
    },
    updateClient: (id, body) => updateRow('update', id, body),
    async archiveClient(id) {
      const { body } = options.mapping.encode({ status: 'archived' } satisfies Customer, `${options.mapping.vendor}:${id}`, { mode: 'update', changed: new Set(['status']) });
      await updateRow('update', id, body);
    },
    // A deleted row is emptied, not removed, so rows without an id keep their numbers (`row-<n>`).
    deleteClient: (id) =>
      change('delete', id, (table) => {
        const index = indexOf(table, id);
        if (index === undefined) throw rowNotFound(options.name, options.path, id);
        table.rows[index] = [];
      }),
    async findByExternalId(externalId) {
      if (slot === undefined) return [];
      const table = await read('list');
      const keys = columnKeys(table);
      const at = keys.indexOf(slot);
      if (at < 0) return [];
      return table.rows.flatMap((row, i) => (!isBlankRow(row) && (row[at] ?? '').trim() === externalId ? [rowToRaw(keys, row, i, layout)] : []));
    },
    async setExternalId(id, externalId) {
      if (slot === undefined) return;
      await updateRow('other', id, { [slot]: externalId });
    },
    check,
    stats: () => ({ calls: Object.values(counts).reduce((a, b) => a + b, 0), callsByKind: { ...counts }, limitResponses: 0, retries: 0, rateWaitMs: 0 }),
  };
}
