import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, isSyncError } from '../../errors/index.js';
import { createRedactor } from '../../http/redact.js';
import type { CopyStateCounts } from '../../store/copy-state.js';
import { isPostgresLocation, redactStoreLocation, storeLocationSecrets } from '../../store/location.js';
import { printJson, withSession, type CommandEnv } from '../command-kit.js';
import { formatCount, formatElapsed } from '../format.js';

interface CopyFlags {
  to: string;
  force?: boolean;
  json?: boolean;
}

const describeCounts = (counts: CopyStateCounts): string =>
  `${formatCount(counts.runs)} runs, ${formatCount(counts.links)} links, ${formatCount(counts.snapshots)} snapshots, ${formatCount(counts.journal)} journal entries, ${formatCount(counts.failures)} failures waiting for retry`;

/**
 * `client-sync state copy --to <postgres-url>`: moves the configured SQLite state into PostgreSQL
 * (see copyState). The URL's password never reaches the terminal: output names the redacted URL,
 * and any other error is scrubbed of it.
 */
export function registerStateCommand(program: Command, env: CommandEnv): void {
  const state = program.command('state').description('manage the state store (links, snapshots, journal, runs)');
  state
    .command('copy')
    .description('copy the configured SQLite state into an empty PostgreSQL database, in one transaction (no vendor call)')
    .requiredOption('--to <url>', 'the PostgreSQL URL, e.g. "$CLIENT_SYNC_STATE" (postgres://user:password@host:5432/db)')
    .option('--force', 'replace the state a non-empty target already holds')
    .option('--json', 'print the counts as JSON on standard output')
    .action(async (flags: CopyFlags, command: Command) => {
      const to = redactStoreLocation(flags.to);
      const scrub = createRedactor(storeLocationSecrets(flags.to));
      await withSession(env, command, async (session) => {
        const from = session.config.statePath;
        if (!isPostgresLocation(flags.to)) throw new ConfigError([{ key: '--to', message: `give a PostgreSQL URL (postgres://user:password@host:5432/database), not ${to}` }]);
        if (isPostgresLocation(from)) throw new ConfigError([{ file: session.config.file, key: 'state', message: `the configured state is already in PostgreSQL (${redactStoreLocation(from)}): copy reads a SQLite state` }]);
        const started = performance.now();
        let counts: CopyStateCounts;
        try {
          const { copyState } = await import('../../store/copy-state.js');
          counts = await copyState({ from, to: flags.to, force: flags.force === true });
        } catch (error) {
          if (!isSyncError(error) && error instanceof Error) {
            error.message = scrub.text(error.message);
            if (error.stack !== undefined) error.stack = scrub.text(error.stack);
          }
          throw error;
        }
        const tookMs = Math.round(performance.now() - started);
        if (flags.json === true) {
          printJson(env.context, { command: 'state copy', from, to, counts, tookMs });
          return;
        }
        env.context.out(`Copied ${path.relative(env.context.cwd, from) || from} to ${to} in ${formatElapsed(tookMs)}: ${describeCounts(counts)} (read back: the counts match).`);
        env.context.out('Point `state:` in the config at it to use it, e.g. `state: ${CLIENT_SYNC_STATE}` with CLIENT_SYNC_STATE set to the URL.');
      });
    });
}
