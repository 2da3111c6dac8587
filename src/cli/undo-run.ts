import type { ClientSyncConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import { runPairWithReport, type PairRunOutcome, type PairToRun } from './run-pair.js';
import { migrationPair } from './select-pairs.js';
import type { Session } from './session.js';

/**
 * The pair a run belongs to: a configured pair, or the implicit `migrate-<from>-<to>` pair of a
 * migration (found again by trying the config's connections, since names may hold dashes).
 */
export function pairOfRun(config: ClientSyncConfig, pair: string, runId: string): PairToRun {
  const configured = config.pairs[pair];
  if (configured !== undefined) return configured;
  const names = Object.keys(config.connections);
  for (const from of names) {
    for (const to of names) {
      if (from !== to && pair === `migrate-${from}-${to}`) return migrationPair(config, from, to);
    }
  }
  throw new ConfigError([{ file: config.file, key: 'run-id', message: `run ${runId} belongs to pair ${pair}, which this config does not have (pairs: ${Object.keys(config.pairs).join(', ') || 'none'})` }]);
}

export interface UndoRunOptions {
  /** Show the plan, write nothing. */
  readonly dryRun: boolean;
  /** Take back records changed since the run too. */
  readonly force: boolean;
  readonly signal: AbortSignal;
}

/**
 * Takes run `runId` back on its pair, with a report (`<time>-<pair>-undo.json`): what
 * `client-sync undo` and the console's undo button both call.
 */
export async function undoRun(session: Session, runId: string, options: UndoRunOptions): Promise<PairRunOutcome> {
  const entry = session.store().journal({ runId })[0];
  if (entry === undefined) {
    throw new ConfigError([{ key: 'run-id', message: `run ${runId} has no journal here: it wrote nothing, is not in this state store, or is older than the journal keeps (30 days)` }]);
  }
  const pair = pairOfRun(session.config, entry.pair, runId);
  return runPairWithReport(session, pair, {
    command: 'undo',
    dryRun: options.dryRun,
    allowMassArchive: false,
    undo: { runId, force: options.force },
    signal: options.signal,
  });
}
