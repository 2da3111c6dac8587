import { normalizeCountry } from '../../canonical/country.js';
import { createLookupTable, type LookupEntry, type LookupTable } from '../../mapping/lookups.js';

/** The lookup the FactuurSturen mapping's `countryId` transform uses (mappings/lookups/factuursturen-countries.yaml). */
export const COUNTRY_TABLE = 'factuursturen-countries';

/** `België` → `belgie`: names compared without case, accents or punctuation. */
const nameKey = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * Builds the country table from FactuurSturen's own `/countrylist` (ids are the vendor's, and may
 * change or grow). Each id gets its ISO code by its Dutch name: first from the offline table's
 * curated names, then from the ISO country names; a name matching neither, or a code already
 * taken by an earlier id, maps to no code (that country is then written by name, which the API
 * resolves itself: "you can supply a country id or a country name", seed 002).
 */
export function toCountryTable(countries: readonly { id: string; name: string }[], offline: LookupTable | undefined): LookupTable {
  const isoByName = new Map<string, string | null>();
  for (const entry of offline?.entries ?? []) isoByName.set(nameKey(entry.name), entry.iso);
  const taken = new Set<string>();
  const entries: LookupEntry[] = [];
  const seen = new Set<string>();
  for (const { id, name } of countries) {
    if (seen.has(id)) continue;
    seen.add(id);
    const known = isoByName.get(nameKey(name));
    let iso = known === undefined ? (normalizeCountry(name) ?? null) : known;
    if (iso !== null && taken.has(iso)) iso = null;
    if (iso !== null) taken.add(iso);
    entries.push({ id, iso, name });
  }
  return createLookupTable(COUNTRY_TABLE, entries);
}
