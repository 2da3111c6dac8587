import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { MappingError } from '../errors/index.js';

/** A two-way lookup between vendor ids and canonical codes, loaded from `mappings/lookups/<name>.yaml`. */
export interface LookupTable {
  readonly name: string;
  readonly entries: readonly LookupEntry[];
  /** Vendor id → canonical code (null when the vendor id has no canonical counterpart). */
  toCanonical(vendorId: string): string | null | undefined;
  /** Canonical code → vendor id. */
  toVendor(code: string): string | undefined;
}

export interface LookupEntry {
  readonly id: string;
  readonly iso: string | null;
  readonly name: string;
  readonly note?: string;
}

const LookupFileSchema = z.strictObject({
  version: z.literal(1),
  name: z.string(),
  entries: z.array(
    z.strictObject({
      id: z.union([z.number().int(), z.string()]).transform(String),
      iso: z.string().regex(/^[A-Z]{2}$/).nullable(),
      name: z.string(),
      note: z.string().optional(),
    }),
  ),
});

/** Builds a lookup table, refusing duplicates in either direction. */
export function createLookupTable(name: string, entries: readonly LookupEntry[]): LookupTable {
  const byId = new Map<string, string | null>();
  const byCode = new Map<string, string>();
  for (const entry of entries) {
    if (byId.has(entry.id)) throw new Error(`lookup ${name}: id ${entry.id} appears twice`);
    byId.set(entry.id, entry.iso);
    if (entry.iso === null) continue;
    if (byCode.has(entry.iso)) throw new Error(`lookup ${name}: code ${entry.iso} appears twice`);
    byCode.set(entry.iso, entry.id);
  }
  return {
    name,
    entries,
    toCanonical: (vendorId) => byId.get(vendorId),
    toVendor: (code) => byCode.get(code),
  };
}

/** Reads `mappings/lookups/<name>.yaml`. */
export async function loadLookupTable(directory: string, name: string): Promise<LookupTable> {
  const file = path.join(directory, `${name}.yaml`);
  const parsed = LookupFileSchema.safeParse(parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new MappingError(parsed.error.issues.map((issue) => ({ file, key: issue.path.join('.'), message: issue.message })));
  }
  try {
    return createLookupTable(parsed.data.name, parsed.data.entries.map(({ note, ...rest }) => (note === undefined ? rest : { ...rest, note })));
  } catch (error) {
    throw new MappingError([{ file, key: 'entries', message: error instanceof Error ? error.message : String(error) }]);
  }
}
