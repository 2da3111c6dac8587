import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../../config/load.js';
import { STARTER_CONFIG } from '../../config/starter.js';
import { ConfigError } from '../../errors/index.js';
import { PRIVATE_FILE_MODE } from '../../private-files.js';
import { globalsOf, type CommandEnv } from '../command-kit.js';

/** `client-sync init`: writes a commented starter config that works at once (sandbox connections). */
export function registerInitCommand(program: Command, env: CommandEnv): void {
  program
    .command('init')
    .description('write a commented starter client-sync.yaml (sandbox connections that work at once, real ones in comments)')
    .option('--force', 'overwrite an existing file')
    .action(async (flags: { force?: boolean }, command: Command) => {
      const file = path.resolve(env.context.cwd, globalsOf(command).config ?? DEFAULT_CONFIG_FILE);
      try {
        await writeFile(file, STARTER_CONFIG, { flag: flags.force === true ? 'w' : 'wx', mode: PRIVATE_FILE_MODE });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new ConfigError([{ file, key: '--config', message: 'already exists; pass --force to overwrite it' }]);
        if (code === 'ENOENT') throw new ConfigError([{ file, key: '--config', message: 'its directory does not exist' }]);
        throw error;
      }
      const shown = path.relative(env.context.cwd, file) || file;
      env.context.out([
        `Wrote ${shown}.`,
        'Next:',
        `  client-sync plan${shown === DEFAULT_CONFIG_FILE ? '' : ` --config ${shown}`}      # what the 'rehearsal' pair (two sandbox accounts) would do`,
        `  edit ${shown}: uncomment a real connection, export its variables, then: client-sync check`,
      ].join('\n'));
    });
}
