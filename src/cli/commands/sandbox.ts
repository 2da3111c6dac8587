import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { untilAborted } from '../../clock.js';
import { localStateDirectory } from '../../config/state-directory.js';
import { ConfigError } from '../../errors/index.js';
import { API_VENDOR_IDS } from '../../vendors/ids.js';
import { withSession, type CommandEnv } from '../command-kit.js';
import { sandboxFile } from '../open-connection.js';

interface ServeFlags {
  clients: string;
  seed: string;
  timeScale: string;
  port?: string;
  persist?: string;
}

function number(value: string, key: string, min: number): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min) throw new ConfigError([{ key, message: `expected a number of at least ${min}, got '${value}'` }]);
  return parsed;
}

/** `client-sync sandbox`: the three simulators in the foreground, for trying client-sync or another tool against them. */
export function registerSandboxCommand(program: Command, env: CommandEnv): void {
  const sandbox = program.command('sandbox').description('run the simulated vendor accounts, or reset the ones of sandbox: connections');
  sandbox
    .command('serve', { isDefault: true })
    .description('start simulators of all three vendors on this machine and print how to connect; runs until Ctrl-C or SIGTERM')
    .option('--clients <count>', 'seeded clients per vendor', '25')
    .option('--seed <seed>', 'generator seed (same seed, same clients)', '1')
    .option('--time-scale <factor>', 'vendor time runs this many times faster (900: a 15-minute rate window per second)', '1')
    .option('--port <port>', 'first of three consecutive ports (default: free ones)')
    .option('--persist <dir>', 'keep the accounts in this directory between starts')
    .action(async (flags: ServeFlags) => {
      const { context } = env;
      const port = flags.port === undefined ? undefined : number(flags.port, '--port', 1);
      const { startSandbox } = await import('../../sandbox/index.js');
      const running = await startSandbox({
        clients: number(flags.clients, '--clients', 0),
        seed: flags.seed,
        timeScale: number(flags.timeScale, '--time-scale', Number.MIN_VALUE),
        ...(port === undefined ? {} : { ports: Object.fromEntries(API_VENDOR_IDS.map((vendor, i) => [vendor, port + i])) }),
        ...(flags.persist === undefined ? {} : { persistDir: path.resolve(context.cwd, flags.persist) }),
      });
      context.out([
        '# client-sync sandbox: simulated EenvoudigFactureren, FactuurSturen.nl and Billomat accounts.',
        ...API_VENDOR_IDS.map((vendor) => `#   ${vendor.padEnd(20)} ${running.urls[vendor]}`),
        '# Export these, save the YAML below as sandbox.yaml, then: client-sync check --config sandbox.yaml',
        ...Object.entries(running.env).map(([name, value]) => `# export ${name}=${value}`),
        running.config.trimEnd(),
      ].join('\n'));
      await untilAborted(context.signal);
      await running.close();
      context.err('client-sync sandbox: stopped.');
    });
  sandbox
    .command('reset')
    .description("forget the data of the config's sandbox: connections (they start again from their seeded clients)")
    .action(async (_flags: unknown, command: Command) => {
      await withSession(env, command, async (session) => {
        const stateDirectory = localStateDirectory(session.config);
        const sandboxes = Object.values(session.config.connections).filter((connection) => connection.sandbox !== undefined);
        for (const connection of sandboxes) await rm(sandboxFile(stateDirectory, connection.name), { force: true });
        env.context.out(sandboxes.length === 0 ? 'No sandbox connections in the config.' : `Reset ${sandboxes.map((c) => c.name).join(', ')}.`);
      });
    });
}
