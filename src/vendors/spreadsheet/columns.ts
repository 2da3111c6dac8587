import type { CompiledRule } from '../../mapping/compile.js';
import type { Mapping } from '../../mapping/mapping.js';

/*
 * Columns and mapping fields. A column mapping names columns by their header, as a mapping names a
 * vendor's fields: a header that is not a field name (`Company name`, `E-mail adres`) is named with
 * every run of other signs turned into `_` (`Company_name`, `E-mail_adres`). Lists (contacts, custom
 * values) take numbered columns: `contacts.1.email`, `contacts.2.email`, `custom_values.1.value` ….
 */

/** The mapping field name of a header: the header, with every run of signs a field name cannot hold turned into `_`. */
export function columnKey(header: string): string {
  const key = header.trim().replace(/[^A-Za-z0-9_@.-]+/g, '_').replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '_');
  if (key === '') return '_';
  return /^[A-Za-z_]/.test(key) ? key : `_${key}`;
}

const LIST_COLUMN = /^([A-Za-z_][\w@-]*)\.(\d+)\.(.+)$/;

/** A numbered list column (`contacts.2.email`) split into list, 0-based item and field; undefined for other columns. */
export function listColumn(key: string, lists: ReadonlySet<string>): { list: string; index: number; field: string } | undefined {
  const match = LIST_COLUMN.exec(key);
  if (match === null) return undefined;
  const [, list = '', number = '', field = ''] = match;
  const index = Number(number) - 1;
  return lists.has(list) && index >= 0 ? { list, index, field } : undefined;
}

/** The header of a numbered list column. */
export function listColumnHeader(list: string, index: number, field: string): string {
  return `${list}.${index + 1}.${field}`;
}

/** What the connector needs to know of its column mapping. */
export interface ColumnLayout {
  /** The column holding a row's id (the mapping's native id). */
  readonly idColumn: string;
  /** Mapping fields that are lists of numbered columns, with their item fields in mapping order. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** The columns of a new file, in mapping order: the id and every field the mapping writes (lists come as they fill). */
  readonly newFileColumns: readonly string[];
  /** Every column name the mapping accounts for outside lists, read-only and unsupported ones included. */
  readonly named: ReadonlySet<string>;
}

function itemFields(rules: readonly CompiledRule[]): string[] {
  return rules.filter((rule) => rule.kind !== 'unsupported').flatMap((rule) => (typeof rule.vendor === 'string' ? [rule.vendor] : Object.values(rule.vendor)));
}

/** The column layout of a column mapping. */
export function columnLayout(mapping: Mapping): ColumnLayout {
  const idColumn = mapping.identity.nativeId;
  const lists = new Map<string, readonly string[]>();
  const columns: string[] = [idColumn];
  for (const rule of mapping.rules) {
    if (rule.list !== undefined && typeof rule.vendor === 'string') {
      lists.set(rule.vendor, itemFields(rule.list.rules));
      continue;
    }
    if (rule.kind !== 'mapped' || rule.object !== undefined) continue;
    // A field written as an object (three reference lines) takes a column per part.
    const absent = rule.codec?.absent;
    const parts = absent !== null && typeof absent === 'object' && !Array.isArray(absent) ? Object.keys(absent) : [''];
    for (const name of typeof rule.vendor === 'string' ? [rule.vendor] : Object.values(rule.vendor)) {
      for (const part of parts) {
        const column = part === '' ? name : `${name}.${part}`;
        if (!columns.includes(column)) columns.push(column);
      }
    }
  }
  const named = new Set([idColumn, ...mapping.rules.flatMap((rule) => (typeof rule.vendor === 'string' ? [rule.vendor] : Object.values(rule.vendor)))]);
  return { idColumn, lists, newFileColumns: columns, named };
}

/**
 * The headers of a file that its column mapping does not name (a header spelled otherwise than the
 * mapping's column, a column of the user's own): read by nothing, and kept as they are by rewrites.
 */
export function unnamedHeaders(headers: readonly string[], layout: ColumnLayout): string[] {
  const lists = new Set(layout.lists.keys());
  return headers.filter((header) => {
    const key = columnKey(header);
    const list = listColumn(key, lists);
    if (list !== undefined) return !(layout.lists.get(list.list) ?? []).includes(list.field);
    // `reference_lines.line1` is a part of the field reference_lines.
    return !layout.named.has(key) && !layout.named.has(key.split('.')[0] ?? key);
  });
}
