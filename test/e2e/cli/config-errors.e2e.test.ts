import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

const PAIR = '\npairs:\n  nightly:\n    from: factuursturen\n    to: billomat\n';

/** The lines of standard error that are messages about the config (not the usage hint). */
const problems = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('  - '));

describe('a bad config stops the CLI before any vendor call', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: 2 });
  }, 120_000);
  afterAll(async () => workspace.close());

  /** Writes the config, runs `sync`, and checks exit code 2, one message, and no call. */
  async function rejected(extra: string, env: Record<string, string> = {}, edit?: (yaml: string) => string): Promise<string> {
    const file = workspace.writeConfig(extra);
    if (edit !== undefined) writeFileSync(file, edit(readFileSync(file, 'utf8')));
    const before = workspace.calls();
    const run = await workspace.cli(['sync'], { env });
    expect(run.code).toBe(2);
    expect(workspace.calls()).toBe(before);
    expect(problems(run.stderr)).toHaveLength(1);
    return problems(run.stderr)[0] ?? '';
  }

  it('names the key and the variable when an environment variable is missing', async () => {
    const message = await rejected(PAIR, { BILLOMAT_API_KEY: '' });
    expect(message).toMatch(/client-sync\.yaml:\d+: connections\.billomat\.api_key: environment variable BILLOMAT_API_KEY is empty/);
  });

  it('names an unknown key', async () => {
    const message = await rejected(`${PAIR}    contcts: true\n`);
    expect(message).toContain("pairs.nightly.contcts: unknown key; did you mean 'contacts'?");
  });

  it('names an unknown vendor', async () => {
    const message = await rejected(PAIR, {}, (yaml) => yaml.replace('vendor: billomat', 'vendor: moneybird'));
    expect(message).toContain("connections.billomat.vendor: expected one of eenvoudigfactureren, factuursturen, billomat, spreadsheet, got 'moneybird'");
  });

  it('names a pair that points at a missing connection', async () => {
    const message = await rejected('\npairs:\n  nightly: { from: factuursturen, to: bm-main }\n');
    expect(message).toContain("pairs.nightly.to: no connection named 'bm-main'");
  });

  it('names a key of the wrong type', async () => {
    const message = await rejected(`${PAIR}    contacts: "yes please"\n`);
    expect(message).toContain('pairs.nightly.contacts: expected true or false, got text');
  });

  it('also answers in JSON on standard output with --json', async () => {
    workspace.writeConfig(`${PAIR}    contcts: true\n`);
    const run = await workspace.cli(['sync', '--json']);
    expect(run.code).toBe(2);
    expect(parseJson(run)).toMatchObject({ exitCode: 2, error: { code: 'CONFIG_INVALID', issues: [{ key: 'pairs.nightly.contcts' }] } });
  });

  it('names a --from that is not a connection, before any call', async () => {
    workspace.writeConfig();
    const before = workspace.calls();
    const run = await workspace.cli(['migrate', '--from', 'fs', '--to', 'billomat']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--from: no connection named 'fs' (connections: eenvoudigfactureren, factuursturen, billomat)");
    expect(workspace.calls()).toBe(before);
  });

  it('exits 2 for an unknown option', async () => {
    const run = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'billomat', '--dryrun']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--dryrun'");
  });

  it('leaves no credential in any output or file', () => {
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
