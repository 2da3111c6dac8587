import fc from 'fast-check';
import { allCountryCodes } from '../../src/canonical/country.js';
import { canonicalField } from '../../src/canonical/fields.js';
import { structuredMessageCheck } from '../../src/canonical/structured-message.js';
import type { Customer } from '../../src/canonical/customer.js';
import type { FieldMapping, Mapping } from '../../src/mapping/mapping.js';

/*
 * fast-check arbitraries for canonical values, shaped by what a vendor's mapping says it can hold.
 * Used by the property tests: decode(encode(c)) == c, and "survives" means survives.
 */

const PLAIN = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const SPECIAL = [' ', '-', '.', ',', '&', '/', "'", '(', ')', 'é', 'ß', 'ø', 'Ł', 'ü', 'Ñ', '中', 'ש', '😀', 'ﬁ', 'e\u0301'];

/** Trimmed, non-empty text without control characters: letters, digits, accents, RTL, emoji, combining marks. */
export function textArb(maxLength: number, multiline = false): fc.Arbitrary<string> {
  const unit = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PLAIN) }, { weight: 2, arbitrary: fc.constantFrom(...SPECIAL, ...(multiline ? ['\n'] : [])) });
  return fc
    .array(unit, { minLength: 1, maxLength: Math.max(1, Math.min(maxLength, 40)) })
    .map((parts) => parts.join('').trim())
    .filter((s) => s.length > 0 && [...s].length <= maxLength);
}

const IBANS = ['BE68539007547034', 'NL91ABNA0417164300', 'DE89370400440532013000', 'FR1420041010050500013M02606', 'LU280019400644750000'];
const BICS = ['GEBABEBB', 'INGBNL2A', 'COBADEFFXXX', 'BNPAFRPP'];
const VATS = ['BE0123456749', 'NL001234567B01', 'DE136695976', 'FR40303265045', 'LU26375245'];

function emailArb(): fc.Arbitrary<string> {
  const word = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
  return fc.tuple(word, fc.option(fc.constantFrom('.', '+', '_', '-'), { nil: '' }), word, word, fc.constantFrom('be', 'nl', 'de', 'com', 'eu')).map(
    ([a, sep, b, domain, tld]) => `${a}${sep}${sep === '' ? '' : b}@${domain}.${tld}`,
  );
}

function urlArb(): fc.Arbitrary<string> {
  const word = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
  return fc.tuple(fc.constantFrom('', 'http://', 'https://'), fc.constantFrom('', 'www.'), word, fc.constantFrom('be', 'nl', 'de', 'com'), fc.constantFrom('', '/contact')).map(
    ([scheme, www, name, tld, rest]) => `${scheme}${www}${name}.${tld}${rest}`,
  );
}

function dateArb(): fc.Arbitrary<string> {
  return fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2035, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
}

/**
 * A value for one canonical field that every given mapping of it can hold (shortest length, any
 * format one of them demands), or undefined if the test should skip the field.
 */
export function valueArb(path: string, field: FieldMapping, others: readonly FieldMapping[] = []): fc.Arbitrary<unknown> | undefined {
  const all = [field, ...others];
  const limit = all.map((f) => f.rule.limit).find((l) => l?.format !== undefined) ?? field.rule.limit;
  const lengths = all.flatMap((f) => (f.maxLength === undefined ? [] : [f.maxLength]));
  const max = lengths.length > 0 ? Math.min(...lengths) : 60;
  if (path.startsWith('extensions.')) {
    // A spreadsheet's JSON column holds whatever the owning vendor's field holds: generate for that one.
    const typed = all.find((f) => f.transform !== 'json') ?? field;
    switch (typed.transform) {
      case 'numberString':
        return fc.integer({ min: 0, max: 99_999 });
      case 'zeroOne':
        return fc.boolean();
      case 'json':
        return textArb(max);
      default:
        return undefined;
    }
  }
  const canonical = canonicalField(path);
  if (canonical === undefined) return undefined;
  switch (canonical.kind) {
    case 'text':
      if (limit?.format === 'email' || path.endsWith('email')) return emailArb().filter((e) => e.length <= max);
      if (path === 'number') return fc.tuple(fc.constantFrom('', 'KD', 'B', 'C-'), fc.integer({ min: 0, max: 999_999 }), fc.boolean()).map(([p, n, pad]) => `${p}${pad ? String(n).padStart(6, '0') : String(n)}`);
      if (limit?.format === 'iban' || path.endsWith('.iban')) return fc.constantFrom(...IBANS);
      if (limit?.format === 'bic' || path.endsWith('.bic')) return fc.constantFrom(...BICS);
      if (limit?.format === 'vat' || path === 'tax.vatNumber') return fc.constantFrom(...VATS, 'BE 0123.456.749', 'NL 0012.34567.B01', 'DE 136 695 976');
      if (path.endsWith('website')) return urlArb().filter((u) => u.length <= max);
      if (limit?.format === 'integer') return fc.integer({ min: 1, max: 999_999 }).map(String);
      return textArb(max);
    case 'multiline':
      return textArb(max, true);
    case 'country':
      return fc.constantFrom(...allCountryCodes());
    case 'language':
      return fc.constantFrom('nl', 'fr', 'en', 'de', 'es', 'it', 'pl');
    case 'currency':
      return fc.constantFrom('EUR', 'USD', 'GBP', 'CHF', 'PLN', 'SEK');
    case 'date':
      return dateArb();
    case 'boolean':
      return fc.boolean();
    case 'days':
      return fc.integer({ min: 0, max: limit?.max ?? 365 });
    case 'signedDays':
      return fc.integer({ min: -30, max: 365 });
    case 'percent':
      return fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100);
    case 'structuredMessage':
      return fc.integer({ min: 1, max: 9_999_999_999 }).map((n) => {
        const first = String(n).padStart(10, '0');
        return `${first}${String(structuredMessageCheck(first)).padStart(2, '0')}`;
      });
    case 'enum':
      return fc.constantFrom(...(canonical.values ?? []));
    case 'enumList':
      return fc.uniqueArray(fc.constantFrom(...(canonical.values ?? [])), { minLength: 1, maxLength: 3 });
    case 'textList':
      return fc.array(textArb(40), { minLength: 1, maxLength: 3 });
    case 'datetime':
    case 'count':
    case 'amount':
    case 'extension':
      return undefined;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1) ?? path] = value;
}

export function getPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source);
}

/** Builds a canonical record from a flat path → value map (list items under `contacts[]`). */
export function buildCustomer(values: Readonly<Record<string, unknown>>, vendor: string): Customer {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (path.startsWith('extensions.')) {
      const key = path.slice(`extensions.${vendor}.`.length);
      const ext = ((out.extensions ??= {}) as Record<string, Record<string, unknown>>);
      (ext[vendor] ??= {})[key] = value;
    } else setPath(out, path, value);
  }
  return out;
}

/** Whether every given mapping can hold `value` at `path` (no issue, nothing dropped). */
export function allCanHold(mappings: readonly Mapping[], path: string, value: unknown): boolean {
  return mappings.every((mapping) => {
    const list = path.includes('[]') ? path.slice(0, path.indexOf('[]')) : undefined;
    let customer: Customer;
    if (list !== undefined) {
      const item: Record<string, unknown> = {};
      setPath(item, path.slice(list.length + 3), value);
      if (list === 'customValues') {
        item.name ??= 'key';
        item.value ??= 'value';
      }
      customer = { [list]: [item] };
    } else {
      customer = buildCustomer({ [path]: value }, mapping.vendor);
    }
    const result = mapping.encode(customer, 'test', { mode: 'create' });
    // Only problems with this field count: a record-level rule (EF needs a name) is not the value's fault.
    const about = (issue: { field: string }): boolean => (issue.field.split(' ')[0] ?? '').replace(/\[\d+\]/g, '[]').includes(path);
    return !result.issues.some(about) && !result.dropped.some(about);
  });
}

export interface FieldPlan {
  readonly path: string;
  readonly arbitrary: fc.Arbitrary<unknown>;
  /** The vendor refuses a record without it (always generated). */
  readonly required: boolean;
}

/** Arbitraries for the given fields, each filtered to values every mapping in `holders` can hold. */
export function fieldPlans(paths: readonly string[], source: Mapping, holders: readonly Mapping[]): FieldPlan[] {
  const plans: FieldPlan[] = [];
  for (const path of paths) {
    const field = source.fields.get(path);
    if (field === undefined) continue;
    const others = holders.flatMap((holder) => {
      const other = holder.fields.get(path);
      return other !== undefined && other !== field && other.writes ? [other] : [];
    });
    const arbitrary = valueArb(path, field, others);
    if (arbitrary === undefined) continue;
    plans.push({ path, arbitrary: arbitrary.filter((value) => allCanHold(holders, path, value)), required: field.rule.limit?.required === true });
  }
  return plans;
}

/** A flat record of optional values for the top-level fields, and lists of 1–3 items for list fields. */
export function recordArb(plans: readonly FieldPlan[]): fc.Arbitrary<Record<string, unknown>> {
  const top = plans.filter((p) => !p.path.includes('[]'));
  const byList = new Map<string, FieldPlan[]>();
  for (const plan of plans.filter((p) => p.path.includes('[]'))) {
    const list = plan.path.slice(0, plan.path.indexOf('[]'));
    byList.set(list, [...(byList.get(list) ?? []), plan]);
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const plan of top) record[plan.path] = plan.required ? plan.arbitrary : fc.option(plan.arbitrary, { nil: undefined, freq: 3 });
  for (const [list, items] of byList) {
    const key = list === 'customValues' ? 'name' : 'name';
    const item: Record<string, fc.Arbitrary<unknown>> = {};
    for (const plan of items) {
      const sub = plan.path.slice(list.length + 3);
      item[sub] = sub === key || (list === 'customValues' && sub === 'value') ? plan.arbitrary : fc.option(plan.arbitrary, { nil: undefined });
    }
    const itemArb = fc.record(item).map((value) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) setPath(out, k, v);
      return out;
    });
    record[list] = fc.option(fc.array(itemArb, { minLength: 1, maxLength: 3 }), { nil: undefined });
  }
  return fc.record(record);
}
