import { createLookupTable, type LookupTable } from '../../src/mapping/lookups.js';
import { TRANSFORMS, type Codec } from '../../src/mapping/transforms/index.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const noWarn = (): void => undefined;

/** Builds a codec from the registry as a mapping file would: by name and parameters. */
export function codecOf(name: string, params: Record<string, unknown> = {}, lookups: Record<string, LookupTable> = {}): Codec & { decodeValue(v: unknown): unknown; warnings(v: unknown): string[] } {
  const definition = TRANSFORMS.get(name);
  if (definition === undefined) throw new Error(`no transform ${name}`);
  const parsed = definition.params.parse(params);
  const codec = definition.create(parsed, {
    lookup: (table) => {
      const found = lookups[table] ?? (table === 'factuursturen-countries' ? factuursturenCountries() : undefined);
      if (found === undefined) throw new Error(`no table ${table}`);
      return found;
    },
  });
  return {
    ...codec,
    decode: codec.decode.bind(codec),
    encode: codec.encode.bind(codec),
    decodeValue: (v) => codec.decode(v, noWarn),
    warnings: (v) => {
      const out: string[] = [];
      codec.decode(v, (m) => out.push(m));
      return out;
    },
  };
}

let countries: LookupTable | undefined;

/** The shipped FactuurSturen country table. */
export function factuursturenCountries(): LookupTable {
  if (countries !== undefined) return countries;
  const file = parse(readFileSync(new URL('../../mappings/lookups/factuursturen-countries.yaml', import.meta.url), 'utf8')) as {
    entries: { id: number; iso: string | null; name: string }[];
  };
  countries = createLookupTable('factuursturen-countries', file.entries.map((e) => ({ id: String(e.id), iso: e.iso, name: e.name })));
  return countries;
}
