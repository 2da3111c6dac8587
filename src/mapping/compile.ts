import { canonicalField, CANONICAL_LISTS, isCanonicalObject, type FieldKind } from '../canonical/fields.js';
import type { ConfigIssue } from '../errors/index.js';
import { isVendorId, type VendorId } from '../vendors/ids.js';
import type { LookupTable } from './lookups.js';
import { checkWholeMapping } from './coverage.js';
import { joinPath } from './_paths.js';
import type { Check, DocumentedFile, Limit, MappingFile, Reference, RuleInput, TransformRef } from './schema.js';
import { enumMapProblems, type EnumEntry } from './transforms/enums.js';
import { TRANSFORMS, type Codec, type TransformDefinition } from './transforms/index.js';

/** What a rule does with its vendor field. */
export type RuleKind = 'mapped' | 'readOnly' | 'vendorOnly' | 'unsupported';

/** One rule of a mapping file, checked and ready to run. Paths are full (from the record root). */
export interface CompiledRule {
  /** Where the rule sits in the file (`fields[12]`), for messages. */
  readonly at: string;
  readonly line: number | undefined;
  readonly kind: RuleKind;
  /** The vendor field(s), relative to the enclosing object or list item. */
  readonly vendor: Reference;
  /** A second name the vendor uses for a single field (read only). */
  readonly alias: string | undefined;
  /** Full vendor paths this rule covers, with `[]` for list items (`contacts[].email_address`). */
  readonly vendorPaths: readonly string[];
  /** The canonical field(s), relative to the enclosing list item (or the record). */
  readonly canonical: Reference | undefined;
  /** Full canonical leaf paths this rule fills (`contacts[].email`, `extensions.billomat.price_group`). */
  readonly canonicalPaths: readonly string[];
  /** For a leaf rule: the transform's part name of each canonical path, in the same order (`''` for one field). */
  readonly canonicalParts: readonly string[];
  /** Canonical paths written only when the rule's other paths hold nothing (the transform's fallback parts). */
  readonly fallbackPaths: readonly string[];
  readonly transform: string;
  readonly codec: Codec | undefined;
  /** canonical → vendor → canonical gives every accepted value back unchanged. */
  readonly lossless: boolean;
  readonly writes: boolean;
  readonly createOnly: boolean;
  readonly unique: boolean;
  readonly unfit: 'reject' | 'drop';
  readonly keepRaw: boolean;
  readonly limit: Limit | undefined;
  /** A plausibility check: a finding, not a refusal (unless the pair is strict). */
  readonly check: Check | undefined;
  /** Key in `extensions.<vendor>` for vendor-only and keep-raw values. */
  readonly extensionKey: string | undefined;
  readonly object: readonly CompiledRule[] | undefined;
  readonly list: { readonly element: string | undefined; readonly rules: readonly CompiledRule[] } | undefined;
  readonly note: string | undefined;
}

export interface CompileInput {
  readonly file: string;
  readonly mapping: MappingFile;
  readonly documented: DocumentedFile;
  readonly documentedFile: string;
  readonly lookups: ReadonlyMap<string, LookupTable>;
  /** 1-based line of a node in the mapping file, by its path in the YAML document. */
  readonly lineOf: (path: readonly (string | number)[]) => number | undefined;
}

export interface CompileOutput {
  readonly vendor: VendorId;
  readonly rules: readonly CompiledRule[];
  readonly issues: readonly ConfigIssue[];
}

interface Scope {
  readonly vendorPrefix: string;
  /** Canonical prefix for full paths (`deliveryAddress`, `contacts[]`). */
  readonly canonicalPrefix: string;
  /** Inside a list item, canonical values are set relative to the item. */
  readonly inList: boolean;
  readonly writable: boolean;
}

const partsOf = (reference: Reference): [string, string][] =>
  typeof reference === 'string' ? [['', reference]] : Object.entries(reference);

function transformName(ref: TransformRef | undefined): string | undefined {
  return ref === undefined ? undefined : typeof ref === 'string' ? ref : ref.type;
}

function transformParams(ref: TransformRef | undefined): Record<string, unknown> {
  if (ref === undefined || typeof ref === 'string') return {};
  const { type: _type, ...params } = ref;
  return params;
}

const DEFAULT_TRANSFORM: Partial<Record<FieldKind, string>> = { text: 'text', multiline: 'text', extension: 'json' };

/**
 * Another vendor's vendor-only field (`extensions.billomat.price_group`), as a mapping that can hold
 * it as is (a spreadsheet's column): so that a platform exported to a file and imported again keeps
 * what only that platform knows. A vendor's own vendor-only fields are declared with `vendorOnly`.
 */
function extensionField(path: string, vendor: VendorId): { readonly kind: FieldKind } | undefined {
  const match = /^extensions\.([a-z]+)\.[A-Za-z_][\w@-]*$/.exec(path);
  return match !== null && match[1] !== vendor && isVendorId(match[1]) ? { kind: 'extension' } : undefined;
}

/** Checks a parsed mapping file against every rule of the grammar and builds its codecs. */
export function compileMapping(input: CompileInput): CompileOutput {
  const issues: ConfigIssue[] = [];
  const { file, mapping, lineOf } = input;
  const vendor = mapping.vendor;

  const issue = (at: (string | number)[], label: string, message: string): void => {
    issues.push({ file, line: lineOf(at), key: label, message });
  };

  const context = {
    lookup(name: string): LookupTable {
      const table = input.lookups.get(name);
      if (table === undefined) throw new Error(`no lookup table named ${name}`);
      return table;
    },
  };

  function compileRule(rule: RuleInput, at: (string | number)[], scope: Scope): CompiledRule | undefined {
    const where = at.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    const vendorLabel = typeof rule.vendor === 'string' ? rule.vendor : Object.values(rule.vendor).join('+');
    const label = `${where} (${vendorLabel})`;
    const fail = (key: string, message: string): undefined => {
      issue(key === '' ? at : [...at, key], `${label}${key === '' ? '' : `.${key}`}`, message);
      return undefined;
    };

    const vendorPaths = partsOf(rule.vendor).map(([, name]) => joinPath(scope.vendorPrefix, name));
    if (rule.alias !== undefined) {
      if (typeof rule.vendor !== 'string') return fail('alias', 'an alias needs a single vendor field');
      vendorPaths.push(joinPath(scope.vendorPrefix, rule.alias));
    }

    const kind: RuleKind | undefined =
      rule.unsupported !== undefined ? 'unsupported'
      : rule.vendorOnly !== undefined ? 'vendorOnly'
      : rule.canonical !== undefined ? (rule.readOnly !== undefined ? 'readOnly' : 'mapped')
      : rule.readOnly !== undefined ? 'readOnly'
      : undefined;
    if (kind === undefined) return fail('', 'say what happens to this field: canonical, readOnly, vendorOnly or unsupported (with a reason)');

    const common = {
      at: where, line: lineOf(at), kind, vendor: rule.vendor, alias: rule.alias, vendorPaths,
      createOnly: rule.createOnly === true, unique: rule.unique === true, unfit: rule.unfit ?? 'reject', keepRaw: rule.keepRaw === true,
      limit: rule.limit, check: rule.check, note: rule.note,
    } as const;

    if (kind === 'unsupported') {
      for (const key of ['canonical', 'transform', 'limit', 'check', 'vendorOnly', 'readOnly', 'object', 'list', 'keepRaw'] as const) {
        if (rule[key] !== undefined) return fail(key, 'an unsupported field takes no other settings than its reason');
      }
      return { ...common, canonical: undefined, canonicalPaths: [], canonicalParts: [], fallbackPaths: [], transform: '', codec: undefined, lossless: false, writes: false, extensionKey: undefined, object: undefined, list: undefined };
    }

    if (rule.canonical === undefined && kind === 'readOnly') {
      if (rule.transform !== undefined || rule.limit !== undefined || rule.check !== undefined) return fail('transform', 'a read-only field without a canonical path is not read at all; it takes no transform, limit or check');
      return { ...common, canonical: undefined, canonicalPaths: [], canonicalParts: [], fallbackPaths: [], transform: '', codec: undefined, lossless: false, writes: false, extensionKey: undefined, object: undefined, list: undefined };
    }

    const writes = kind !== 'readOnly' && rule.readOnly === undefined && scope.writable;

    // Nested vendor objects and lists.
    if (rule.object !== undefined || rule.list !== undefined) {
      if (kind !== 'mapped' && kind !== 'readOnly') return fail('object', 'only a field with a canonical path can have nested rules');
      if (typeof rule.vendor !== 'string' || typeof rule.canonical !== 'string') return fail('vendor', 'a nested object or list maps one vendor field to one canonical path');
      if (rule.transform !== undefined || rule.keepRaw !== undefined) return fail('transform', 'a nested object or list takes no transform; its fields do');
      if (rule.object !== undefined && rule.list !== undefined) return fail('list', 'a field is either an object or a list');
      const canonicalPath = joinPath(scope.canonicalPrefix, rule.canonical);
      if (rule.object !== undefined) {
        if (!isCanonicalObject(canonicalPath)) return fail('canonical', `unknown canonical object '${canonicalPath}'`);
        const children = compileChildren(rule.object, [...at, 'object'], {
          vendorPrefix: joinPath(scope.vendorPrefix, rule.vendor), canonicalPrefix: canonicalPath, inList: scope.inList, writable: writes,
        });
        return { ...common, canonical: rule.canonical, canonicalPaths: children.flatMap((c) => c.canonicalPaths), canonicalParts: [], fallbackPaths: [], transform: '', codec: undefined, lossless: children.every((c) => c.lossless || !c.writes), writes, extensionKey: undefined, object: children, list: undefined };
      }
      if (scope.inList || scope.canonicalPrefix !== '') return fail('list', 'a list must be a top-level field of the record');
      if (!CANONICAL_LISTS.includes(canonicalPath)) return fail('canonical', `unknown canonical list '${canonicalPath}' (known: ${CANONICAL_LISTS.join(', ')})`);
      const list = rule.list;
      if (list === undefined) return undefined;
      const children = compileChildren(list.fields, [...at, 'list', 'fields'], {
        vendorPrefix: `${joinPath(scope.vendorPrefix, rule.vendor)}[]`, canonicalPrefix: `${canonicalPath}[]`, inList: true, writable: writes,
      });
      return { ...common, canonical: rule.canonical, canonicalPaths: children.flatMap((c) => c.canonicalPaths), canonicalParts: [], fallbackPaths: [], transform: 'asArray', codec: undefined, lossless: children.every((c) => c.lossless || !c.writes), writes, extensionKey: undefined, object: undefined, list: { element: list.element, rules: children } };
    }

    // Single fields and field groups.
    const name = transformName(rule.transform);
    let definition: TransformDefinition<never> | undefined;
    let canonicalPaths: string[];
    let canonicalParts: string[] = [''];
    let extensionKey: string | undefined;

    if (kind === 'vendorOnly') {
      if (scope.inList) return fail('vendorOnly', 'vendor-only fields inside a list item are not supported; make the list vendor-only');
      if (rule.keepRaw !== undefined) return fail('keepRaw', 'a vendor-only field is kept as read already');
      extensionKey = vendorPaths[0];
      canonicalPaths = [`extensions.${vendor}.${extensionKey ?? ''}`];
      definition = name === undefined ? undefined : TRANSFORMS.get(name);
      if (name !== undefined && definition === undefined) return fail('transform', `unknown transform '${name}' (known: ${[...TRANSFORMS.keys()].join(', ')})`);
    } else {
      const canonicalReference = rule.canonical;
      if (canonicalReference === undefined) return undefined;
      const canonicalPartsIn = partsOf(canonicalReference);
      const fields = canonicalPartsIn.map(([part, path]) => {
        const full = joinPath(scope.canonicalPrefix, path);
        return { part, path: full, field: canonicalField(full) ?? (scope.inList ? undefined : extensionField(full, vendor)) };
      });
      for (const { path, field } of fields) {
        if (field === undefined) return fail('canonical', `unknown canonical path '${path}'`);
      }
      canonicalPaths = fields.map(({ path }) => path);
      canonicalParts = fields.map(({ part }) => part);
      const kinds = fields.map(({ field }) => field?.kind);
      const defaultName = kinds.length === 1 && kinds[0] !== undefined ? DEFAULT_TRANSFORM[kinds[0]] : undefined;
      const resolved = name ?? defaultName;
      if (resolved === undefined) return fail('transform', `canonical field '${canonicalPaths.join(', ')}' is of kind ${kinds.join(', ')} and needs a transform`);
      definition = TRANSFORMS.get(resolved);
      if (definition === undefined) return fail('transform', `unknown transform '${resolved}' (known: ${[...TRANSFORMS.keys()].join(', ')})`);
      for (const kindOf of kinds) {
        if (kindOf !== undefined && !definition.kinds.includes(kindOf)) return fail('transform', `transform '${definition.name}' cannot fill a canonical field of kind ${kindOf} (it fills ${definition.kinds.join(', ') || 'lists'})`);
      }
      const wantCanonical = definition.canonicalParts;
      if ((wantCanonical === undefined) !== (typeof canonicalReference === 'string')) {
        return fail('canonical', wantCanonical === undefined ? `transform '${definition.name}' fills one canonical field` : `transform '${definition.name}' fills the canonical parts ${wantCanonical.join(', ')}`);
      }
      if (wantCanonical !== undefined && !sameKeys(wantCanonical, canonicalPartsIn.map(([part]) => part))) {
        return fail('canonical', `transform '${definition.name}' fills the canonical parts ${wantCanonical.join(', ')}`);
      }
      if (rule.keepRaw === true) {
        if (scope.inList) return fail('keepRaw', 'keepRaw inside a list item is not supported');
        extensionKey = vendorPaths.join('+');
      }
    }

    if (definition !== undefined) {
      const wantVendor = definition.vendorParts;
      if ((wantVendor === undefined) !== (typeof rule.vendor === 'string')) {
        return fail('vendor', wantVendor === undefined ? `transform '${definition.name}' reads one vendor field` : `transform '${definition.name}' reads the vendor parts ${wantVendor.join(', ')}`);
      }
      if (wantVendor !== undefined && !sameKeys(wantVendor, Object.keys(rule.vendor))) {
        return fail('vendor', `transform '${definition.name}' reads the vendor parts ${wantVendor.join(', ')}`);
      }
      if (writes && definition.direction === 'read') return fail('transform', `transform '${definition.name}' only reads; mark the field readOnly or pick a two-way transform`);
    }

    let codec: Codec | undefined;
    let lossless = true;
    if (definition !== undefined) {
      const parsed = definition.params.safeParse(transformParams(rule.transform));
      if (!parsed.success) {
        return fail('transform', `parameters of '${definition.name}': ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'} ${i.message}`).join('; ')}`);
      }
      const params = parsed.data;
      if (writes && (definition.name === 'enumMap' || definition.name === 'enumList')) {
        const problems = enumMapProblems((params as { values: EnumEntry[] }).values);
        if (problems.length > 0) return fail('transform', `this enum map cannot be reversed for a written field: ${problems.join('; ')}`);
      }
      try {
        codec = definition.create(params, context);
      } catch (error) {
        return fail('transform', `transform '${definition.name}' cannot be built: ${error instanceof Error ? error.message : String(error)}`);
      }
      lossless = definition.lossless(params);
    }

    return {
      ...common, canonical: rule.canonical, canonicalPaths, canonicalParts,
      fallbackPaths: canonicalPaths.filter((_, i) => definition?.fallbackParts?.includes(canonicalParts[i] ?? '') === true),
      transform: definition?.name ?? 'json', codec, lossless,
      writes,
      extensionKey, object: undefined, list: undefined,
    };
  }

  // Vendor fields of rules that failed to compile: already reported, so not reported again as uncovered.
  const failed = new Set<string>();

  function compileChildren(rules: readonly RuleInput[], at: (string | number)[], scope: Scope): CompiledRule[] {
    return rules.flatMap((rule, i) => {
      const compiled = compileRule(rule, [...at, i], scope);
      if (compiled === undefined) {
        for (const [, name] of partsOf(rule.vendor)) failed.add(joinPath(scope.vendorPrefix, name));
      }
      return compiled ?? [];
    });
  }

  const rules = compileChildren(mapping.fields, ['fields'], { vendorPrefix: '', canonicalPrefix: '', inList: false, writable: true });
  checkWholeMapping(input, rules, issues, failed);
  return { vendor, rules, issues };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key) => b.includes(key));
}

/** Walks every compiled rule, nested ones included. */
export function* allRules(rules: readonly CompiledRule[]): Generator<CompiledRule> {
  for (const rule of rules) {
    yield rule;
    if (rule.object !== undefined) yield* allRules(rule.object);
    if (rule.list !== undefined) yield* allRules(rule.list.rules);
  }
}
