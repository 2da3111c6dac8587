import type { ClientSyncConfig, PairConfig } from '../config/types.js';
import { ConfigError } from '../errors/index.js';

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
