import type { ConfigIssue } from '../errors/index.js';
import { allRules, type CompileInput, type CompiledRule } from './compile.js';

/** Rules across the whole file: coverage of the documented fields, duplicates, identity. */
export function checkWholeMapping(input: CompileInput, rules: readonly CompiledRule[], issues: ConfigIssue[], failed: ReadonlySet<string>): void {
  const { file, documented, documentedFile } = input;
  const writers = new Map<string, CompiledRule>();
  const readers = new Map<string, CompiledRule>();
  const covering: CompiledRule[] = [];
  for (const rule of allRules(rules)) {
    for (const path of rule.vendorPaths) {
      const previous = writers.get(path);
      if (previous !== undefined) {
        issues.push({ file, line: rule.line, key: `${rule.at} (${path})`, message: `two rules write vendor field '${path}' (${previous.at} on line ${previous.line ?? '?'} and ${rule.at})` });
      }
      writers.set(path, rule);
    }
    if (rule.kind === 'mapped' || rule.kind === 'readOnly') {
      if (rule.object === undefined && rule.list === undefined) {
        for (const path of rule.canonicalPaths) {
          const previous = readers.get(path);
          if (previous !== undefined) {
            issues.push({ file, line: rule.line, key: `${rule.at} (${path})`, message: `two rules read canonical field '${path}' (${previous.at} and ${rule.at})` });
          }
          readers.set(path, rule);
        }
      }
    }
    covering.push(rule);
  }

  const documentedPaths = new Set(documented.fields.map((field) => field.path));
  for (const field of documented.fields) {
    if ([...failed].some((path) => field.path === path || field.path.startsWith(`${path}.`) || field.path.startsWith(`${path}[].`))) continue;
    const covered = covering.some((rule) =>
      rule.vendorPaths.some((path) => path === field.path || (isLeaf(rule) && (field.path.startsWith(`${path}.`) || field.path.startsWith(`${path}[].`)))),
    );
    if (!covered) {
      issues.push({
        file, key: field.path,
        message: `documented field '${field.path}' (${documentedFile}, seeds ${field.in.join(', ')}) is not accounted for: map it, or mark it readOnly, vendorOnly or unsupported with a reason`,
      });
    }
  }
  for (const rule of covering) {
    for (const path of rule.vendorPaths) {
      if (!documentedPaths.has(path)) {
        issues.push({ file, line: rule.line, key: `${rule.at} (${path})`, message: `vendor field '${path}' is not in ${documentedFile}; add it there with its source` });
      }
    }
  }

  const identity = input.mapping.identity;
  const top = rules.filter((rule) => typeof rule.vendor === 'string');
  if (!failed.has(identity.nativeId) && !top.some((rule) => rule.vendor === identity.nativeId)) {
    issues.push({ file, line: input.lineOf(['identity', 'nativeId']), key: 'identity.nativeId', message: `'${identity.nativeId}' is not a field of this mapping` });
  }
  if (identity.externalIdSlot !== undefined) {
    const slot = top.find((rule) => rule.vendor === identity.externalIdSlot);
    if (slot === undefined || slot.canonical !== 'externalClientId') {
      issues.push({ file, line: input.lineOf(['identity', 'externalIdSlot']), key: 'identity.externalIdSlot', message: `'${identity.externalIdSlot}' must be a field mapped to externalClientId` });
    }
  }
}

/** A rule whose vendor field is consumed whole (no nested rules): it covers the field's documented children. */
function isLeaf(rule: CompiledRule): boolean {
  return rule.object === undefined && rule.list === undefined;
}
