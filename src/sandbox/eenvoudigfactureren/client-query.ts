import type { JsonRecord } from '../reply.js';
import { asText } from '../field-checks.js';

/** A filtered, sorted, projected view of the clients, or EF's complaint. */
export type EfQueryResult = { readonly ok: true; readonly records: readonly JsonRecord[] } | { readonly ok: false; readonly error: string };

type Operator = '=' | '!=' | '<=' | '>=' | '<' | '>' | '=~';

interface Term {
  readonly field: string;
  readonly operator: Operator;
  readonly value: string;
}

// Longest operators first, so `!=` is not read as `!` + `=`.
const OPERATOR_PATTERN = /^([A-Za-z0-9_]+)(!=|<=|>=|=~|=|<|>)(.*)$/s;
// EF's own plugins write `number__eq__123`, `date__ge__…` (VENDORS.md §1.3).
const WORD_PATTERN = /^([A-Za-z0-9_]+?)__(eq|ne|le|ge|lt|gt|like)__(.*)$/s;
const WORDS: Readonly<Record<string, Operator>> = { eq: '=', ne: '!=', le: '<=', ge: '>=', lt: '<', gt: '>', like: '=~' };

/** Parses `?filter=` (comma-separated `field<op>value` terms, api-zoeken-filteren-en-sorteren). */
export function parseEfFilter(filter: string): Term[] | undefined {
  const terms: Term[] = [];
  for (const part of filter.split(',')) {
    if (part === '') continue;
    const word = WORD_PATTERN.exec(part);
    if (word !== null) {
      terms.push({ field: word[1] ?? '', operator: WORDS[word[2] ?? ''] ?? '=', value: word[3] ?? '' });
      continue;
    }
    const symbol = OPERATOR_PATTERN.exec(part);
    if (symbol === null) return undefined;
    terms.push({ field: symbol[1] ?? '', operator: (symbol[2] ?? '=') as Operator, value: symbol[3] ?? '' });
  }
  return terms;
}

function compare(actual: string, expected: string): number {
  const a = Number(actual);
  const b = Number(expected);
  if (actual !== '' && expected !== '' && Number.isFinite(a) && Number.isFinite(b)) return a - b;
  return actual < expected ? -1 : actual > expected ? 1 : 0;
}

function test(record: JsonRecord, term: Term): boolean {
  const raw = record[term.field];
  const actual = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
  switch (term.operator) {
    case '=':
      return actual === term.value;
    case '!=':
      return actual !== term.value;
    case '=~':
      return actual.toLowerCase().includes(term.value.toLowerCase());
    case '<':
      return compare(actual, term.value) < 0;
    case '>':
      return compare(actual, term.value) > 0;
    case '<=':
      return compare(actual, term.value) <= 0;
    case '>=':
      return compare(actual, term.value) >= 0;
  }
}

const isScalar = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number';

/**
 * Applies `filter`, `search` (one case-insensitive term over the top-level text fields) and `sort`
 * (`field` or `-field`, several joined with `+`). Only top-level fields can be filtered or sorted;
 * anything else is refused as EF does ("an unsortable field returns an error", VENDORS.md §1.3).
 */
export function queryEfClients(all: readonly JsonRecord[], query: URLSearchParams): EfQueryResult {
  let records = all;
  const sample = all[0];
  const filter = query.get('filter');
  if (filter !== null && filter !== '') {
    const terms = parseEfFilter(filter);
    if (terms === undefined) return { ok: false, error: 'filter invalid' };
    const unknown = terms.find((term) => sample !== undefined && !isScalar(sample[term.field]));
    if (unknown !== undefined) return { ok: false, error: `filter field ${unknown.field} unknown` };
    records = records.filter((record) => terms.every((term) => test(record, term)));
  }
  const search = query.get('search')?.toLowerCase();
  if (search !== undefined && search !== '') {
    records = records.filter((record) => Object.values(record).some((value) => typeof value === 'string' && value.toLowerCase().includes(search)));
  }
  const sort = query.get('sort');
  if (sort !== null && sort !== '') {
    const keys = sort.split(/[+ ]/).filter((key) => key !== '').map((key) => ({ field: key.replace(/^-/, ''), descending: key.startsWith('-') }));
    const bad = keys.find((key) => sample !== undefined && !isScalar(sample[key.field]));
    if (bad !== undefined) return { ok: false, error: `sort field ${bad.field} invalid` };
    records = [...records].sort((a, b) => {
      for (const key of keys) {
        const order = compare(asText(a[key.field]), asText(b[key.field]));
        if (order !== 0) return key.descending ? -order : order;
      }
      return 0;
    });
  }
  return { ok: true, records };
}

/** Keeps only the requested top-level fields (`?fields=name,email_address`). */
export function projectEfFields(records: readonly JsonRecord[], fields: string | null): readonly JsonRecord[] {
  if (fields === null || fields === '') return records;
  const keep = fields.split(',').map((field) => field.trim());
  return records.map((record) => Object.fromEntries(keep.filter((key) => key in record).map((key) => [key, record[key]])));
}
