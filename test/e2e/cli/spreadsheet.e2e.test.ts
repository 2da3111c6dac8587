import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

interface RunsJson {
  exitCode: number;
  runs: { result: { status: string; outcomes: { status: string }[]; plan: { counts: Record<string, number> } } }[];
}

const SAMPLE_ROWS = 20;

describe('a spreadsheet connection through the built CLI', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: { factuursturen: 0, billomat: 0, eenvoudigfactureren: 0 } });
    copyFileSync(path.join(ROOT, 'config', 'clients.sample.csv'), path.join(workspace.dir, 'clients.csv'));
    workspace.writeConfig(`  sheet:
    vendor: spreadsheet
    path: ./clients.csv
  export:
    vendor: spreadsheet
    path: ./out/export.csv
    delimiter: ";"
`);
  }, 120_000);
  afterAll(async () => workspace.close());

  it('checks the file and plans a migration from it without writing', async () => {
    const check = await workspace.cli(['check', 'sheet', 'export']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`${SAMPLE_ROWS} rows, columns separated by ','`);
    const plan = await workspace.cli(['plan', '--from', 'sheet', '--to', 'billomat', '--json']);
    expect((parseJson(plan) as unknown as RunsJson).runs[0]?.result.plan.counts.create).toBe(SAMPLE_ROWS);
    expect(workspace.sandbox.simulators.billomat.log.count((e) => e.method !== 'GET')).toBe(0);
  });

  it('migrates the sample file into Billomat once, and a second run writes nothing', async () => {
    const first = await workspace.cli(['migrate', '--from', 'sheet', '--to', 'billomat', '--json']);
    expect(first.code).toBe(0);
    expect((parseJson(first) as unknown as RunsJson).runs[0]?.result.outcomes.filter((o) => o.status === 'created')).toHaveLength(SAMPLE_ROWS);
    expect(workspace.sandbox.simulators.billomat.store.count()).toBe(SAMPLE_ROWS);
    const posts = workspace.sandbox.simulators.billomat.log.count({ method: 'POST' });
    const again = await workspace.cli(['migrate', '--from', 'sheet', '--to', 'billomat']);
    expect(again.code).toBe(0);
    expect(workspace.sandbox.simulators.billomat.log.count({ method: 'POST' })).toBe(posts);
  });

  it('exports Billomat to a new semicolon-separated file, one row per client', async () => {
    const run = await workspace.cli(['migrate', '--from', 'billomat', '--to', 'export']);
    expect(run.code).toBe(0);
    const lines = readFileSync(path.join(workspace.dir, 'out', 'export.csv'), 'utf8').split('\r\n').filter((line) => line !== '');
    expect(lines[0]?.startsWith('\uFEFFid;external_client_id;')).toBe(true);
    expect(lines.length).toBe(SAMPLE_ROWS + 1);
  });

  it('lists the spreadsheet in the lossiness matrix', async () => {
    const run = await workspace.cli(['mappings', '--from', 'spreadsheet', '--to', 'factuursturen']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Spreadsheet → FactuurSturen\.nl: \d+ fields survive/);
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
