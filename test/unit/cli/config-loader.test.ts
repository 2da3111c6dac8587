import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, STARTER_CONFIG } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors/index.js';

const FILE = '/work/project/client-sync.yaml';
const ENV = {
  EF_API_KEY: 'ef-key-0001',
  FS_USERNAME: 'bakkerij',
  FS_API_KEY: 'fs-key-0002',
  BILLOMAT_API_KEY: 'bm-key-0003',
  BILLOMAT_APP_ID: 'app-7',
  BILLOMAT_APP_SECRET: 'bm-secret-0004',
};

/** The example of the design decisions, flow maps with unquoted ${VAR} included. */
const EXAMPLE = `state: .client-sync/state.db
reports: .client-sync/reports
connections:
  ef:
    vendor: eenvoudigfactureren
    api_key: \${EF_API_KEY}
    rate_limit: { requests: 300, per: 15m }
    page_size: 100
  fs: { vendor: factuursturen, username: \${FS_USERNAME}, api_key: \${FS_API_KEY} }
  bm: { vendor: billomat, base_url: https://acme.billomat.net/api, api_key: \${BILLOMAT_API_KEY}, app_id: \${BILLOMAT_APP_ID}, app_secret: \${BILLOMAT_APP_SECRET} }
  demo-bm: { vendor: billomat, sandbox: { clients: 50, seed: 7, time_scale: 900 } }
pairs:
  nightly:
    from: fs
    to: bm
    mode: one-way
    schedule: "0 2 * * *"
    contacts: false
    custom_values: true
    archive: { propagate: true, hard_delete: false, max_share: 0.1 }
    match_existing: auto
    markers: deferred
    exclude: [documentDefaults.emailIntro]
    include_archived: true
    recreate_deleted: false
`;

function parse(text: string, env: Record<string, string> = ENV) {
  return parseConfig(text, { env, directory: path.dirname(FILE), file: FILE });
}

/** The ConfigError a text raises (the test fails if it loads). */
function rejection(text: string, env: Record<string, string> = ENV): ConfigError {
  try {
    parse(text, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('the config loaded although it is broken');
}

const one = (connection: string) => `connections:\n  x:\n${connection.replace(/^/gm, '    ')}\n`;

describe('loading client-sync.yaml', () => {
  it('resolves the documented example, flow maps and ${VAR} references included', () => {
    const { config } = parse(EXAMPLE);
    expect(config.connections.ef?.credentials).toEqual({ kind: 'apiKey', apiKey: 'ef-key-0001', accountId: undefined });
    expect(config.connections.fs?.credentials).toEqual({ kind: 'basic', username: 'bakkerij', password: 'fs-key-0002' });
    expect(config.connections.bm?.credentials).toEqual({ kind: 'billomat', apiKey: 'bm-key-0003', appId: 'app-7', appSecret: 'bm-secret-0004' });
    expect(config.connections.ef?.rateBudget).toEqual({ requests: 300, windowMs: 900_000 });
    expect(config.connections['demo-bm']?.sandbox).toEqual({ clients: 50, seed: 7, timeScale: 900, dirtyShare: 0 });
  });

  it('turns pair keys into the engine settings and keeps the schedule', () => {
    const { config } = parse(EXAMPLE);
    expect(config.pairs.nightly).toMatchObject({
      from: 'fs',
      to: 'bm',
      schedule: '0 2 * * *',
      settings: { name: 'nightly', mode: 'one-way', customValues: true, archive: { propagate: true, hardDelete: false, maxShare: 0.1 }, exclude: ['documentDefaults.emailIntro'], includeArchived: true, recreateDeleted: false },
    });
  });

  it('puts the state store and reports next to the config file', () => {
    const { config } = parse(EXAMPLE);
    expect(config.statePath).toBe('/work/project/.client-sync/state.db');
    expect(config.reportsDirectory).toBe('/work/project/.client-sync/reports');
  });

  it('accepts the starter file that init writes', () => {
    expect(Object.keys(parse(STARTER_CONFIG).config.pairs)).toEqual(['rehearsal']);
  });

  it('shows a spreadsheet connection in the starter file, commented out, that is valid once uncommented', () => {
    const lines = STARTER_CONFIG.split('\n');
    const start = lines.findIndex((line) => line === '  # clients-csv:');
    expect(start).toBeGreaterThan(0);
    const block = lines.slice(start, lines.indexOf('', start)).map((line) => line.replace(/^ {2}# /, '  ').replace(/^ {4}# /, '    # '));
    const { config } = parse(STARTER_CONFIG.replace(lines.slice(start, lines.indexOf('', start)).join('\n'), block.join('\n')));
    expect(config.connections['clients-csv']).toMatchObject({ vendor: 'spreadsheet', spreadsheet: { path: '/work/project/clients.csv', encoding: 'auto', delimiter: 'auto', columns: 'generic' } });
  });

  it('names an unknown key, its line, and the key it probably meant', () => {
    const error = rejection(one('vendor: billomat\nsandbox: true\napiKey: x'));
    expect(error.issues).toEqual([expect.objectContaining({ key: 'connections.x.apiKey', line: 5 })]);
    expect(error.message).toContain("unknown key; did you mean 'api_key'?");
  });

  it('names the key and the variable when an environment variable is missing', () => {
    const error = rejection(EXAMPLE, { ...ENV, BILLOMAT_API_KEY: undefined } as unknown as Record<string, string>);
    expect(error.issues).toEqual([expect.objectContaining({ key: 'connections.bm.api_key', message: 'environment variable BILLOMAT_API_KEY is not set' })]);
  });

  it('refuses a literal secret without repeating it', () => {
    const error = rejection(one('vendor: billomat\nbase_url: https://a.billomat.net/api\napi_key: hunter2-literal'));
    expect(error.issues.map((i) => i.key)).toEqual(['connections.x.api_key']);
    expect(error.message).toContain('must be a ${VAR} reference');
    expect(error.message).not.toContain('hunter2-literal');
  });

  it('lets identities like a user name be literal', () => {
    const { config } = parse(one('vendor: factuursturen\nusername: bakkerij\napi_key: ${FS_API_KEY}'));
    expect(config.connections.x?.credentials).toEqual({ kind: 'basic', username: 'bakkerij', password: 'fs-key-0002' });
  });

  it('lists the vendors when the vendor is unknown', () => {
    const error = rejection(one('vendor: exact-online'));
    expect(error.message).toContain("connections.x.vendor: expected one of eenvoudigfactureren, factuursturen, billomat, spreadsheet, got 'exact-online'");
  });

  it('names the pair key that points at a missing connection', () => {
    const error = rejection(`connections:\n  bm: { vendor: billomat, sandbox: true }\npairs:\n  p: { from: fs, to: bm }\n`);
    expect(error.issues).toEqual([expect.objectContaining({ key: 'pairs.p.from', message: "no connection named 'fs' (connections: bm)" })]);
  });

  it('says what type a key expects', () => {
    const error = rejection(one('vendor: billomat\nsandbox: true\npage_size: "100"'));
    expect(error.issues).toEqual([expect.objectContaining({ key: 'connections.x.page_size', message: 'expected a number, got text' })]);
  });

  it('takes the rate budget group that connections of one vendor account share', () => {
    const text = 'connections:\n  a: { vendor: billomat, base_url: https://acme.billomat.net/api, api_key: ${BILLOMAT_API_KEY}, rate_budget_group: billomat-acme }\n';
    expect(parse(text).config.connections.a?.rateBudgetGroup).toBe('billomat-acme');
    const error = rejection(one('vendor: billomat\nsandbox: true\nrate_budget_group: "acme account"'));
    expect(error.issues).toEqual([expect.objectContaining({ key: 'connections.x.rate_budget_group', message: 'expected a name of 1 to 64 letters, digits, dots, dashes or underscores' })]);
  });

  it('asks for the account URL of a Billomat connection', () => {
    const error = rejection(one('vendor: billomat\napi_key: ${BILLOMAT_API_KEY}'));
    expect(error.issues).toEqual([expect.objectContaining({ key: 'connections.x.base_url' })]);
    expect(error.message).toContain('https://<your id>.billomat.net/api');
  });

  it('refuses a base URL that carries credentials, without repeating them', () => {
    const error = rejection(one('vendor: billomat\nbase_url: https://me:pa55word@a.billomat.net/api\napi_key: ${BILLOMAT_API_KEY}'));
    expect(error.issues.map((i) => i.key)).toEqual(['connections.x.base_url']);
    expect(error.message).not.toContain('pa55word');
  });

  it('refuses credentials a vendor does not take', () => {
    const error = rejection(one('vendor: factuursturen\nusername: u\napi_key: ${FS_API_KEY}\napp_secret: ${BILLOMAT_APP_SECRET}'));
    expect(error.message).toContain('connections.x.app_secret: FactuurSturen.nl does not take app_secret; it takes username and api_key');
  });

  it('refuses an EenvoudigFactureren connection with both an API key and a password login', () => {
    const error = rejection(one('vendor: eenvoudigfactureren\napi_key: ${EF_API_KEY}\nemail: me@example.be'));
    expect(error.message).toContain('give either api_key, or email and password, not both');
  });

  it('refuses credentials on a sandbox connection', () => {
    const error = rejection(one('vendor: billomat\nsandbox: true\napi_key: ${BILLOMAT_API_KEY}'));
    expect(error.issues.map((i) => i.key)).toEqual(['connections.x.api_key']);
  });

  it('refuses a schedule that is not a cron pattern', () => {
    const error = rejection(`connections:\n  a: { vendor: billomat, sandbox: true }\n  b: { vendor: factuursturen, sandbox: true }\npairs:\n  p: { from: a, to: b, schedule: "every night" }\n`);
    expect(error.issues).toEqual([expect.objectContaining({ key: 'pairs.p.schedule' })]);
  });

  it('refuses an excluded field that is not canonical', () => {
    const error = rejection(`connections:\n  a: { vendor: billomat, sandbox: true }\n  b: { vendor: factuursturen, sandbox: true }\npairs:\n  p: { from: a, to: b, exclude: [billingAddress.city, shoeSize] }\n`);
    expect(error.issues).toEqual([expect.objectContaining({ key: 'pairs.p.exclude[1]' })]);
  });

  it('warns that a conflict policy does nothing on a one-way pair', () => {
    const { warnings } = parse(`connections:\n  a: { vendor: billomat, sandbox: true }\n  b: { vendor: factuursturen, sandbox: true }\npairs:\n  p: { from: a, to: b, conflict: newest }\n`);
    expect(warnings).toEqual(['pairs.p.conflict has no effect on a one-way pair: a always wins']);
  });

  it('refuses connection names that cannot be file names', () => {
    const error = rejection(`connections:\n  My_BM: { vendor: billomat, sandbox: true }\n`);
    expect(error.issues.map((i) => i.key)).toEqual(['connections.My_BM']);
  });

  it('reports every problem of a file at once', () => {
    const error = rejection(`connections:\n  a: { vendor: billomat, api_key: \${NOPE} }\npairs:\n  p: { from: a, to: zz }\n`);
    expect(error.issues.map((i) => i.key).sort()).toEqual(['connections.a.api_key', 'connections.a.base_url', 'pairs.p.to']);
  });

  it('reports a YAML syntax error as a config error with its line', () => {
    const error = rejection('connections:\n  a: { vendor: billomat\n');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues[0]?.line).toBeGreaterThan(0);
  });
});

describe('finding the config file', () => {
  it('falls back to the built-in sandbox when there is no client-sync.yaml', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'client-sync-config-'));
    const { config } = await loadConfig({ env: {}, cwd });
    expect(config.file).toBeUndefined();
    expect(Object.values(config.connections).map((c) => [c.name, c.sandbox !== undefined])).toEqual([['eenvoudigfactureren', true], ['factuursturen', true], ['billomat', true]]);
    expect(config.statePath).toBe(path.join(cwd, '.client-sync', 'state.db'));
  });

  it('refuses a --config file that does not exist', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'client-sync-config-'));
    await expect(loadConfig({ file: 'missing.yaml', env: {}, cwd })).rejects.toThrow(/--config: no such file/);
  });

  it('reads client-sync.yaml from the working directory', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'client-sync-config-'));
    writeFileSync(path.join(cwd, 'client-sync.yaml'), STARTER_CONFIG);
    const { config } = await loadConfig({ env: {}, cwd });
    expect(config.file).toBe(path.join(cwd, 'client-sync.yaml'));
  });
});

describe('spreadsheet connections in the config', () => {
  const sheet = (keys: string): string => `connections:\n  sheet:\n    vendor: spreadsheet\n${keys}`;
  it('resolve the path against the config directory, with detection and the generic columns by default', () => {
    const { config } = parseConfig(sheet('    path: ./data/clients.csv\n'), { env: {}, directory: path.dirname(FILE), file: FILE });
    expect(config.connections.sheet).toMatchObject({ vendor: 'spreadsheet', credentials: undefined, spreadsheet: { path: '/work/project/data/clients.csv', encoding: 'auto', delimiter: 'auto', columns: 'generic' } });
  });
  it('take tab as a delimiter, a built-in column mapping by name and one of the user\'s by path', () => {
    const { config } = parseConfig(sheet('    path: c.csv\n    delimiter: tab\n    encoding: windows-1252\n    columns: ./cols.yaml\n'), { env: {}, directory: path.dirname(FILE), file: FILE });
    expect(config.connections.sheet?.spreadsheet).toMatchObject({ delimiter: '\t', encoding: 'windows-1252', columns: '/work/project/cols.yaml' });
  });
  it('refuse API keys, a missing path and an unknown built-in column mapping, naming each key', () => {
    let error: unknown;
    try {
      parseConfig(sheet('    api_key: ${X}\n    columns: billomat-export\n'), { env: { X: 'x' }, directory: path.dirname(FILE), file: FILE });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).issues.map((issue) => issue.key).sort();
    expect(keys).toEqual(['connections.sheet.api_key', 'connections.sheet.columns', 'connections.sheet.path']);
  });
  it('refuse spreadsheet keys on an API vendor\'s connection', () => {
    expect(() => parseConfig('connections:\n  fs: { vendor: factuursturen, username: u, api_key: ${K}, path: x.csv }\n', { env: { K: 'k' }, directory: path.dirname(FILE), file: FILE })).toThrow(/connections\.fs\.path/);
  });
});
