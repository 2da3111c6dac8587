import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

interface RunsJson {
  exitCode: number;
  runs: { result: { status: string; outcomes: { status: string }[]; plan: { counts: Record<string, number> } } }[];
}

interface PlanJson {
  runs: { result: { actions: { kind: string; records: string[] }[] } }[];
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
  ef-file:
    vendor: spreadsheet
    path: ./ef-export.csv
pairs:
  ef-file-to-fs:
    from: ef-file
    to: factuursturen
    columns: eenvoudigfactureren-export
`);
    // A file in the columns of EenvoudigFactureren's own export (its API field names), not the
    // generic layout: only the pair's own column mapping reads its names and addresses.
    writeFileSync(path.join(workspace.dir, 'ef-export.csv'), 'client_id;name;city;country_code;email_address\r\n67445;Bakkerij Peeters;Gent;BE;info@bakkerij.example\r\n67446;Drukkerij Claes;Leuven;BE;drukkerij@example.com\r\n');
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

  it('reads a file through the column mapping its pair names, and the connection\'s own elsewhere', async () => {
    const run = await workspace.cli(['sync', '--pair', 'ef-file-to-fs', '--json']);
    expect(run.code).toBe(0);
    expect((parseJson(run) as unknown as RunsJson).runs[0]?.result.outcomes.filter((o) => o.status === 'created')).toHaveLength(2);
    const held = workspace.sandbox.simulators.factuursturen.store.list().map((client) => [client.company, client.city, client.email]).sort();
    expect(held).toEqual([['Bakkerij Peeters', 'Gent', 'info@bakkerij.example'], ['Drukkerij Claes', 'Leuven', 'drukkerij@example.com']]);
    // Without the pair, the connection's generic columns know no `client_id` (the rows go by their
    // place) and no `email_address`.
    const plain = await workspace.cli(['plan', '--from', 'ef-file', '--to', 'billomat', '--json']);
    const actions = (parseJson(plain) as unknown as PlanJson).runs[0]?.result.actions ?? [];
    expect(actions.map((a) => [a.kind, a.records.join()])).toEqual([['create', 'spreadsheet:row-1'], ['create', 'spreadsheet:row-2']]);
  });

  it('lists the spreadsheet in the lossiness matrix', async () => {
    const run = await workspace.cli(['mappings', '--from', 'spreadsheet', '--to', 'factuursturen']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Spreadsheet → FactuurSturen\.nl: \d+ fields survive/);
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
