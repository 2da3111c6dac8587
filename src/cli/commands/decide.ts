import type { Command } from 'commander';
import { ConfigError } from '../../errors/index.js';
import type { OpenItem } from '../../store/types.js';
import { printJson, withSession, type CommandEnv } from '../command-kit.js';
import { EXIT, worstExitCode } from '../exit-codes.js';
import { decide, linkByHand, recordArgument, unlinkByHand, type DecisionRequest } from '../open-items/decide-items.js';
import { describeDecision, toItemView } from '../open-items/item-view.js';
import { deciderOf, valueCheckFor } from '../open-items/value-check.js';
import { renderRunSummary } from '../render-run.js';
import { runPairWithReport, type PairRunOutcome } from '../run-pair.js';
import { selectPairs } from '../select-pairs.js';
import type { Session } from '../session.js';

interface CommonFlags {
  by?: string;
  apply?: boolean;
  json?: boolean;
}

function common(command: Command): Command {
  return command
    .option('--by <name>', 'who decides, for the record (default: the OS user)')
    .option('--apply', 'run the pair right after deciding, to carry the decision out')
    .option('--json', 'print the decided items (and with --apply the runs) as JSON on standard output');
}

/**
 * After a decision: says what was decided and, with --apply, runs each pair concerned once (the
 * decision is carried out through the normal plan and apply; the report lists it).
 */
async function conclude(env: CommandEnv, session: Session, command: string, decided: readonly OpenItem[], flags: CommonFlags): Promise<void> {
  const runs: PairRunOutcome[] = [];
  if (flags.apply === true) {
    const names = [...new Set(decided.map((item) => item.pair))];
    for (const pair of selectPairs(session.config, names)) {
      if (session.context.signal.aborted) break;
      runs.push(await runPairWithReport(session, pair, { command: 'sync', dryRun: false, allowMassArchive: false, signal: session.context.signal }));
    }
  }
  const exitCode = worstExitCode(runs.map((run) => run.exitCode));
  if (flags.json === true) {
    printJson(env.context, { command, exitCode, decided: decided.map(toItemView), runs: runs.map((run) => ({ ...run.report, files: run.written })) });
  } else {
    for (const item of decided) {
      env.context.out(`${item.id}: ${describeDecision(item.decision) ?? 'open again'} (${item.kind}${item.field === '' ? '' : ` ${item.field}`} of ${item.externalId}, pair ${item.pair})${item.decision === undefined || flags.apply === true ? '' : item.state === 'dismissed' ? ': kept until taken back' : ': carried out by the next run'}`);
    }
    for (const run of runs) env.context.out(renderRunSummary(run.report, run.written, env.context.cwd));
  }
  env.context.setExitCode(runs.length === 0 ? EXIT.ok : exitCode);
}

interface ResolveFlags extends CommonFlags {
  take?: string;
  value?: string;
  skip?: boolean;
  retry?: boolean;
  all?: boolean;
  pair?: string;
  field?: string;
}

function resolveRequest(flags: ResolveFlags): DecisionRequest {
  const given = [flags.take !== undefined, flags.value !== undefined, flags.skip === true, flags.retry === true].filter(Boolean).length;
  if (given !== 1) throw new ConfigError([{ key: 'resolve', message: 'give exactly one of --take from|to, --value <value> (conflicts), --skip or --retry (invalid records, failed writes)' }]);
  if (flags.take !== undefined) {
    if (flags.take !== 'from' && flags.take !== 'to') throw new ConfigError([{ key: '--take', message: `must be from or to, not ${JSON.stringify(flags.take)}` }]);
    return { action: 'take', side: flags.take };
  }
  if (flags.value !== undefined) return { action: 'value', text: flags.value };
  return flags.skip === true ? { action: 'skip' } : { action: 'retry' };
}

function bulkOf(flags: ResolveFlags, ids: readonly string[]): { pair: string; field?: string | undefined } | undefined {
  if (flags.all !== true) return undefined;
  if (flags.pair === undefined) throw new ConfigError([{ key: '--all', message: 'needs --pair <pair>' }]);
  if (ids.length > 0) throw new ConfigError([{ key: '--all', message: 'give either item ids or --all, not both' }]);
  return { pair: flags.pair, field: flags.field };
}

/** `resolve`, `accept`, `reject`, `ignore`: decisions on the items `client-sync review` lists. */
export function registerDecideCommands(program: Command, env: CommandEnv): void {
  const run = (name: string, ids: string[], flags: ResolveFlags & { candidate?: string; undo?: boolean }, command: Command, request: (flags: ResolveFlags) => DecisionRequest): Promise<void> =>
    withSession(env, command, async (session) => {
      const decisionRequest = request(flags);
      const bulk = bulkOf(flags, ids);
      if (bulk !== undefined) selectPairs(session.config, [bulk.pair]);
      const decided = await decide({ store: session.store(), ids, bulk, request: decisionRequest, by: deciderOf(flags.by), now: Date.now(), checkValue: valueCheckFor(session.config) });
      await conclude(env, session, name, decided, flags);
    });

  common(program.command('resolve').argument('[ids...]', 'item ids from `client-sync review`'))
    .description('settle conflicts (take a side, or type the value), invalid records (skip until the source changes, or retry) and failed writes (retry)')
    .option('--take <side>', 'conflicts: keep the value of this side (from or to) on both')
    .option('--value <value>', 'conflicts: write this value to both sides (checked against both vendors\' limits)')
    .option('--skip', 'invalid records: skip the record until its source changes')
    .option('--retry', 'invalid records, failed writes: try again on the next run')
    .option('--all', 'every open item of --pair (and --field)')
    .option('-p, --pair <name>', 'with --all: the pair')
    .option('--field <field>', 'with --all: only conflicts on this canonical field (e.g. billingAddress.city)')
    .addHelpText('after', '\nExamples:\n  client-sync resolve c-1a2b3c4d --take to\n  client-sync resolve c-1a2b3c4d --value "Gent" --apply\n  client-sync resolve --all --pair ef-bm --field billingAddress.city --take from')
    .action((ids: string[], flags: ResolveFlags, command: Command) => run('resolve', ids, flags, command, resolveRequest));

  common(program.command('accept').argument('<ids...>', 'review item ids'))
    .description('accept a proposed match: link the two records (no create)')
    .option('--candidate <record>', 'which candidate, when there are several (e.g. billomat:3)')
    .action((ids: string[], flags: CommonFlags & { candidate?: string }, command: Command) => run('accept', ids, flags, command, () => ({ action: 'accept', candidate: flags.candidate })));

  common(program.command('reject').argument('<ids...>', 'review item ids'))
    .description('reject a proposed match: the next run creates the record anew')
    .action((ids: string[], flags: CommonFlags, command: Command) => run('reject', ids, flags, command, () => ({ action: 'reject' })));

  common(program.command('ignore').argument('<ids...>', 'item ids'))
    .description('never sync this record until it is un-ignored (ignore --undo)')
    .option('--undo', 'take an ignore back')
    .action((ids: string[], flags: CommonFlags & { undo?: boolean }, command: Command) => run('ignore', ids, flags, command, () => (flags.undo === true ? { action: 'unignore' } : { action: 'ignore' })));
}

interface LinkFlags extends CommonFlags {
  pair: string;
}

/** `link` and `unlink`: for the duplicates a person knows about. */
export function registerLinkCommands(program: Command, env: CommandEnv): void {
  common(program.command('link').argument('<from>', 'from:<native id> in the pair\'s from connection').argument('<to>', 'to:<native id> in the pair\'s to connection'))
    .description('link two existing records by hand: the next run merges them (no create)')
    .requiredOption('-p, --pair <name>', 'the pair')
    .addHelpText('after', '\nExample:\n  client-sync link --pair ef-bm from:1042 to:3527529 --apply')
    .action(async (from: string, to: string, flags: LinkFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        selectPairs(session.config, [flags.pair]);
        const item = linkByHand(session.store(), { pair: flags.pair, from: recordArgument(from, 'from'), to: recordArgument(to, 'to'), by: deciderOf(flags.by), now: Date.now() });
        await conclude(env, session, 'link', [item], flags);
      });
    });

  common(program.command('unlink').argument('<record>', 'the shared external id, or from:<native id>'))
    .description('undo a link: the next run treats the two records as different clients')
    .requiredOption('-p, --pair <name>', 'the pair')
    .action(async (record: string, flags: LinkFlags, command: Command) => {
      await withSession(env, command, async (session) => {
        const [pair] = selectPairs(session.config, [flags.pair]);
        if (pair === undefined) return;
        const item = unlinkByHand(session.store(), { pair: flags.pair, fromConnection: pair.from, record, by: deciderOf(flags.by), now: Date.now() });
        await conclude(env, session, 'unlink', [item], flags);
      });
    });
}
