import { textLength } from '../canonical/text.js';
import { canonicalField } from '../canonical/fields.js';
import type { Customer } from '../canonical/customer.js';
import type { RecordIssue } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import { normalizeBic, normalizeIban } from '../canonical/banking.js';
import { normalizeEmail } from '../canonical/email.js';
import { normalizeStructuredMessage } from '../canonical/structured-message.js';
import { normalizeVatNumber } from '../canonical/vat.js';
import type { CompiledRule } from './compile.js';
import { getPath, isAbsent, isPlainObject, jsonEqual, setPath, type JsonObject } from './_paths.js';
import type { Limit, Reference } from './schema.js';
import { toArray } from './transforms/lists.js';
import { CodecError, describeValue } from './transforms/types.js';

/** A vendor record as the connector hands it over: the vendor's JSON shape (XML parsed to the same). */
export type RawRecord = Record<string, unknown>;

export interface DecodeResult {
  /** The canonical record; meaningful only when `issues` is empty. */
  readonly customer: Customer;
  /** Values that cannot be read: the record must not be used until they are fixed. */
  readonly issues: readonly RecordIssue[];
  /** Information the canonical form could not carry (the record is still usable). */
  readonly warnings: readonly RecordIssue[];
}

export interface EncodeOptions {
  /** `create` leaves absent fields out; `update` sends them as the vendor's "empty". */
  readonly mode: 'create' | 'update';
  /** In update mode: only the rules touching these canonical paths are written (partial updates). */
  readonly changed?: ReadonlySet<string> | undefined;
}

export interface EncodeResult {
  /** The vendor body (unwrapped: connectors add envelopes such as Billomat's `{ client: … }`). */
  readonly body: RawRecord;
  /** Values the vendor cannot hold: nothing may be written while there are any. */
  readonly issues: readonly RecordIssue[];
  /** Values left out because the vendor cannot hold them and the mapping says `unfit: drop`. */
  readonly dropped: readonly RecordIssue[];
}

const partsOf = (reference: Reference): [string, string][] =>
  typeof reference === 'string' ? [['', reference]] : Object.entries(reference);

/** Turns a vendor value into something safe to keep in `extensions` (JSON only). */
function toJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

export interface RecordCodec {
  decode(raw: RawRecord, record: string): DecodeResult;
  encode(customer: Customer, record: string, options: EncodeOptions): EncodeResult;
}

/** Builds the record-level decoder and encoder of one vendor from its compiled rules. */
export function createRecordCodec(vendor: VendorId, rules: readonly CompiledRule[]): RecordCodec {
  function vendorLabel(rule: CompiledRule, prefix: string): string {
    return partsOf(rule.vendor).map(([, name]) => (prefix === '' ? name : `${prefix}.${name}`)).join('+');
  }

  function fieldLabel(rule: CompiledRule, listIndex: number | undefined, vendorPrefix: string): string {
    // A rule over several canonical fields is named by its first (`name` for EF's name-or-person).
    const first = rule.object === undefined && rule.list === undefined ? rule.canonicalPaths.slice(0, 1) : rule.canonicalPaths;
    const canonical = first.map((p) => (listIndex === undefined ? p : p.replace('[]', `[${listIndex}]`))).join('+');
    return `${canonical || `extensions.${vendor}`} (${vendor} ${vendorLabel(rule, vendorPrefix)})`;
  }

  // ---------------------------------------------------------------- decode

  function readVendorValue(rule: CompiledRule, source: JsonObject): unknown {
    if (typeof rule.vendor === 'string') {
      const value = getPath(source, rule.vendor);
      if (!isAbsent(value) || rule.alias === undefined) return isAbsent(value) ? undefined : value;
      const alias = getPath(source, rule.alias);
      return isAbsent(alias) ? undefined : alias;
    }
    const parts: JsonObject = {};
    let any = false;
    for (const [part, name] of partsOf(rule.vendor)) {
      const value = getPath(source, name);
      if (!isAbsent(value)) {
        parts[part] = value;
        any = true;
      }
    }
    return any ? parts : undefined;
  }

  interface DecodeState {
    readonly record: string;
    readonly issues: RecordIssue[];
    readonly warnings: RecordIssue[];
    readonly extensions: JsonObject;
  }

  function decodeRules(list: readonly CompiledRule[], source: JsonObject, target: JsonObject, state: DecodeState, item: { index: number; prefix: string } | undefined, vendorPrefix: string): void {
    for (const rule of list) {
      if (rule.kind === 'unsupported' || rule.canonicalPaths.length === 0) continue;
      const field = fieldLabel(rule, item?.index, vendorPrefix);
      if (rule.object !== undefined) {
        const nested = typeof rule.vendor === 'string' ? getPath(source, rule.vendor) : undefined;
        if (isAbsent(nested)) continue;
        if (!isPlainObject(nested)) {
          state.issues.push({ record: state.record, field, rule: 'an object', actual: describeValue(nested) });
          continue;
        }
        decodeRules(rule.object, nested, target, state, item, vendorLabel(rule, vendorPrefix));
        continue;
      }
      if (rule.list !== undefined) {
        decodeList(rule, source, target, state, field, vendorPrefix);
        continue;
      }
      const value = readVendorValue(rule, source);
      if (value === undefined) continue;
      const warn = (message: string): void => {
        state.warnings.push({ record: state.record, field, rule: message, actual: describeValue(value) });
      };
      let decoded: unknown;
      try {
        decoded = rule.codec === undefined ? toJson(value) : rule.codec.decode(value, warn);
      } catch (error) {
        if (!(error instanceof CodecError)) throw error;
        state.issues.push({ record: state.record, field, rule: error.rule, actual: error.actual });
        continue;
      }
      if (rule.keepRaw && rule.extensionKey !== undefined) state.extensions[rule.extensionKey] = toJson(value);
      if (decoded === undefined) continue;
      if (rule.kind === 'vendorOnly') {
        if (rule.extensionKey !== undefined) state.extensions[rule.extensionKey] = toJson(decoded);
        continue;
      }
      rule.canonicalPaths.forEach((path, i) => {
        const part = rule.canonicalParts[i] ?? '';
        const partValue = part === '' ? decoded : isPlainObject(decoded) ? decoded[part] : undefined;
        if (partValue === undefined) return;
        const check = canonicalField(path)?.schema.safeParse(partValue);
        if (check !== undefined && !check.success) {
          state.issues.push({ record: state.record, field, rule: check.error.issues[0]?.message ?? 'invalid', actual: describeValue(partValue) });
          return;
        }
        setPath(target, relativeTo(path, item?.prefix), partValue);
      });
    }
  }

  function decodeList(rule: CompiledRule, source: JsonObject, target: JsonObject, state: DecodeState, field: string, vendorPrefix: string): void {
    let items: unknown[];
    try {
      items = toArray(typeof rule.vendor === 'string' ? getPath(source, rule.vendor) : undefined, rule.list?.element);
    } catch (error) {
      if (!(error instanceof CodecError)) throw error;
      state.issues.push({ record: state.record, field, rule: error.rule, actual: error.actual });
      return;
    }
    const decoded: JsonObject[] = [];
    const listPath = typeof rule.canonical === 'string' ? rule.canonical : '';
    const itemSchema = itemSchemaOf(listPath);
    items.forEach((item, index) => {
      if (!isPlainObject(item)) {
        state.issues.push({ record: state.record, field: `${listPath}[${index}]`, rule: 'an object', actual: describeValue(item) });
        return;
      }
      const out: JsonObject = {};
      decodeRules(rule.list?.rules ?? [], item, out, state, { index, prefix: `${listPath}[].` }, `${vendorLabel(rule, vendorPrefix)}[${index}]`);
      if (Object.keys(out).length === 0) return;
      // An item without its required fields (a custom value with an empty value) means "not set".
      if (itemSchema !== undefined && !itemSchema(out)) return;
      decoded.push(out);
    });
    if (decoded.length > 0) setPath(target, listPath, decoded);
  }

  function decode(raw: RawRecord, record: string): DecodeResult {
    const state: DecodeState = { record, issues: [], warnings: [], extensions: {} };
    const customer: JsonObject = {};
    decodeRules(rules, raw, customer, state, undefined, '');
    if (Object.keys(state.extensions).length > 0) customer.extensions = { [vendor]: state.extensions };
    // The canonical record is assembled only from values checked against their canonical field above.
    return { customer: customer, issues: state.issues, warnings: state.warnings };
  }

  // ---------------------------------------------------------------- encode

  interface EncodeState {
    readonly record: string;
    readonly mode: 'create' | 'update';
    readonly changed: ReadonlySet<string> | undefined;
    readonly issues: RecordIssue[];
    readonly dropped: RecordIssue[];
    readonly extensions: JsonObject | undefined;
  }

  function touches(rule: CompiledRule, changed: ReadonlySet<string> | undefined): boolean {
    return changed === undefined || rule.canonicalPaths.some((path) => changed.has(path));
  }

  function readCanonical(rule: CompiledRule, source: JsonObject, state: EncodeState, itemPrefix: string | undefined): unknown {
    if (rule.kind === 'vendorOnly') return rule.extensionKey === undefined ? undefined : state.extensions?.[rule.extensionKey];
    if (typeof rule.canonical === 'string') return getPath(source, relativeTo(rule.canonicalPaths[0] ?? '', itemPrefix));
    const parts: JsonObject = {};
    let any = false;
    for (const [i, path] of rule.canonicalPaths.entries()) {
      const value = getPath(source, relativeTo(path, itemPrefix));
      if (value !== undefined) {
        parts[rule.canonicalParts[i] ?? ''] = value;
        any = true;
      }
    }
    return any ? parts : undefined;
  }

  function writeVendor(rule: CompiledRule, target: JsonObject, value: unknown): void {
    if (typeof rule.vendor === 'string') {
      setPath(target, rule.vendor, value);
      return;
    }
    const parts = isPlainObject(value) ? value : {};
    for (const [part, name] of Object.entries(rule.vendor)) {
      if (parts[part] !== undefined) setPath(target, name, parts[part]);
    }
  }

  function encodeRules(list: readonly CompiledRule[], source: JsonObject, target: JsonObject, state: EncodeState, item: { index: number; prefix: string } | undefined, vendorPrefix: string, whole: boolean): void {
    for (const rule of list) {
      if (!rule.writes) continue;
      if (rule.createOnly && state.mode === 'update') continue;
      if (!whole && !touches(rule, state.changed)) continue;
      const field = fieldLabel(rule, item?.index, vendorPrefix);
      if (rule.object !== undefined) {
        const nested: JsonObject = {};
        const hasValues = rule.canonicalPaths.some((path) => getPath(source, relativeTo(path, item?.prefix)) !== undefined);
        if (!hasValues && state.mode === 'create') continue;
        const clearing = !hasValues;
        encodeRules(rule.object, source, nested, clearing ? { ...state, mode: 'update' } : state, item, vendorLabel(rule, vendorPrefix), true);
        writeVendor(rule, target, nested);
        continue;
      }
      if (rule.list !== undefined) {
        encodeList(rule, source, target, state, vendorPrefix);
        continue;
      }
      const value = readCanonical(rule, source, state, item?.prefix);
      if (value === undefined) {
        if (rule.limit?.required === true && !(state.mode === 'update' && whole && isClearing(source, rule, item?.prefix))) {
          if (state.mode === 'create' || !whole) state.issues.push({ record: state.record, field, rule: `required by ${vendor}`, actual: 'nothing' });
        }
        if (state.mode === 'create' || rule.kind === 'vendorOnly') continue;
        writeVendor(rule, target, rule.codec?.absent ?? absentParts(rule));
        continue;
      }
      const encoded = encodeValue(rule, value, state, field);
      if (encoded !== undefined) writeVendor(rule, target, encoded);
    }
  }

  function isClearing(source: JsonObject, rule: CompiledRule, itemPrefix: string | undefined): boolean {
    return rule.canonicalPaths.every((path) => getPath(source, relativeTo(path, itemPrefix)) === undefined);
  }

  function absentParts(rule: CompiledRule): unknown {
    if (typeof rule.vendor === 'string') return '';
    return Object.fromEntries(Object.keys(rule.vendor).map((part) => [part, '']));
  }

  function encodeValue(rule: CompiledRule, value: unknown, state: EncodeState, field: string): unknown {
    // keepRaw: an unchanged value goes back in the vendor's own form.
    if (rule.keepRaw && rule.extensionKey !== undefined && rule.codec !== undefined) {
      const raw = state.extensions?.[rule.extensionKey];
      if (raw !== undefined) {
        try {
          if (jsonEqual(rule.codec.decode(raw, () => undefined), value)) return raw;
        } catch {
          // A raw value that no longer decodes is ignored; the canonical value is written instead.
        }
      }
    }
    let encoded: unknown;
    try {
      encoded = rule.codec === undefined ? value : rule.codec.encode(value);
    } catch (error) {
      if (!(error instanceof CodecError)) throw error;
      return unfit(rule, state, { record: state.record, field, rule: error.rule, actual: error.actual });
    }
    const broken = rule.limit === undefined ? undefined : checkLimit(rule.limit, encoded);
    if (broken !== undefined) return unfit(rule, state, { record: state.record, field, rule: broken.rule, actual: broken.actual });
    return encoded;
  }

  function unfit(rule: CompiledRule, state: EncodeState, problem: RecordIssue): undefined {
    (rule.unfit === 'drop' ? state.dropped : state.issues).push(problem);
    return undefined;
  }

  function encodeList(rule: CompiledRule, source: JsonObject, target: JsonObject, state: EncodeState, vendorPrefix: string): void {
    const listPath = typeof rule.canonical === 'string' ? rule.canonical : '';
    const items = getPath(source, listPath);
    if (!Array.isArray(items)) {
      if (state.mode === 'update') writeVendor(rule, target, []);
      return;
    }
    const out = items.map((value, index) => {
      const encoded: JsonObject = {};
      if (isPlainObject(value)) {
        encodeRules(rule.list?.rules ?? [], value, encoded, { ...state, mode: 'create' }, { index, prefix: `${listPath}[].` }, `${vendorLabel(rule, vendorPrefix)}[${index}]`, true);
      }
      return encoded;
    });
    writeVendor(rule, target, out);
  }

  function encode(customer: Customer, record: string, options: EncodeOptions): EncodeResult {
    const state: EncodeState = {
      record, mode: options.mode, changed: options.mode === 'update' ? options.changed : undefined, issues: [], dropped: [],
      extensions: customer.extensions?.[vendor],
    };
    const body: JsonObject = {};
    encodeRules(rules, customer, body, state, undefined, '', false);
    return { body, issues: state.issues, dropped: state.dropped };
  }

  return { decode, encode };
}

/** A full canonical path, relative to the list item it belongs to (when inside one). */
function relativeTo(path: string, itemPrefix: string | undefined): string {
  return itemPrefix !== undefined && path.startsWith(itemPrefix) ? path.slice(itemPrefix.length) : path;
}

// ------------------------------------------------------------------ limits

function decimalsOf(n: number): number {
  const text = String(n);
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  return text.includes('.') ? (text.split('.')[1]?.length ?? 0) : 0;
}

const FORMAT_CHECKS: Readonly<Record<NonNullable<Limit['format']>, (value: string) => boolean>> = {
  email: (v) => normalizeEmail(v).ok,
  iban: (v) => normalizeIban(v).ok,
  bic: (v) => normalizeBic(v).ok,
  vat: (v) => normalizeVatNumber(v).ok,
  structuredMessage: (v) => normalizeStructuredMessage(v).ok,
  integer: (v) => /^-?\d+$/.test(v),
  upperCase: (v) => v === v.toUpperCase(),
};

const FORMAT_NAMES: Readonly<Record<NonNullable<Limit['format']>, string>> = {
  email: 'a valid e-mail address',
  iban: 'a valid IBAN',
  bic: 'a valid BIC',
  vat: 'a valid VAT number',
  structuredMessage: 'a valid Belgian structured message',
  integer: 'a whole number',
  upperCase: 'upper case',
};

/** The first limit an encoded vendor value breaks, if any. */
export function checkLimit(limit: Limit, value: unknown): { rule: string; actual: string } | undefined {
  if (typeof value === 'string' && limit.maxLength !== undefined) {
    const length = textLength(value);
    if (length > limit.maxLength) return { rule: `at most ${limit.maxLength} characters`, actual: `${length} characters` };
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : undefined;
  if (number !== undefined && !Number.isNaN(number)) {
    if (limit.min !== undefined && number < limit.min) return { rule: `at least ${limit.min}`, actual: String(number) };
    if (limit.max !== undefined && number > limit.max) return { rule: `at most ${limit.max}`, actual: String(number) };
    if (limit.decimals !== undefined && decimalsOf(number) > limit.decimals) return { rule: `at most ${limit.decimals} decimals`, actual: String(number) };
  }
  if (limit.format !== undefined && (typeof value === 'string' || typeof value === 'number')) {
    if (!FORMAT_CHECKS[limit.format](String(value))) return { rule: FORMAT_NAMES[limit.format], actual: describeValue(value) };
  }
  return undefined;
}

/** Whether a decoded list item has what its canonical item schema requires. */
function itemSchemaOf(listPath: string): ((item: JsonObject) => boolean) | undefined {
  if (listPath !== 'customValues') return undefined;
  return (item) => typeof item.name === 'string' && typeof item.value === 'string';
}
