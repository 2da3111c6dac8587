import path from 'node:path';
import type { Command } from 'commander';
import { formatDuration } from '../../config/duration.js';
import { isPostgresLocation } from '../../store/location.js';
import { printJson, withSession, type CommandEnv } from '../command-kit.js';
import { formatCount, formatElapsed, formatTimestamp, hasRateLimit, plural } from '../format.js';
import type { StatusModel } from '../status-model.js';
import { gatherStatus } from '../status-model.js';

const when = (ms: number): string => formatTimestamp(new Date(ms).toISOString());

function countsOf(summary: Readonly<Record<string, unknown>> | undefined): string {
  const counts = summary?.counts;
  if (typeof counts !== 'object' || counts === null) return '';
  return Object.entries(counts).map(([status, n]) => `${status} ${String(n)}`).join(', ');
}

/** The human view of `status`. */
export function renderStatus(model: StatusModel, cwd: string, limit: number): string {
  const rel = (file: string): string => path.relative(cwd, file) || file;
  const lines = [`Config: ${model.config}`, `State:  ${isPostgresLocation(model.statePath) ? model.statePath : rel(model.statePath)}`, `Reports: ${rel(model.reportsDirectory)}`, '', 'Pairs'];
  if (model.pairs.length === 0) lines.push('  (none configured, none run yet)');
  for (const pair of model.pairs) {
    lines.push(`  ${pair.name}: ${pair.from} → ${pair.to}${pair.configured ? '' : ' (not a configured pair: seen in the reports, e.g. a migrate)'}`);
    if (pair.schedule !== undefined) lines.push(`    schedule "${pair.schedule}", next run ${pair.nextRun === undefined ? 'never' : formatTimestamp(pair.nextRun)}`);
    lines.push(`    links: ${plural(pair.linked, 'client')} linked${pair.markersPending > 0 ? `, ${formatCount(pair.markersPending)} external ids still to write into ${pair.to}` : ''}`);
    const run = pair.lastRun;
    lines.push(`    last run: ${run === undefined ? 'never' : `${when(run.startedAt)} ${run.command}: ${run.status}${countsOf(run.summary) === '' ? '' : ` (${countsOf(run.summary)})`}`}`);
    if (pair.failures > 0) lines.push(`    waiting for retry: ${plural(pair.failures, 'client')}`);
  }
  lines.push('', 'Last runs');
  if (model.runs.length === 0) lines.push('  (none)');
  for (const run of model.runs) {
    const took = run.finishedAt === undefined ? 'running' : formatElapsed(run.finishedAt - run.startedAt);
    lines.push(`  ${when(run.startedAt)}  ${run.pair}  ${run.command}  ${run.status}  ${took}  ${countsOf(run.summary)}`);
    if (run.undoable) lines.push(`    to take it back: client-sync undo ${run.id}`);
  }
  lines.push('', `Failures waiting for retry${model.failures.length === 0 ? ': none' : ` (${model.failures.length})`}`);
  for (const failure of model.failures.slice(0, limit)) {
    lines.push(`  ${failure.pair}  ${failure.externalId} on ${failure.connection}: ${failure.code}: ${failure.message} (${plural(failure.attempts, 'attempt')}, last ${when(failure.lastAt)})`);
  }
  if (model.failures.length > limit) lines.push(`  … and ${formatCount(model.failures.length - limit)} more (--limit, or --json for all of them)`);
  lines.push('', 'Rate budgets (as the last run left them)');
  if (model.budgets.length === 0) lines.push('  (no run yet)');
  for (const budget of model.budgets) {
    const budgetText = hasRateLimit(budget.requests) ? `${formatCount(budget.requests)} per ${formatDuration(budget.windowMs)}; ${formatCount(budget.spare)} spare after` : 'no rate limit;';
    lines.push(`  ${budget.connection}: ${budgetText} ${plural(budget.callsInLastRun, 'call')}, waited ${formatElapsed(budget.rateWaitMs)}${budget.asOf === undefined ? '' : ` (${formatTimestamp(budget.asOf)})`}`);
  }
  lines.push('', `Reports (newest ${model.reports.length})`);
  if (model.reports.length === 0) lines.push('  (none)');
  for (const report of model.reports) lines.push(`  ${rel(report.summary ?? report.file)}  exit ${report.exitCode}`);
  return lines.join('\n');
}

/** `client-sync status`: runs, failures waiting for retry, links, rate budgets and reports. No vendor call. */
export function registerStatusCommand(program: Command, env: CommandEnv): void {
  program
    .command('status')
    .description('show the last runs, failures waiting for retry, links per pair, rate budgets and the reports (no vendor call)')
    .option('-n, --limit <count>', 'how many runs and reports to list', (value) => Number.parseInt(value, 10), 10)
    .option('--json', 'print the status as JSON on standard output')
    .action(async (flags: { limit: number; json?: boolean }, command: Command) => {
      await withSession(env, command, async (session) => {
        const store = session.hasStore() ? session.store() : undefined;
        const limit = Number.isFinite(flags.limit) && flags.limit > 0 ? flags.limit : 10;
        const model = await gatherStatus(session.config, session.configName, store, { limit });
        if (flags.json === true) printJson(env.context, model);
        else env.context.out(renderStatus(model, env.context.cwd, limit));
      });
    });
}
