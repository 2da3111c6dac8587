import path from 'node:path';
import type { OutcomeStatus } from '../sync/types.js';
import { formatCount, formatElapsed, plural } from './format.js';
import { droppedByTarget } from './report/dropped-by-target.js';
import type { RunReport } from './report/report-types.js';
import type { WrittenReport } from './report/write-report.js';
import { UNDOABLE_OUTCOMES } from './undoable.js';

const OUTCOME_ORDER: readonly OutcomeStatus[] = ['created', 'updated', 'archived', 'deleted', 'linked', 'marker', 'skipped', 'failed', 'invalid', 'conflict', 'not-started'];

/** Records an undo leaves alone, listed on the terminal before "and N more". */
const LEFT_SHOWN = 20;

/** For an undo, the records it leaves alone and why; for a run that wrote, how to take it back. */
export function undoLines(report: RunReport): string[] {
  const result = report.result;
  const lines: string[] = [];
  if (result.command === 'undo') {
    const left = result.outcomes.filter((o) => o.status === 'conflict');
    if (left.length > 0) lines.push(`  left alone (${formatCount(left.length)}):`);
    for (const outcome of left.slice(0, LEFT_SHOWN)) lines.push(`    ${outcome.records.join(', ') || outcome.externalId}${outcome.name === undefined ? '' : ` (${outcome.name})`}: ${outcome.reason ?? ''}`);
    if (left.length > LEFT_SHOWN) lines.push(`    … and ${formatCount(left.length - LEFT_SHOWN)} more (listed in the report)`);
  }
  if (!result.dryRun && result.runId !== undefined && result.outcomes.some((o) => UNDOABLE_OUTCOMES.has(o.status))) lines.push(`  to take this run back: client-sync undo ${result.runId}`);
  return lines;
}

/** A few lines a person reads after a run on a terminal (the report has the rest). */
export function renderRunSummary(report: RunReport, written: WrittenReport, cwd: string): string {
  const result = report.result;
  const lines = [`${result.pair}: ${result.from.connection} → ${result.to.connection} (${result.mode}${result.dryRun ? ', dry run' : ''}): ${result.status}`];
  if (result.dryRun) {
    const planned = Object.entries(result.plan.counts).filter(([kind, n]) => n > 0 && kind !== 'skip');
    lines.push(`  would ${planned.length === 0 ? 'change nothing' : planned.map(([kind, n]) => `${kind} ${formatCount(n)}`).join(', ')}${result.plan.counts.skip > 0 ? ` (${formatCount(result.plan.counts.skip)} unchanged or skipped)` : ''}`);
    for (const [connection, calls] of Object.entries(result.plan.calls)) {
      if (calls.writes > 0) lines.push(`  ${connection}: ${plural(calls.writes, 'write call')}, about ${formatElapsed(result.plan.estimatedMs[connection] ?? 0)} at its rate budget`);
    }
  } else if (result.outcomes.length > 0) {
    const counts = new Map<OutcomeStatus, number>();
    for (const outcome of result.outcomes) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
    lines.push(`  ${OUTCOME_ORDER.filter((s) => counts.has(s)).map((s) => `${s} ${formatCount(counts.get(s) ?? 0)}`).join(', ')}`);
  }
  const calls = Object.entries(result.calls).map(([connection, stats]) => `${connection} ${formatCount(stats.calls)}`);
  const waited = Object.values(result.calls).reduce((sum, stats) => sum + stats.rateWaitMs, 0);
  lines.push(`  calls: ${calls.join(', ')}; waited ${formatElapsed(waited)} for rate windows`);
  const droppedPerTarget = new Map<string, number>();
  for (const row of droppedByTarget(result)) droppedPerTarget.set(row.target, (droppedPerTarget.get(row.target) ?? 0) + 1);
  for (const [target, fields] of droppedPerTarget) lines.push(`  ${target} cannot hold ${plural(fields, 'field')} some records had (listed in the report)`);
  if (result.quality !== undefined && result.quality.findings > 0) {
    lines.push(`  data quality: ${plural(result.quality.findings, 'finding')} in ${plural(result.quality.records, 'record')} (placeholders read as not set, values failing a plausibility check; listed in the report)`);
  }
  if (result.review.length > 0) lines.push(`  ${plural(result.review.length, 'record')} to review: possible matches in ${result.to.connection} (client-sync review)`);
  const decisions = result.decisions ?? [];
  if (decisions.length > 0) {
    const byStatus = new Map<string, number>();
    for (const decision of decisions) byStatus.set(decision.status, (byStatus.get(decision.status) ?? 0) + 1);
    lines.push(`  decisions: ${[...byStatus].map(([status, n]) => `${status} ${formatCount(n)}`).join(', ')}`);
  }
  if (result.error !== undefined) lines.push(`  stopped by ${result.error.code}: ${result.error.message}`);
  lines.push(...undoLines(report));
  lines.push(`  report: ${path.relative(cwd, written.summary) || written.summary}`);
  return lines.join('\n');
}
