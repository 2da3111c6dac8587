import type { QualityFinding } from '../mapping/record-codec.js';
import type { VendorId } from '../vendors/ids.js';

/** The findings of one rule on one side. */
export interface QualityRuleSummary {
  /** `a valid IBAN`, `a valid VAT number`, `placeholder`. */
  readonly rule: string;
  readonly kind: QualityFinding['kind'];
  /** Records with at least one finding of this rule. */
  readonly records: number;
  /** The findings (record, field, rule with its reason, safe excerpt), the first `LIMIT` of them. */
  readonly findings: readonly QualityFinding[];
}

/** The findings of one side: as read from it, or as about to be written to it. */
export interface QualitySide {
  readonly connection: string;
  readonly vendor: VendorId;
  /** `read`: values this account holds; `write`: values written to it that fail one of its checks. */
  readonly stage: 'read' | 'write';
  readonly rules: readonly QualityRuleSummary[];
}

/**
 * The data-quality section of a run or verify report: never a reason a record was refused (unless the
 * pair is strict, and then the refusal is listed with the invalid records), only what to look at.
 */
export interface QualityReport {
  /** Findings in all sides together. */
  readonly findings: number;
  /** Records with at least one finding. */
  readonly records: number;
  readonly sides: readonly QualitySide[];
}

/** Findings listed per rule in a report; the counts cover all of them. */
export const QUALITY_LIST_LIMIT = 1000;

/** Where findings came from: one side, read or written. */
export interface QualitySource {
  readonly connection: string;
  readonly vendor: VendorId;
  readonly stage: 'read' | 'write';
  readonly findings: readonly QualityFinding[];
}

const ruleOf = (finding: QualityFinding): string => (finding.kind === 'placeholder' ? 'placeholder' : (finding.rule.split(' (')[0] ?? finding.rule));
const fieldOf = (finding: QualityFinding): string => (finding.field.split(' ')[0] ?? finding.field).replace(/\[\d+\]/g, '[]');

/**
 * Groups findings per side and rule. A value written that fails a check its source already reported
 * when read (same record, field and rule) is counted once, where it was read.
 */
export function summarizeQuality(sources: readonly QualitySource[]): QualityReport {
  const seen = new Set<string>();
  const key = (f: QualityFinding): string => `${f.record}\u0000${fieldOf(f)}\u0000${ruleOf(f)}`;
  const ordered = [...sources].sort((a, b) => (a.stage === b.stage ? 0 : a.stage === 'read' ? -1 : 1));
  const sides: QualitySide[] = [];
  const allRecords = new Set<string>();
  let total = 0;
  for (const source of ordered) {
    const byRule = new Map<string, QualityFinding[]>();
    for (const finding of source.findings) {
      if (seen.has(key(finding))) continue;
      seen.add(key(finding));
      const list = byRule.get(ruleOf(finding)) ?? [];
      list.push(finding);
      byRule.set(ruleOf(finding), list);
    }
    if (byRule.size === 0) continue;
    const rules = [...byRule].map(([rule, findings]): QualityRuleSummary => {
      total += findings.length;
      for (const f of findings) allRecords.add(f.record);
      return { rule, kind: findings[0]?.kind ?? 'plausibility', records: new Set(findings.map((f) => f.record)).size, findings: findings.slice(0, QUALITY_LIST_LIMIT) };
    });
    rules.sort((a, b) => b.records - a.records || a.rule.localeCompare(b.rule));
    const existing = sides.find((s) => s.connection === source.connection && s.stage === source.stage);
    if (existing === undefined) sides.push({ connection: source.connection, vendor: source.vendor, stage: source.stage, rules });
    else sides.splice(sides.indexOf(existing), 1, { ...existing, rules: [...existing.rules, ...rules] });
  }
  return { findings: total, records: allRecords.size, sides };
}
