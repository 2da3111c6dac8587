import { Cron } from 'croner';
import { CANONICAL_LISTS, canonicalField, isCanonicalObject } from '../canonical/index.js';
import { resolveColumns, type ResolveContext } from './resolve-connection.js';
import type { PairFile } from './schema.js';
import type { PairConfig, PairOverrides } from './types.js';

/** A name for connections and pairs: it becomes part of file names, lock keys and report names. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Whether a cron pattern is one croner can run; the parser's message otherwise. */
export function cronProblem(pattern: string): string | undefined {
  try {
    // Without a function croner only parses the pattern: no timer is started.
    new Cron(pattern).stop();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
  }
}

/** `exclude` entries name canonical fields, objects or lists (see `client-sync mappings`). */
export function isCanonicalPath(path: string): boolean {
  return canonicalField(path) !== undefined || isCanonicalObject(path) || CANONICAL_LISTS.includes(path) || path.startsWith('extensions.');
}

/** The snake_case file keys as the engine's PairSettings (only what the file sets). */
function toOverrides(raw: PairFile): PairOverrides {
  const archive = raw.archive === undefined ? undefined : {
    ...(raw.archive.propagate === undefined ? {} : { propagate: raw.archive.propagate }),
    ...(raw.archive.hard_delete === undefined ? {} : { hardDelete: raw.archive.hard_delete }),
    ...(raw.archive.max_share === undefined ? {} : { maxShare: raw.archive.max_share }),
  };
  return {
    ...(raw.mode === undefined ? {} : { mode: raw.mode }),
    ...(raw.conflict === undefined ? {} : { conflict: raw.conflict }),
    ...(raw.contacts === undefined ? {} : { contacts: raw.contacts }),
    ...(raw.custom_values === undefined ? {} : { customValues: raw.custom_values }),
    ...(archive === undefined ? {} : { archive }),
    ...(raw.match_existing === undefined ? {} : { matchExisting: raw.match_existing }),
    ...(raw.markers === undefined ? {} : { markers: raw.markers }),
    ...(raw.exclude === undefined ? {} : { exclude: raw.exclude }),
    ...(raw.include_archived === undefined ? {} : { includeArchived: raw.include_archived }),
    ...(raw.recreate_deleted === undefined ? {} : { recreateDeleted: raw.recreate_deleted }),
    ...(raw.quality === undefined ? {} : { quality: raw.quality }),
    ...(raw.placeholders === undefined ? {} : { placeholders: { add: raw.placeholders.add ?? [], remove: raw.placeholders.remove ?? [] } }),
  };
}

/** Checks a pair against the connections and resolves it; problems go to the context's issues. */
export function resolvePair(name: string, raw: PairFile, connections: readonly string[], context: ResolveContext, warnings: string[]): PairConfig {
  const issue = (at: (string | number)[], message: string): void => {
    const key = at.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
    context.issues.push({ file: context.file, line: context.lineOf(['pairs', name, ...at]), key: `pairs.${name}${key}`, message });
  };
  for (const side of ['from', 'to'] as const) {
    if (!connections.includes(raw[side])) {
      issue([side], `no connection named '${raw[side]}' (connections: ${connections.length === 0 ? 'none' : connections.join(', ')})`);
    }
  }
  if (raw.from === raw.to) issue(['to'], 'a pair needs two different connections');
  if (raw.schedule !== undefined) {
    const problem = cronProblem(raw.schedule);
    if (problem !== undefined) issue(['schedule'], `not a cron pattern: ${problem} (for example "0 2 * * *", every night at 02:00)`);
  }
  raw.exclude?.forEach((path, index) => {
    if (!isCanonicalPath(path)) issue(['exclude', index], `'${path}' is not a canonical field (see: client-sync mappings)`);
  });
  if ((raw.mode ?? 'one-way') === 'one-way' && raw.conflict !== undefined) {
    warnings.push(`pairs.${name}.conflict has no effect on a one-way pair: ${raw.from} always wins`);
  }
  const columns = raw.columns === undefined ? undefined : resolveColumns(raw.columns, context, (message) => issue(['columns'], message));
  return {
    name, from: raw.from, to: raw.to,
    ...(raw.schedule === undefined ? {} : { schedule: raw.schedule }),
    ...(columns === undefined ? {} : { columns }),
    settings: { name, ...toOverrides(raw) },
  };
}
