import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigIssue } from '../errors/index.js';
import { MappingError } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import { compileMapping } from './compile.js';
import { loadLookupTable, type LookupTable } from './lookups.js';
import { createMapping, type Mapping } from './mapping.js';
import { DocumentedFileSchema, MappingFileSchema } from './schema.js';

/** The mappings shipped with client-sync (`<package>/mappings`). */
export const BUILTIN_MAPPINGS_DIRECTORY = fileURLToPath(new URL('../../mappings/', import.meta.url));

export interface LoadMappingOptions {
  /** Directory holding `<vendor>.yaml`, `documented/` and `lookups/`. Default: the built-in mappings. */
  readonly directory?: string;
  /** Lookup tables to use instead of the files (e.g. a country list refreshed from the vendor). */
  readonly lookups?: Readonly<Record<string, LookupTable>>;
}

interface ParsedYaml {
  readonly value: unknown;
  readonly lineOf: (at: readonly (string | number)[]) => number | undefined;
}

/** Parses YAML keeping a way back from a node path to its line; YAML syntax errors become MappingErrors. */
export function parseYamlWithLines(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, merge: false });
  if (document.errors.length > 0) {
    throw new MappingError(document.errors.slice(0, 3).map((error) => ({ file, line: error.linePos?.[0].line, key: 'yaml', message: error.message.split('\n')[0] ?? error.message })));
  }
  const lineOf = (at: readonly (string | number)[]): number | undefined => {
    const node = nodeAt(document, at);
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { value: document.toJS({ maxAliasCount: 1000 }) as unknown, lineOf };
}

/** The node at a path; for a key of a map, the key itself, so a message points at the line that names it. */
function nodeAt(document: Document, at: readonly (string | number)[]): Node | undefined {
  let node: unknown = document.contents;
  let found: Node | undefined;
  for (const key of at) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair === undefined) return found ?? node;
      found = isScalar(pair.key) ? pair.key : node;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (item === undefined) return found ?? node;
      node = item;
      found = isAlias(item) || isMap(item) || isSeq(item) || isScalar(item) ? item : found;
    } else break;
  }
  return found;
}

function issuesFromZod(file: string, lineOf: ParsedYaml['lineOf'], value: unknown, issues: readonly { path: PropertyKey[]; message: string }[]): ConfigIssue[] {
  return issues.map((issue) => {
    const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    return { file, line: lineOf(at), key: describePath(value, at), message: issue.message };
  });
}

/** `fields[3] (tax_code).limit` rather than `fields.3.limit`. */
function describePath(value: unknown, at: readonly (string | number)[]): string {
  let node = value;
  let out = '';
  for (const key of at) {
    if (typeof key === 'number') {
      node = Array.isArray(node) ? node[key] : undefined;
      const vendor = typeof node === 'object' && node !== null && 'vendor' in node ? (node).vendor : undefined;
      out += `[${key}]${typeof vendor === 'string' ? ` (${vendor})` : ''}`;
    } else {
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
      out += out === '' ? key : `.${key}`;
    }
  }
  return out || '(file)';
}

async function loadLookups(directory: string, overrides: Readonly<Record<string, LookupTable>>): Promise<Map<string, LookupTable>> {
  const tables = new Map<string, LookupTable>(Object.entries(overrides));
  const lookupDirectory = path.join(directory, 'lookups');
  let names: string[];
  try {
    names = (await readdir(lookupDirectory)).filter((name) => name.endsWith('.yaml')).map((name) => name.slice(0, -5));
  } catch {
    return tables;
  }
  for (const name of names) {
    if (!tables.has(name)) tables.set(name, await loadLookupTable(lookupDirectory, name));
  }
  return tables;
}

/** Reads, checks and compiles a mapping file given its text (the documented list is read from disk). */
export async function compileMappingText(text: string, file: string, options: LoadMappingOptions = {}): Promise<Mapping> {
  const directory = options.directory ?? path.dirname(file);
  const parsed = parseYamlWithLines(text, file);
  const result = MappingFileSchema.safeParse(parsed.value);
  if (!result.success) throw new MappingError(issuesFromZod(file, parsed.lineOf, parsed.value, result.error.issues));
  const mapping = result.data;

  const documentedFile = path.join(directory, mapping.documented);
  let documentedText: string;
  try {
    documentedText = await readFile(documentedFile, 'utf8');
  } catch {
    throw new MappingError([{ file, line: parsed.lineOf(['documented']), key: 'documented', message: `cannot read ${documentedFile}` }]);
  }
  const documentedYaml = parseYamlWithLines(documentedText, documentedFile);
  const documented = DocumentedFileSchema.safeParse(documentedYaml.value);
  if (!documented.success) throw new MappingError(issuesFromZod(documentedFile, documentedYaml.lineOf, documentedYaml.value, documented.error.issues));
  if (documented.data.vendor !== mapping.vendor) {
    throw new MappingError([{ file, line: parsed.lineOf(['documented']), key: 'documented', message: `${mapping.documented} lists ${documented.data.vendor}'s fields, not ${mapping.vendor}'s` }]);
  }

  const lookups = await loadLookups(directory, options.lookups ?? {});
  const compiled = compileMapping({ file, mapping, documented: documented.data, documentedFile: mapping.documented, lookups, lineOf: parsed.lineOf });
  if (compiled.issues.length > 0) throw new MappingError(compiled.issues);
  return createMapping({ file, identity: mapping.identity, vendor: mapping.vendor, rules: compiled.rules, lookups });
}

/** Loads the mapping of one vendor (`mappings/<vendor>.yaml`), checked against its documented fields. */
export async function loadMapping(vendor: VendorId, options: LoadMappingOptions = {}): Promise<Mapping> {
  const directory = options.directory ?? BUILTIN_MAPPINGS_DIRECTORY;
  const file = path.join(directory, `${vendor}.yaml`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new MappingError([{ file, key: vendor, message: `no mapping file for ${vendor} in ${directory}` }]);
  }
  const mapping = await compileMappingText(text, file, { ...options, directory });
  if (mapping.vendor !== vendor) throw new MappingError([{ file, key: 'vendor', message: `the file maps ${mapping.vendor}, expected ${vendor}` }]);
  return mapping;
}

/** Loads the built-in (or given) mappings: the three vendors' and the spreadsheet's generic column mapping. */
export async function loadMappings(options: LoadMappingOptions = {}): Promise<Record<VendorId, Mapping>> {
  const [eenvoudigfactureren, factuursturen, billomat, spreadsheet] = await Promise.all([
    loadMapping('eenvoudigfactureren', options),
    loadMapping('factuursturen', options),
    loadMapping('billomat', options),
    loadMapping('spreadsheet', options),
  ]);
  return { eenvoudigfactureren, factuursturen, billomat, spreadsheet };
}
