import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import { parse } from 'yaml';
import { z } from 'zod';
import { countryCodeFromName } from '../field-checks.js';

/** One row of FactuurSturen's `/countrylist` (Dutch names; ids are not ISO codes, VENDORS.md §2.7). */
export interface FsCountry {
  readonly id: string;
  readonly iso: string | null;
  readonly name: string;
}

/** FactuurSturen's country table and the lookups a write needs. */
export interface FsCountryTable {
  readonly entries: readonly FsCountry[];
  byId(id: string): FsCountry | undefined;
  byIso(iso: string): FsCountry | undefined;
  /** The id for an id or a (Dutch or English) country name, as FactuurSturen resolves writes. */
  resolve(value: string): string | undefined;
  /** The list in a language: Dutch by default, `en` in English (`/countrylist/en`, VENDORS.md §2.7). */
  list(language: string): { id: string; name: string }[];
}

const FILE = fileURLToPath(new URL('../../../mappings/lookups/factuursturen-countries.yaml', import.meta.url));

const LookupSchema = z.looseObject({
  entries: z.array(z.looseObject({ id: z.union([z.number().int(), z.string()]).transform(String), iso: z.string().nullable(), name: z.string() })),
});

/**
 * Loads the country ids recorded from FactuurSturen's real `/countrylist` (the data file
 * mappings/lookups/factuursturen-countries.yaml, read here as data, not through the mapping code).
 */
export async function loadFsCountryTable(file = FILE): Promise<FsCountryTable> {
  const { entries } = LookupSchema.parse(parse(await readFile(file, 'utf8')));
  const ids = new Map(entries.map((entry) => [entry.id, entry]));
  const isos = new Map(entries.filter((entry) => entry.iso !== null).map((entry) => [entry.iso ?? '', entry]));
  const dutch = new Map(entries.map((entry) => [entry.name.toLowerCase(), entry.id]));
  const sorted = [...entries].sort((a, b) => Number(a.id) - Number(b.id));
  return {
    entries: sorted,
    byId: (id) => ids.get(id),
    byIso: (iso) => isos.get(iso),
    resolve(value) {
      const trimmed = value.trim();
      if (/^\d+$/.test(trimmed)) return ids.has(String(Number(trimmed))) ? String(Number(trimmed)) : undefined;
      const byName = dutch.get(trimmed.toLowerCase());
      if (byName !== undefined) return byName;
      const iso = countryCodeFromName(trimmed);
      return iso === undefined ? undefined : isos.get(iso)?.id;
    },
    list(language) {
      return sorted.map((entry) => ({
        id: entry.id,
        name: language === 'nl' || entry.iso === null ? entry.name : (countries.getName(entry.iso, language, { select: 'official' }) ?? entry.name),
      }));
    },
  };
}
