import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../errors/index.js';
import { auditQuality, resolvePairSettings, verifyPair, type QualityReport } from '../../sync/index.js';
import type { PairSettings, SyncMode, VerifyResult } from '../../sync/types.js';
import { printJson, withSession, type CommandEnv } from '../command-kit.js';
import { EXIT } from '../exit-codes.js';
import { formatCount, plural } from '../format.js';
import type { VerifyReport } from '../report/report-types.js';
import { writeReport } from '../report/write-report.js';
import { budgetsOf, openSides, type PairToRun } from '../run-pair.js';
import { migrationPair } from '../select-pairs.js';
import type { Session } from '../session.js';

interface VerifyFlags {
  from?: string;
  to?: string;
  pair?: string;
  json?: boolean;
  quality?: boolean;
}

/** The pair to verify: `--pair`, the configured pair between `--from` and `--to`, or the implicit migration pair. */
function pairToVerify(session: Session, flags: VerifyFlags): PairToRun {
  const { config } = session;
  if (flags.pair !== undefined) {
    if (flags.from !== undefined || flags.to !== undefined) throw new ConfigError([{ key: '--pair', message: 'give either --pair, or --from and --to' }]);
    const pair = config.pairs[flags.pair];
    if (pair === undefined) throw new ConfigError([{ key: '--pair', message: `no pair named '${flags.pair}' (pairs: ${Object.keys(config.pairs).join(', ') || 'none'})` }]);
    return pair;
  }
  if (flags.from === undefined || flags.to === undefined) throw new ConfigError([{ key: flags.from === undefined ? '--from' : '--to', message: 'is required (or --pair)' }]);
  const implicit = migrationPair(config, flags.from, flags.to);
  // A configured pair between the two knows which fields travel (exclude, contacts): compare those.
  const configured = Object.values(config.pairs).filter((pair) => pair.from === flags.from && pair.to === flags.to);
  return configured.length === 1 && configured[0] !== undefined ? configured[0] : implicit;
}

/**
 * Whether two connections are in step: every source record is in the target with the same values,
 * and nothing looks duplicated. Records only in the target count for a two-way pair; a one-way
 * pair's target may well hold clients of its own (they are listed, not held against it).
 */
export function isInStep(result: VerifyResult, mode: SyncMode): boolean {
  const oneSided = result.onlyInFrom.length + (mode === 'two-way' ? result.onlyInTo.length : 0);
  return oneSided === 0 && result.differences.length === 0 && result.duplicateSuspects.length === 0;
}

function renderVerify(result: VerifyResult, inStep: boolean, summary: string, cwd: string, showQuality: boolean): string {
  const { from, to } = result;
  const lines = [
    `${result.pair}: ${from.connection} (${formatCount(from.count)}) → ${to.connection} (${formatCount(to.count)}): ${inStep ? 'in step' : 'drift found'}`,
    `  matched ${formatCount(result.matched)}; only in ${from.connection} ${formatCount(result.onlyInFrom.length)}; only in ${to.connection} ${formatCount(result.onlyInTo.length)}`,
    `  ${plural(result.differences.length, 'record')} with differing fields; ${plural(result.duplicateSuspects.length, 'duplicate suspect')}`,
  ];
  if (result.unreadable.length > 0) lines.push(`  ${plural(result.unreadable.length, 'record')} could not be read`);
  if (result.quality !== undefined) lines.push(...qualityLines(result.quality, showQuality));
  lines.push(`  report: ${path.relative(cwd, summary) || summary}`);
  return lines.join('\n');
}

/** The data-quality summary for the terminal: a total, and with `--quality` one line per side and rule. */
function qualityLines(quality: QualityReport, detailed: boolean): string[] {
  const lines = [`  data quality: ${quality.findings === 0 ? 'no findings' : `${plural(quality.findings, 'finding')} in ${plural(quality.records, 'record')}`}`];
  if (!detailed) return lines;
  for (const side of quality.sides) {
    for (const rule of side.rules) lines.push(`    ${side.connection}: ${rule.rule}: ${plural(rule.records, 'record')}${rule.findings[0] === undefined ? '' : ` (e.g. ${rule.findings[0].record} ${rule.findings[0].field.split(' ')[0] ?? ''}: ${rule.findings[0].actual})`}`);
  }
  return lines;
}

/** `verify --quality --from X`: one connection's data quality, read-only (list calls only). */
async function auditOne(session: Session, env: CommandEnv, name: string, json: boolean): Promise<void> {
  const connection = await session.connection(name);
  const side = await connection.side(session.logger);
  const display = session.progress(name);
  let audit: Awaited<ReturnType<typeof auditQuality>>;
  try {
    audit = await auditQuality({ side, store: session.store(), signal: env.context.signal, onProgress: (event) => display.update(event) });
  } finally {
    display.finish();
  }
  if (json) {
    printJson(env.context, { command: 'verify', connection: name, records: audit.records, quality: audit.quality, calls: audit.calls.calls });
  } else {
    env.context.out([`${name} (${side.mapping.vendor}): ${plural(audit.records, 'record')} read, ${plural(audit.calls.calls, 'call')}`, ...qualityLines(audit.quality, true)].join('\n'));
    for (const rule of audit.quality.sides.flatMap((s) => s.rules)) {
      for (const finding of rule.findings.slice(0, 20)) env.context.out(`      ${finding.record} ${finding.field}: ${finding.rule} (found ${finding.actual})`);
      if (rule.records > 20) env.context.out(`      … (--json lists up to ${rule.findings.length})`);
    }
  }
  env.context.setExitCode(EXIT.ok);
}

/** `client-sync verify`: a read-only drift report between two connections. */
export function registerVerifyCommand(program: Command, env: CommandEnv): void {
  program
    .command('verify')
    .description('compare two connections, read-only: counts, records only on one side, differing fields, duplicate suspects (exit 3 on drift)')
    .option('--from <connection>', 'source connection')
    .option('--to <connection>', 'target connection')
    .option('-p, --pair <name>', 'a configured pair instead of --from and --to')
    .option('--json', 'print the drift report as JSON on standard output')
    .option('--quality', 'list the data-quality findings per connection and rule; with --from alone, audit that one connection read-only')
    .addHelpText('after', '\nExamples:\n  client-sync verify --from factuursturen --to billomat\n  client-sync verify --pair nightly --json\n  client-sync verify --quality --from eenvoudigfactureren')
    .action(async (flags: VerifyFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        if (flags.quality === true && flags.to === undefined && flags.pair === undefined && flags.from !== undefined) {
          await auditOne(session, env, flags.from, flags.json === true);
          return;
        }
        const pair = pairToVerify(session, flags);
        const [from, to] = await openSides(session, pair);
        const display = session.progress(pair.name);
        const startedAt = new Date().toISOString();
        const settings: PairSettings = resolvePairSettings({ ...pair.settings, name: pair.name });
        let result: VerifyResult;
        try {
          result = await verifyPair({ pair: settings, from, to, store: session.store(), signal: env.context.signal, onProgress: (event) => display.update(event) });
        } finally {
          display.finish();
        }
        const inStep = isInStep(result, settings.mode);
        const report: VerifyReport = {
          kind: 'verify', reportVersion: 1, clientSync: session.version, exitCode: inStep ? EXIT.ok : EXIT.recordFailures, config: session.configName,
          budgets: budgetsOf([from, to]),
          startedAt, finishedAt: new Date().toISOString(), inStep, result,
        };
        const written = await writeReport(session.config.reportsDirectory, report, session.reportOptions);
        if (flags.json === true) printJson(env.context, { command: 'verify', exitCode: report.exitCode, report, files: written });
        else env.context.out(renderVerify(result, inStep, written.summary, env.context.cwd, flags.quality === true));
        env.context.setExitCode(report.exitCode);
      });
    });
}
