import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { parseConfig } from '../../config/load.js';
import { ConfigError } from '../../errors/index.js';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../../private-files.js';
import { globalsOf, printJson, type CommandEnv } from '../command-kit.js';
import { EXIT, worstExitCode } from '../exit-codes.js';
import { renderRunSummary } from '../render-run.js';
import { runPairWithReport, type PairRunOutcome, type PairToRun } from '../run-pair.js';
import { createSession, type Session } from '../session.js';

const MARKER = '# client-sync demo configuration';

/** The demo's own config, written into its directory so `status --config` can look at it afterwards. */
export function demoConfig(clients: number): string {
  // A tenth of the clients hold values real accounts hold (placeholders, unchecked IBANs): the reports' data-quality section.
  const sandbox = `sandbox: { clients: ${clients}, seed: 1, dirty_share: 0.1 }`;
  return `${MARKER} (written by \`client-sync demo\`; the directory is wiped at the next demo)
state: state.db
reports: reports
connections:
  eenvoudigfactureren: { vendor: eenvoudigfactureren, ${sandbox} }
  factuursturen: { vendor: factuursturen, ${sandbox} }
  billomat: { vendor: billomat, ${sandbox} }
pairs:
  fs-to-bm: { from: factuursturen, to: billomat, mode: one-way }
  ef-bm: { from: eenvoudigfactureren, to: billomat, mode: two-way, conflict: newest }
`;
}

/** Wipes the demo directory, refusing one that the demo did not write. */
async function freshDirectory(directory: string): Promise<void> {
  const existing = await readFile(path.join(directory, 'client-sync.yaml'), 'utf8').catch(() => undefined);
  if (existing !== undefined && !existing.startsWith(MARKER)) {
    throw new ConfigError([{ key: '--dir', message: `${directory} holds a client-sync.yaml the demo did not write; choose another --dir` }]);
  }
  if (existing === undefined && (await readFile(path.join(directory, 'state.db')).catch(() => undefined)) !== undefined) {
    throw new ConfigError([{ key: '--dir', message: `${directory} holds a state store the demo did not write; choose another --dir` }]);
  }
  await rm(directory, { recursive: true, force: true });
  await mkdirPrivate(directory);
}

interface Step {
  readonly title: string;
  readonly pair: PairToRun;
  readonly command: 'plan' | 'migrate' | 'sync';
}

function steps(session: Session): Step[] {
  const pairs = session.config.pairs;
  const fsToBm = pairs['fs-to-bm'];
  const efBm = pairs['ef-bm'];
  if (fsToBm === undefined || efBm === undefined) throw new Error('the demo configuration lost its pairs');
  return [
    { title: 'Plan the FactuurSturen.nl → Billomat migration (nothing is written)', pair: fsToBm, command: 'plan' },
    { title: 'Migrate FactuurSturen.nl → Billomat', pair: fsToBm, command: 'migrate' },
    { title: 'Migrate again: nothing is created twice (external ids deferred in step 2 are written now, with spare budget)', pair: fsToBm, command: 'migrate' },
    { title: 'Two-way sync EenvoudigFactureren ↔ Billomat', pair: efBm, command: 'sync' },
    { title: 'Sync again: only what changed since the last sync is written', pair: efBm, command: 'sync' },
  ];
}

/** `client-sync demo`: the main jobs end to end on simulated accounts, with their reports. */
export function registerDemoCommand(program: Command, env: CommandEnv): void {
  program
    .command('demo')
    .description('run a migration and a two-way sync on simulated accounts (no account needed) and show the reports')
    .option('--dir <dir>', 'where the demo keeps its accounts, state and reports (wiped first)', '.client-sync/demo')
    .option('--clients <count>', 'seeded clients per simulated account', '25')
    .option('--json', 'print every step as JSON on standard output')
    .action(async (flags: { dir: string; clients: string; json?: boolean }, command: Command) => {
      const { context } = env;
      const clients = Number(flags.clients);
      if (!Number.isInteger(clients) || clients < 0 || clients > 5000) throw new ConfigError([{ key: '--clients', message: 'expected a whole number from 0 to 5000' }]);
      const directory = path.resolve(context.cwd, flags.dir);
      await freshDirectory(directory);
      const file = path.join(directory, 'client-sync.yaml');
      const text = demoConfig(clients);
      await writeFile(file, text, { mode: PRIVATE_FILE_MODE });
      const session = createSession(context, parseConfig(text, { env: {}, directory, file }), globalsOf(command), env.version);
      const outcomes: { step: string; outcome: PairRunOutcome }[] = [];
      const say = (line: string): void => {
        if (flags.json !== true) context.out(line);
      };
      try {
        say(`client-sync demo: simulated EenvoudigFactureren, FactuurSturen.nl and Billomat accounts with ${clients} clients each, in ${path.relative(context.cwd, directory) || directory}`);
        for (const [index, step] of steps(session).entries()) {
          if (context.signal.aborted) break;
          say(`\n${index + 1}. ${step.title}`);
          const outcome = await runPairWithReport(session, step.pair, { command: step.command, dryRun: step.command === 'plan', allowMassArchive: false, signal: context.signal });
          outcomes.push({ step: step.title, outcome });
          say(renderRunSummary(outcome.report, outcome.written, context.cwd).replace(/^/gm, '   '));
        }
      } finally {
        await session.close();
      }
      const worst = worstExitCode(outcomes.map(({ outcome }) => outcome.exitCode));
      // The seeded accounts hold, on purpose, a few clients another vendor cannot take (an e-mail too
      // long for Billomat …): the demo shows how they are reported. They are not a failure of the demo.
      const exitCode = worst === EXIT.recordFailures ? EXIT.ok : worst;
      if (worst === EXIT.recordFailures) say('\nSome records were reported rather than copied: the simulated accounts include, on purpose, clients the other vendor cannot hold. The reports say which, and why.');
      const relative = path.relative(context.cwd, directory) || directory;
      say('\nA tenth of the simulated clients hold values real accounts hold (placeholders such as "geen btw", unchecked IBANs and VAT numbers): they are copied as they are, and each report\'s Data quality section lists them.');
      say(`\nThe reports are in ${relative}/reports (JSON, and Markdown to read). To look around:\n  client-sync status --config ${relative}/client-sync.yaml\n  client-sync verify --config ${relative}/client-sync.yaml --from factuursturen --to billomat\n  client-sync verify --config ${relative}/client-sync.yaml --quality --from eenvoudigfactureren`);
      if (flags.json === true) printJson(context, { command: 'demo', exitCode, directory, steps: outcomes.map(({ step, outcome }) => ({ step, exitCode: outcome.exitCode, report: outcome.report, files: outcome.written })) });
      context.setExitCode(exitCode);
    });
}
