import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MappingError } from '../../errors/index.js';
import { compileMappingText, loadMapping, type LoadMappingOptions } from '../../mapping/load.js';
import type { Mapping } from '../../mapping/mapping.js';

/*
 * Column mappings: which column of a spreadsheet holds which canonical field. `generic` is
 * `mappings/spreadsheet.yaml` (one column per canonical field, what an export writes); the others in
 * `mappings/columns/` describe the client exports of the vendors' web apps. A user's own is a
 * mapping file of `vendor: spreadsheet` with its list of documented columns beside it.
 */

/** The built-in column mappings other than `generic` (`mappings/columns/<name>.yaml`). */
export const BUILTIN_COLUMN_MAPPINGS_DIRECTORY = fileURLToPath(new URL('../../../mappings/columns/', import.meta.url));

/** The name of the generic column mapping, `mappings/spreadsheet.yaml`. */
export const GENERIC_COLUMNS = 'generic';

/** Whether a `columns:` value names a built-in column mapping rather than a file. */
export function isColumnMappingName(value: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(value);
}

/** The names of the built-in column mappings, `generic` first. */
export function builtinColumnMappings(): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(BUILTIN_COLUMN_MAPPINGS_DIRECTORY).filter((name) => name.endsWith('.yaml')).map((name) => name.slice(0, -5)).sort();
  } catch {
    // no directory: only the generic one
  }
  return [GENERIC_COLUMNS, ...names];
}

/**
 * Loads a column mapping: a built-in one by name (`generic`, `billomat-export` …) or a mapping file
 * (its documented column list is read relative to it). Throws MappingError naming the file and line.
 */
export async function loadColumnMapping(reference: string = GENERIC_COLUMNS, options: LoadMappingOptions = {}): Promise<Mapping> {
  if (reference === GENERIC_COLUMNS) return loadMapping('spreadsheet', options);
  const file = isColumnMappingName(reference) ? path.join(BUILTIN_COLUMN_MAPPINGS_DIRECTORY, `${reference}.yaml`) : path.resolve(reference);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    const known = isColumnMappingName(reference) ? ` (built-in: ${builtinColumnMappings().join(', ')})` : '';
    throw new MappingError([{ file, key: 'columns', message: `cannot read the column mapping ${reference}${known}` }]);
  }
  const mapping = await compileMappingText(text, file, options.lookups === undefined ? {} : { lookups: options.lookups });
  if (mapping.vendor !== 'spreadsheet') throw new MappingError([{ file, key: 'vendor', message: `a column mapping says vendor: spreadsheet, not ${mapping.vendor}` }]);
  return mapping;
}
