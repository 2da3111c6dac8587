import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, MappingError, type ConfigIssue } from '../errors/index.js';
import { isPostgresLocation } from '../store/location.js';
import { parseYamlWithLines } from '../mapping/load.js';
import { builtinSandboxConfig } from './builtin.js';
import { DEFAULT_KEEP_REPORTS, DEFAULT_REPORTS, DEFAULT_STATE } from './defaults.js';
import { createInterpolator } from './interpolate.js';
import { toConfigIssues } from './issues.js';
import { resolveConnection, type ResolveContext } from './resolve-connection.js';
import { NAME_PATTERN, resolvePair } from './resolve-pair.js';
import { ConfigFileSchema } from './schema.js';
import type { ClientSyncConfig, ConnectionConfig, LoadedConfig, PairConfig } from './types.js';

/** The file `--config` defaults to, in the working directory. */
export const DEFAULT_CONFIG_FILE = 'client-sync.yaml';


export interface LoadConfigOptions {
  /** The file named by `--config`; undefined: `client-sync.yaml`, or the built-in sandbox when there is none. */
  readonly file?: string | undefined;
  /** Where `${VAR}` references are looked up. The only environment the library ever reads. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface ParseConfigOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths in the text are relative to this directory. */
  readonly directory: string;
  /** For messages (`client-sync.yaml:12: connections.bm.api_key: …`). */
  readonly file?: string | undefined;
}

/**
 * Reads and checks a configuration: YAML → shapes (zod, unknown keys rejected) → rules across keys
 * → `${VAR}` from the environment. Every problem found is reported at once, each naming its key;
 * nothing here makes a vendor call. With no `--config` and no `client-sync.yaml`, it returns the
 * built-in sandbox configuration (`config.file` is then undefined).
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const file = path.resolve(options.cwd, options.file ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && options.file === undefined) return { config: builtinSandboxConfig(options.cwd), warnings: [] };
    throw new ConfigError([{ file, key: '--config', message: missing ? 'no such file (run `client-sync init` to write a starter file)' : 'cannot read the file' }]);
  }
  return parseConfig(text, { env: options.env, directory: path.dirname(file), file });
}

/**
 * YAML does not allow `{` in a plain value inside a flow map, so `{ api_key: ${KEY} }` would be a
 * syntax error; a value that is exactly one unquoted reference is quoted before parsing (same line,
 * so line numbers in messages stay right).
 */
function quoteEnvReferences(text: string): string {
  return text.replace(/(:[ \t]+)(\$\{[A-Za-z_][A-Za-z0-9_]*\})(?=[ \t]*(?:,|\}|#|$))/gm, '$1"$2"');
}

/** Checks a configuration given as text; see `loadConfig`. Throws ConfigError listing every problem. */
export function parseConfig(text: string, options: ParseConfigOptions): LoadedConfig {
  const { file, directory } = options;
  let parsed: ReturnType<typeof parseYamlWithLines>;
  try {
    parsed = parseYamlWithLines(quoteEnvReferences(text), file ?? DEFAULT_CONFIG_FILE);
  } catch (error) {
    // The YAML reader reports syntax errors as mapping errors; here they are config errors.
    if (error instanceof MappingError) throw new ConfigError(error.issues);
    throw error;
  }
  const shape = ConfigFileSchema.safeParse(parsed.value ?? {}, { reportInput: true });
  if (!shape.success) throw new ConfigError(toConfigIssues(shape.error.issues, file, parsed.lineOf));
  const raw = shape.data;

  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const context: ResolveContext = { file, directory, lineOf: parsed.lineOf, interpolator: createInterpolator(options.env, file), issues };
  const badName = (section: 'connections' | 'pairs', name: string): boolean => {
    if (NAME_PATTERN.test(name)) return false;
    issues.push({ file, line: parsed.lineOf([section, name]), key: `${section}.${name}`, message: 'names use lower-case letters, digits and dashes (they become file names and lock keys)' });
    return true;
  };

  const connections: Record<string, ConnectionConfig> = {};
  for (const [name, connection] of Object.entries(raw.connections)) {
    if (!badName('connections', name)) connections[name] = resolveConnection(name, connection, context);
  }
  if (Object.keys(raw.connections).length === 0) issues.push({ file, line: parsed.lineOf(['connections']), key: 'connections', message: 'name at least one connection' });
  const pairs: Record<string, PairConfig> = {};
  for (const [name, pair] of Object.entries(raw.pairs ?? {})) {
    if (!badName('pairs', name)) pairs[name] = resolvePair(name, pair, Object.keys(connections), context, warnings);
  }

  const resolvePath = (key: 'state' | 'reports', fallback: string): string => {
    const value = raw[key] === undefined ? fallback : context.interpolator.resolve(raw[key], key, parsed.lineOf([key]));
    // `state:` may name a PostgreSQL server instead of a file (`state: ${CLIENT_SYNC_STATE}`).
    if (key === 'state' && value !== undefined && isPostgresLocation(value)) return value;
    return path.resolve(directory, value ?? fallback);
  };
  const config: ClientSyncConfig = {
    file,
    directory,
    statePath: resolvePath('state', DEFAULT_STATE),
    reportsDirectory: resolvePath('reports', DEFAULT_REPORTS),
    reportFormat: raw.report_format ?? 'markdown',
    keepReports: raw.keep_reports ?? DEFAULT_KEEP_REPORTS,
    connections,
    pairs,
  };
  const all = [...issues, ...context.interpolator.issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (all.length > 0) throw new ConfigError(all);
  return { config, warnings };
}
