import path from 'node:path';
import type { ConfigIssue } from '../errors/index.js';
import { VENDOR_NAMES, type ApiVendorId } from '../vendors/ids.js';
import { builtinColumnMappings, GENERIC_COLUMNS, isColumnMappingName } from '../vendors/spreadsheet/column-mappings.js';
import type { Credentials } from '../vendors/types.js';
import { parseDuration } from './duration.js';
import type { Interpolator } from './interpolate.js';
import type { LineOf } from './issues.js';
import { CREDENTIAL_KEYS, type ConnectionFile, type CredentialKey } from './schema.js';
import type { ConnectionConfig, SandboxSettings } from './types.js';

/** Which credential keys each vendor takes, and how to say so. */
const ACCEPTS: Readonly<Record<ApiVendorId, { keys: readonly CredentialKey[]; says: string }>> = {
  eenvoudigfactureren: { keys: ['api_key', 'email', 'password', 'account_id'], says: 'api_key, or email and password; account_id is optional' },
  factuursturen: { keys: ['username', 'api_key'], says: 'username and api_key' },
  billomat: { keys: ['api_key', 'app_id', 'app_secret'], says: 'api_key; app_id and app_secret for a registered app' },
};

export interface ResolveContext {
  readonly file: string | undefined;
  readonly directory: string;
  readonly lineOf: LineOf;
  readonly interpolator: Interpolator;
  readonly issues: ConfigIssue[];
}

function credentialsFor(vendor: ApiVendorId, get: (key: CredentialKey) => string | undefined): Credentials | undefined {
  const apiKey = get('api_key');
  switch (vendor) {
    case 'eenvoudigfactureren': {
      const accountId = get('account_id');
      if (apiKey !== undefined) return { kind: 'apiKey', apiKey, accountId };
      const username = get('email');
      const password = get('password');
      return username === undefined || password === undefined ? undefined : { kind: 'basic', username, password, accountId };
    }
    case 'factuursturen': {
      const username = get('username');
      return username === undefined || apiKey === undefined ? undefined : { kind: 'basic', username, password: apiKey };
    }
    case 'billomat':
      return apiKey === undefined ? undefined : { kind: 'billomat', apiKey, appId: get('app_id'), appSecret: get('app_secret') };
  }
}

/** What is missing from a vendor's credentials, as [key, message]; empty when complete. */
function missingCredentials(vendor: ApiVendorId, has: (key: CredentialKey) => boolean): [CredentialKey, string][] {
  switch (vendor) {
    case 'eenvoudigfactureren':
      if (has('api_key') && (has('email') || has('password'))) return [['api_key', 'give either api_key, or email and password, not both']];
      if (has('api_key')) return [];
      if (!has('email') && !has('password')) return [['api_key', 'is required (or email and password)']];
      return has('email') ? (has('password') ? [] : [['password', 'is required with email']]) : [['email', 'is required with password']];
    case 'factuursturen':
      return [...(has('username') ? [] : [['username', 'is required (your FactuurSturen user name)'] as [CredentialKey, string]]), ...(has('api_key') ? [] : [['api_key', 'is required'] as [CredentialKey, string]])];
    case 'billomat':
      if (!has('api_key')) return [['api_key', 'is required']];
      if (has('app_id') !== has('app_secret')) return [[has('app_id') ? 'app_secret' : 'app_id', 'app_id and app_secret go together (a registered app)']];
      return [];
  }
}

function sandboxSettings(value: ConnectionFile['sandbox']): SandboxSettings | undefined {
  if (value === undefined || value === false) return undefined;
  const given = value === true ? {} : value;
  return { clients: given.clients ?? 25, seed: given.seed ?? 1, timeScale: given.time_scale ?? 1, dirtyShare: given.dirty_share ?? 0 };
}

/** Keys only a spreadsheet connection takes. */
const SPREADSHEET_KEYS = ['path', 'encoding', 'delimiter', 'columns'] as const;
/** Keys only an API vendor's connection takes. */
const API_KEYS = ['sandbox', 'base_url', ...CREDENTIAL_KEYS, 'rate_limit', 'rate_budget_group', 'page_size', 'timeout'] as const;

/**
 * A `columns:` value: a built-in column mapping's name, or a file path (resolved against the config's
 * directory). An unknown name is reported through `problem`.
 */
export function resolveColumns(value: string, context: Pick<ResolveContext, 'directory'>, problem: (message: string) => void): string {
  if (!isColumnMappingName(value)) return path.resolve(context.directory, value);
  const known = builtinColumnMappings();
  if (!known.includes(value)) problem(`no built-in column mapping named '${value}' (built-in: ${known.join(', ')}; or give a file path such as ./columns.yaml)`);
  return value;
}

function resolveSpreadsheet(name: string, raw: ConnectionFile, context: ResolveContext, issue: (key: string, message: string) => void): ConnectionConfig {
  for (const key of API_KEYS.filter((k) => raw[k] !== undefined)) issue(key, 'a spreadsheet connection does not take this key: it reads and writes the file named by path');
  if (raw.path === undefined) issue('path', 'is required for a spreadsheet connection: the CSV file (for example ./clients.csv)');
  const file = raw.path === undefined ? undefined : context.interpolator.resolve(raw.path, `connections.${name}.path`, context.lineOf(['connections', name, 'path']));
  return {
    name,
    vendor: 'spreadsheet',
    credentials: undefined,
    ...(raw.mappings === undefined ? {} : { mappingsDirectory: path.resolve(context.directory, raw.mappings) }),
    spreadsheet: {
      path: path.resolve(context.directory, file ?? ''),
      encoding: raw.encoding ?? 'auto',
      delimiter: raw.delimiter === 'tab' ? '\t' : raw.delimiter ?? 'auto',
      columns: raw.columns === undefined ? GENERIC_COLUMNS : resolveColumns(raw.columns, context, (message) => issue('columns', message)),
    },
  };
}

/** Applies the rules that span keys (credentials per vendor, sandbox, URLs) and resolves `${VAR}`s. */
export function resolveConnection(name: string, raw: ConnectionFile, context: ResolveContext): ConnectionConfig {
  const at = (key: string): string => `connections.${name}.${key}`;
  const lineOf = (key: string): number | undefined => context.lineOf(['connections', name, ...key.split('.')]);
  const issue = (key: string, message: string): void => {
    context.issues.push({ file: context.file, line: lineOf(key), key: at(key), message });
  };
  if (raw.vendor === 'spreadsheet') return resolveSpreadsheet(name, raw, context, issue);
  for (const key of SPREADSHEET_KEYS.filter((k) => raw[k] !== undefined)) issue(key, `only a spreadsheet connection takes this key (${VENDOR_NAMES[raw.vendor]} is reached through its API)`);
  const sandbox = sandboxSettings(raw.sandbox);
  const given = CREDENTIAL_KEYS.filter((key) => raw[key] !== undefined);
  const duration = (key: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined) issue(key, 'expected a duration above zero');
    return ms;
  };
  const windowMs = duration('rate_limit.per', raw.rate_limit?.per);
  const timeoutMs = duration('timeout', raw.timeout);
  const vendor = raw.vendor;
  const common = {
    name,
    vendor,
    ...(raw.rate_limit === undefined || windowMs === undefined ? {} : { rateBudget: { requests: raw.rate_limit.requests, windowMs } }),
    ...(raw.rate_budget_group === undefined ? {} : { rateBudgetGroup: raw.rate_budget_group }),
    ...(raw.page_size === undefined ? {} : { pageSize: raw.page_size }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(raw.mappings === undefined ? {} : { mappingsDirectory: path.resolve(context.directory, raw.mappings) }),
  };

  if (sandbox !== undefined) {
    for (const key of [...given, ...(raw.base_url === undefined ? [] : ['base_url'])]) {
      issue(key, 'a sandbox connection brings its own simulator and credentials: remove this key, or set sandbox: false');
    }
    return { ...common, credentials: undefined, sandbox };
  }

  const accepts = ACCEPTS[vendor];
  for (const key of given.filter((k) => !accepts.keys.includes(k))) {
    issue(key, `${VENDOR_NAMES[vendor]} does not take ${key}; it takes ${accepts.says}`);
  }
  for (const [key, message] of missingCredentials(vendor, (k) => raw[k] !== undefined)) issue(key, message);

  const values = new Map<CredentialKey, string>();
  for (const key of given) {
    const text = raw[key];
    if (text === undefined) continue;
    const value = context.interpolator.resolve(text, at(key), lineOf(key));
    if (value === undefined) continue;
    values.set(key, value);
  }

  let baseUrl: string | undefined;
  if (raw.base_url !== undefined) {
    baseUrl = context.interpolator.resolve(raw.base_url, at('base_url'), lineOf('base_url'));
    if (baseUrl !== undefined && (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))) issue('base_url', 'expected an http(s) URL');
    else if (baseUrl !== undefined && (new URL(baseUrl).username !== '' || new URL(baseUrl).password !== '')) {
      issue('base_url', 'must not carry a user name or password: give credentials with their own keys, from environment variables');
    }
  } else if (vendor === 'billomat') {
    issue('base_url', "is required for Billomat: your account's own address, https://<your id>.billomat.net/api");
  }

  return { ...common, credentials: credentialsFor(vendor, (key) => values.get(key)), ...(baseUrl === undefined ? {} : { baseUrl }) };
}
