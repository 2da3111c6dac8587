import type { QualityReport } from '../../sync/quality.js';
import { formatCount } from '../format.js';
import { table, type ReportTable } from './report-document.js';

const STAGE = { read: 'as read', write: 'as written' } as const;

/**
 * The data-quality section: per side and rule how many records, then each finding (record, field,
 * rule, a safe excerpt). Findings are never refusals: the values were read and written as they are
 * (placeholders read as not set), unless the pair sets `quality: strict`.
 */
export function qualityTables(quality: QualityReport | undefined): (ReportTable | undefined)[] {
  if (quality === undefined) return [];
  const summary = quality.sides.flatMap((side) => side.rules.map((rule) => [`${side.connection} (${side.vendor})`, STAGE[side.stage], rule.rule, formatCount(rule.records)]));
  const note = quality.findings === 0
    ? 'No placeholders and no values failing a plausibility check.'
    : `${formatCount(quality.findings)} findings in ${formatCount(quality.records)} records. Written as they are (placeholders read as not set); a plausibility check refuses a record only when the pair sets quality: strict.`;
  return [
    table('Data quality', ['connection', 'values', 'rule', 'records'], summary.length > 0 ? summary : [['all', '', 'no findings', '0']], note),
    table('Data-quality findings', ['connection', 'record', 'field', 'rule', 'found'], quality.sides.flatMap((side) => side.rules.flatMap((rule) => rule.findings.map((f) => [side.connection, f.record, f.field, f.rule, f.actual])))),
  ];
}
