import type { Customer } from '../canonical/customer.js';
import type { RecordIssue } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import type { CompiledRule } from './compile.js';
import { checkLimit, checkPlausibility } from './limits.js';
import type { EncodeOptions, EncodeResult, QualityFinding } from './record-codec.js';
import { fieldLabel as label, relativeTo, vendorLabel } from './_record-helpers.js';
import { getPath, isPlainObject, jsonEqual, setPath, type JsonObject } from './_paths.js';
import { CodecError } from './transforms/types.js';

/**
 * Canonical Customer → vendor body. A create leaves absent fields out; an update sends cleared fields
 * as the vendor's "empty" and, for partial vendors, only the rules the changed paths touch. Values the
 * vendor cannot hold are reported (or, for `unfit: drop`, left out and reported).
 */
export function createEncoder(vendor: VendorId, rules: readonly CompiledRule[]): (customer: Customer, record: string, options: EncodeOptions) => EncodeResult {
  const fieldLabel = (rule: CompiledRule, listIndex: number | undefined, vendorPrefix: string): string => label(vendor, rule, listIndex, vendorPrefix);
  interface EncodeState {
    readonly record: string;
    readonly mode: 'create' | 'update';
    readonly changed: ReadonlySet<string> | undefined;
    readonly issues: RecordIssue[];
    readonly dropped: RecordIssue[];
    readonly findings: QualityFinding[];
    readonly strict: boolean;
    /** Canonical paths written with a value, the dropped-field report's ground truth. */
    readonly written: Set<string>;
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
      if (encoded === undefined) continue;
      writeVendor(rule, target, encoded);
      markWritten(rule, value, state);
    }
  }

  function markWritten(rule: CompiledRule, value: unknown, state: EncodeState): void {
    if (typeof rule.canonical === 'string' || rule.kind === 'vendorOnly') {
      for (const path of rule.canonicalPaths) state.written.add(path);
      return;
    }
    const parts = isPlainObject(value) ? value : {};
    const has = (i: number): boolean => parts[rule.canonicalParts[i] ?? ''] !== undefined;
    // A fallback part (a person's name standing in for a missing client name) is not written when the main part is.
    const main = rule.canonicalPaths.some((path, i) => !rule.fallbackPaths.includes(path) && has(i));
    rule.canonicalPaths.forEach((path, i) => {
      if (has(i) && !(main && rule.fallbackPaths.includes(path))) state.written.add(path);
    });
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
    const implausible = rule.check === undefined ? undefined : checkPlausibility(rule.check, encoded);
    if (implausible !== undefined) {
      // A plausibility miss is written as it is (the vendor may well hold it) unless the pair is strict.
      if (state.strict) {
        state.issues.push({ record: state.record, field, rule: `${implausible.rule}; the pair sets quality: strict`, actual: implausible.actual });
        return undefined;
      }
      state.findings.push({ record: state.record, field, rule: implausible.rule, actual: implausible.actual, kind: 'plausibility', source: rule.check?.source });
    }
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
      findings: [], strict: options.quality === 'strict', written: new Set(), extensions: customer.extensions?.[vendor],
    };
    const body: JsonObject = {};
    encodeRules(rules, customer, body, state, undefined, '', false);
    // Built key by key, a body of more than 16 fields turns into a hash table in V8 (1.5 kB for a
    // Billomat create); its copy has a fixed shape at a third of that, and plans hold 100,000 of them.
    return { body: { ...body }, issues: state.issues, dropped: state.dropped, findings: state.findings, written: state.written };
  }

  return encode;
}
