import type { Command } from 'commander';
import type { CheckOutcome } from '../../vendors/types.js';
import { printJson, withSession, type CommandEnv } from '../command-kit.js';
import { EXIT, worstExitCode } from '../exit-codes.js';

const EXIT_OF: Readonly<Record<CheckOutcome, number>> = {
  ok: EXIT.ok,
  'wrong-credentials': EXIT.auth,
  'wrong-url': EXIT.usage,
  'vendor-down': EXIT.unavailable,
};

/** `client-sync check [connection...]`: one cheap call per connection that says what is wrong, if anything. */
export function registerCheckCommand(program: Command, env: CommandEnv): void {
  program
    .command('check')
    .argument('[connection...]', 'connections to check (default: all)')
    .description('try each connection with one cheap call: credentials accepted, wrong credentials, wrong URL, or vendor down')
    .option('--json', 'print the results as JSON on standard output')
    .addHelpText('after', '\nExamples:\n  client-sync check\n  client-sync check bm')
    .action(async (names: string[], flags: { json?: boolean }, command: Command) => {
      await withSession(env, command, async (session) => {
        const selected = names.length === 0 ? Object.keys(session.config.connections) : names;
        const results = [];
        for (const name of selected) {
          const connection = await session.connection(name);
          const side = await connection.side(session.logger, { lookups: false });
          const result = await side.connector.check({ signal: env.context.signal });
          const baseUrl = connection.simulator?.url ?? connection.config.baseUrl;
          results.push({ connection: name, vendor: connection.config.vendor, sandbox: connection.simulator !== undefined, ...(baseUrl === undefined ? {} : { baseUrl }), ...result, exitCode: EXIT_OF[result.outcome] });
          if (flags.json !== true) env.context.out(`${name} (${connection.config.vendor}${connection.simulator === undefined ? '' : ', sandbox'}): ${result.outcome}: ${session.redactor.text(result.message)}`);
        }
        const exitCode = worstExitCode(results.map((r) => r.exitCode));
        if (flags.json === true) printJson(env.context, session.redactor.value({ command: 'check', exitCode, connections: results }));
        env.context.setExitCode(exitCode);
      });
    });
}
