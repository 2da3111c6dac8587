import { canonicalField } from '../canonical/fields.js';
import type { RecordIssue } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import type { CompiledRule } from './compile.js';
import type { DecodeResult, RawRecord } from './record-codec.js';
import { fieldLabel as label, partsOf, relativeTo, toJson, vendorLabel } from './_record-helpers.js';
import { getPath, isAbsent, isPlainObject, setPath, type JsonObject } from './_paths.js';
import { toArray } from './transforms/lists.js';
import { CodecError, describeValue } from './transforms/types.js';

/**
 * Vendor record → canonical Customer, rule by rule. Every value is checked against its canonical
 * field; problems are collected for the whole record (not fail-fast), so a user sees them all at once.
 */
export function createDecoder(vendor: VendorId, rules: readonly CompiledRule[]): (raw: RawRecord, record: string) => DecodeResult {
  const fieldLabel = (rule: CompiledRule, listIndex: number | undefined, vendorPrefix: string): string => label(vendor, rule, listIndex, vendorPrefix);
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

  return decode;
}

/** Whether a decoded list item has what its canonical item schema requires. */
function itemSchemaOf(listPath: string): ((item: JsonObject) => boolean) | undefined {
  if (listPath !== 'customValues') return undefined;
  return (item) => typeof item.name === 'string' && typeof item.value === 'string';
}
