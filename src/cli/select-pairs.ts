import type { ClientSyncConfig, PairConfig, PairOverrides } from '../config/types.js';
import { ConfigError } from '../errors/index.js';
import type { PairToRun } from './run-pair.js';

/**
 * The configured pairs a command runs: those named with `--pair`, or all of them. An unknown name,
 * or a config without pairs, is a usage error that says what there is.
 */
export function selectPairs(config: ClientSyncConfig, names: readonly string[] | undefined): PairConfig[] {
  const all = Object.values(config.pairs);
  if (all.length === 0) {
    throw new ConfigError([{ file: config.file, key: 'pairs', message: 'the config names no pairs: add one under pairs:, or use `client-sync migrate --from <connection> --to <connection>`' }]);
  }
  if (names === undefined || names.length === 0) return all;
  const unknown = names.filter((name) => config.pairs[name] === undefined);
  if (unknown.length > 0) {
    throw new ConfigError(unknown.map((name) => ({ key: '--pair', message: `no pair named '${name}' (pairs: ${all.map((p) => p.name).join(', ')})` })));
  }
  return all.filter((pair) => names.includes(pair.name));
}

/**
 * The implicit one-way pair of `--from A --to B` (`migrate`, `plan`, `verify`), named
 * `migrate-A-B`, after checking that both connections exist and differ.
 */
export function migrationPair(config: ClientSyncConfig, from: string, to: string, settings: PairOverrides = {}): PairToRun {
  const known = Object.keys(config.connections);
  const missing = ([['--from', from], ['--to', to]] as const).filter(([, name]) => !known.includes(name));
  if (missing.length > 0) throw new ConfigError(missing.map(([key, name]) => ({ key, message: `no connection named '${name}' (connections: ${known.join(', ')})` })));
  if (from === to) throw new ConfigError([{ key: '--to', message: 'needs a connection other than --from' }]);
  return { name: `migrate-${from}-${to}`, from, to, settings: { ...settings, mode: 'one-way' } };
}
