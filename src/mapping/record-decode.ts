import { canonicalField, type CanonicalField } from '../canonical/fields.js';
import type { RecordIssue } from '../errors/index.js';
import type { VendorId } from '../vendors/ids.js';
import type { CompiledRule } from './compile.js';
import { checkPlausibility } from './limits.js';
import type { PlaceholderMatcher } from './placeholders.js';
import type { DecodeOptions, DecodeResult, QualityFinding, RawRecord } from './record-codec.js';
import { fieldLabel as label, partsOf, relativeTo, toJson, vendorLabel } from './_record-helpers.js';
import { getPath, isAbsent, isPlainObject, setPath, type JsonObject } from './_paths.js';
import { toArray } from './transforms/lists.js';
import { CodecError, describeValue } from './transforms/types.js';

/**
 * Vendor record → canonical Customer, rule by rule. Every value is checked against its canonical
 * field; problems are collected for the whole record (not fail-fast), so a user sees them all at once.
 */
export function createDecoder(vendor: VendorId, rules: readonly CompiledRule[]): (raw: RawRecord, record: string, options?: DecodeOptions) => DecodeResult {
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
    readonly findings: QualityFinding[];
    readonly extensions: JsonObject;
    readonly placeholders: PlaceholderMatcher | undefined;
    /** The value a codec is decoding and where it was read, for its warnings. */
    current: { at: At; value: unknown } | undefined;
    /** Handed to every codec of the record: one function per record, not one per value. */
    readonly warn: (message: string) => void;
  }

  /**
   * Where a value was read: its rule, its list item, the vendor field it sits under. The field's
   * label (`address.city (billomat city)`) is built from it only when an issue, warning or finding
   * names it: built eagerly for every field of every record, the labels were a third of the CPU of
   * decoding 100,000 clients, and nearly all of them were never read.
   */
  interface At {
    readonly rule: CompiledRule;
    readonly item: { index: number; prefix: string } | undefined;
    readonly vendorPrefix: string;
  }
  const fieldOf = (at: At): string => fieldLabel(at.rule, at.item?.index, at.vendorPrefix);

  /** Each rule's canonical fields, looked up once per decoder rather than once per value. */
  const fields = new Map<CompiledRule, readonly (CanonicalField | undefined)[]>();
  const fieldsOf = (rule: CompiledRule): readonly (CanonicalField | undefined)[] => {
    let found = fields.get(rule);
    if (found === undefined) {
      found = rule.canonicalPaths.map((path) => canonicalField(path));
      fields.set(rule, found);
    }
    return found;
  };

  function decodeRules(list: readonly CompiledRule[], source: JsonObject, target: JsonObject, state: DecodeState, item: { index: number; prefix: string } | undefined, vendorPrefix: string): void {
    for (const rule of list) {
      if (rule.kind === 'unsupported' || rule.canonicalPaths.length === 0) continue;
      const at: At = { rule, item, vendorPrefix };
      if (rule.object !== undefined) {
        const nested = typeof rule.vendor === 'string' ? getPath(source, rule.vendor) : undefined;
        if (isAbsent(nested)) continue;
        if (!isPlainObject(nested)) {
          state.issues.push({ record: state.record, field: fieldOf(at), rule: 'an object', actual: describeValue(nested) });
          continue;
        }
        decodeRules(rule.object, nested, target, state, item, vendorLabel(rule, vendorPrefix));
        continue;
      }
      if (rule.list !== undefined) {
        decodeList(rule, source, target, state, at, vendorPrefix);
        continue;
      }
      const value = readVendorValue(rule, source);
      if (value === undefined) {
        // Whitespace only reads as not set, as always; it is a placeholder all the same (a finding).
        const blank = typeof rule.vendor === 'string' ? getPath(source, rule.vendor) : undefined;
        if (typeof blank === 'string' && blank !== '') isPlaceholder(rule, blank, state, at);
        continue;
      }
      if (isPlaceholder(rule, value, state, at)) continue;
      let decoded: unknown;
      try {
        decoded = rule.codec === undefined ? toJson(value) : decodeWith(rule.codec, value, state, at);
      } catch (error) {
        if (!(error instanceof CodecError)) throw error;
        state.issues.push({ record: state.record, field: fieldOf(at), rule: error.rule, actual: error.actual });
        continue;
      }
      if (rule.keepRaw && rule.extensionKey !== undefined) state.extensions[rule.extensionKey] = toJson(value);
      if (decoded === undefined) continue;
      if (rule.kind === 'vendorOnly') {
        if (rule.extensionKey !== undefined) state.extensions[rule.extensionKey] = toJson(decoded);
        continue;
      }
      const paths = rule.canonicalPaths;
      const ruleFields = fieldsOf(rule);
      for (let i = 0; i < paths.length; i++) {
        const path = paths[i] as string;
        const part = rule.canonicalParts[i] ?? '';
        const partValue = part === '' ? decoded : isPlainObject(decoded) ? decoded[part] : undefined;
        if (partValue === undefined) continue;
        const check = ruleFields[i]?.schema.safeParse(partValue);
        if (check !== undefined && !check.success) {
          state.issues.push({ record: state.record, field: fieldOf(at), rule: check.error.issues[0]?.message ?? 'invalid', actual: describeValue(partValue) });
          continue;
        }
        setPath(target, relativeTo(path, item?.prefix), partValue);
        const failed = rule.check === undefined ? undefined : checkPlausibility(rule.check, partValue);
        if (failed !== undefined && rule.check !== undefined) {
          state.findings.push({ record: state.record, field: fieldOf(at), rule: failed.rule, actual: failed.actual, kind: 'plausibility', source: rule.check.source });
        }
      }
    }
  }

  function decodeWith(codec: NonNullable<CompiledRule['codec']>, value: unknown, state: DecodeState, at: At): unknown {
    state.current = { at, value };
    try {
      return codec.decode(value, state.warn);
    } finally {
      state.current = undefined;
    }
  }

  /**
   * A placeholder ("geen btw", "x@y", whitespace only) in a single text field is read as not set,
   * with a finding. The record's name is never a placeholder (it is what the user finds it by), and
   * vendor-only values are kept as read.
   */
  function isPlaceholder(rule: CompiledRule, value: unknown, state: DecodeState, at: At): boolean {
    if (rule.kind !== 'mapped' && rule.kind !== 'readOnly') return false;
    if (rule.canonicalPaths.length !== 1 || rule.canonicalPaths[0] === 'name') return false;
    if (fieldsOf(rule)[0]?.kind !== 'text') return false;
    const what = state.placeholders?.match(value);
    if (what === undefined) return false;
    state.findings.push({ record: state.record, field: fieldOf(at), rule: `${what}, read as not set`, actual: placeholderText(value), kind: 'placeholder' });
    return true;
  }

  function decodeList(rule: CompiledRule, source: JsonObject, target: JsonObject, state: DecodeState, at: At, vendorPrefix: string): void {
    let items: unknown[];
    try {
      items = toArray(typeof rule.vendor === 'string' ? getPath(source, rule.vendor) : undefined, rule.list?.element);
    } catch (error) {
      if (!(error instanceof CodecError)) throw error;
      state.issues.push({ record: state.record, field: fieldOf(at), rule: error.rule, actual: error.actual });
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

  function decode(raw: RawRecord, record: string, options: DecodeOptions = {}): DecodeResult {
    const warnings: RecordIssue[] = [];
    const state: DecodeState = {
      record, issues: [], warnings, findings: [], extensions: {}, placeholders: options.placeholders, current: undefined,
      warn: (message) => {
        const current = state.current;
        if (current !== undefined) warnings.push({ record, field: fieldOf(current.at), rule: message, actual: describeValue(current.value) });
      },
    };
    const customer: JsonObject = {};
    decodeRules(rules, raw, customer, state, undefined, '');
    // Kept beside any other vendor's extension fields a mapping carries (a spreadsheet's `ef_*` columns).
    if (Object.keys(state.extensions).length > 0) customer.extensions = { ...(isPlainObject(customer.extensions) ? customer.extensions : {}), [vendor]: state.extensions };
    // The canonical record is assembled only from values checked against their canonical field above.
    return { customer: customer, issues: state.issues, warnings: state.warnings, findings: state.findings };
  }

  return decode;
}

/** A placeholder as shown in a finding: it matched the list, so it is nobody's data. */
function placeholderText(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.trim() === '' ? `${[...text].length} characters of white space` : JSON.stringify(text.trim());
}

/** Whether a decoded list item has what its canonical item schema requires. */
function itemSchemaOf(listPath: string): ((item: JsonObject) => boolean) | undefined {
  if (listPath !== 'customValues') return undefined;
  return (item) => typeof item.name === 'string' && typeof item.value === 'string';
}
