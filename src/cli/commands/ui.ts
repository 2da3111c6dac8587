import type { Command } from 'commander';
import { withSession, type CommandEnv } from '../command-kit.js';
import { decide, linkByHand, unlinkByHand } from '../open-items/decide-items.js';
import { deciderOf, valueCheckFor } from '../open-items/value-check.js';
import { runPairWithReport } from '../run-pair.js';
import { selectPairs } from '../select-pairs.js';
import { gatherStatus } from '../status-model.js';
import { undoRun } from '../undo-run.js';

/** `client-sync ui`: the local web console, up until SIGINT or SIGTERM. */
export function registerUiCommand(program: Command, env: CommandEnv): void {
  program
    .command('ui')
    .description('open a local web console (127.0.0.1) to review and settle open items, see runs, reports and plan previews')
    .option('--port <port>', 'listen on this port (default: a free one)', (value) => Number.parseInt(value, 10))
    .option('--by <name>', 'who decides, for the record (default: the OS user)')
    .addHelpText('after', '\nThe printed link holds a one-time token: open it in your browser. Stop with Ctrl-C.')
    .action(async (flags: { port?: number; by?: string }, command: Command) => {
      await withSession(env, command, async (session) => {
        const by = deciderOf(flags.by);
        const signal = session.context.signal;
        // Loaded here, not at start-up: the web server is the console's alone.
        const { startConsole } = await import('../../console/console-server.js');
        const running = await startConsole({
          store: () => session.store(),
          status: () => gatherStatus(session.config, session.configName, session.store(), { limit: 20 }),
          pairs: Object.keys(session.config.pairs),
          reportsDirectory: session.config.reportsDirectory,
          decide: (id, request) => decide({ store: session.store(), ids: [id], request, by, now: Date.now(), checkValue: valueCheckFor(session.config) }),
          link: (pair, from, to) => linkByHand(session.store(), { pair, from, to, by, now: Date.now() }),
          unlink: (pair, record) => unlinkByHand(session.store(), { pair, fromConnection: selectPairs(session.config, [pair])[0]?.from ?? '', record, by, now: Date.now() }),
          run: async (pair) => {
            await runPairWithReport(session, selectPairs(session.config, [pair])[0] ?? { name: pair, from: '', to: '', settings: {} }, { command: 'sync', dryRun: false, allowMassArchive: false, signal });
          },
          plan: async (pair) => {
            const outcome = await runPairWithReport(session, selectPairs(session.config, [pair])[0] ?? { name: pair, from: '', to: '', settings: {} }, { command: 'plan', dryRun: true, allowMassArchive: false, signal });
            return outcome.report.result;
          },
          undo: async (runId, options) => (await undoRun(session, runId, { ...options, signal })).report.result,
        }, { port: flags.port });
        env.context.out(`client-sync console: ${running.url}`);
        env.context.out('Open it in a browser on this machine; Ctrl-C stops the console.');
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
        await running.close();
      });
    });
}
