import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

/** A run's --json document, as far as these tests read it. */
interface RunsJson {
  exitCode: number;
  runs: { exitCode: number; result: { status: string; outcomes: { status: string }[]; plan: { counts: Record<string, number> } }; files: { json: string; summary: string } }[];
}

interface VerifyJson { from: { count: number }; to: { count: number }; matched: number; onlyInFrom: { externalId: string }[]; onlyInTo: unknown[]; differences: unknown[] }

const writes = (workspace: Workspace, vendor: 'billomat' | 'factuursturen'): number =>
  workspace.sandbox.simulators[vendor].log.count((entry) => entry.method !== 'GET');

describe('client-sync migrate, plan and status through the built CLI', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: { factuursturen: 12, billomat: 3, eenvoudigfactureren: 0 } });
    workspace.writeConfig();
  }, 120_000);
  afterAll(async () => workspace.close());

  it('plans a migration without writing anything', async () => {
    const run = await workspace.cli(['plan', '--from', 'factuursturen', '--to', 'billomat', '--json']);
    const result = parseJson(run) as unknown as RunsJson;
    expect(run.code).toBe(0);
    expect(result.runs[0]?.result.plan.counts.create).toBe(12);
    expect(writes(workspace, 'billomat')).toBe(0);
  });

  it('copies every FactuurSturen client into Billomat once and says so as JSON', async () => {
    const run = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'billomat', '--json']);
    const result = parseJson(run) as unknown as RunsJson;
    expect(run.code).toBe(0);
    expect(result.exitCode).toBe(0);
    expect(result.runs[0]?.result.outcomes.filter((o) => o.status === 'created')).toHaveLength(12);
    expect(workspace.sandbox.simulators.billomat.store.count()).toBe(15);
  });

  it('writes a JSON report and a readable summary for the run', async () => {
    const run = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'billomat', '--dry-run', '--json']);
    const files = (parseJson(run) as unknown as RunsJson).runs[0]?.files;
    expect(files !== undefined && existsSync(files.json) && existsSync(files.summary)).toBe(true);
    expect(files?.summary).toMatch(/\.md$/);
  });

  it('creates nothing when run again', async () => {
    const before = workspace.sandbox.simulators.billomat.log.count({ method: 'POST' });
    // At debug level every request is logged: the credential check at the end reads these lines too.
    const run = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'billomat', '--log-level', 'debug']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('"level":20');
    expect(workspace.sandbox.simulators.billomat.log.count({ method: 'POST' })).toBe(before);
    expect(workspace.sandbox.simulators.billomat.store.count()).toBe(15);
  });

  it('reads only the listings once the migration and its markers are done', async () => {
    await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'billomat']);
    const before = writes(workspace, 'billomat') + writes(workspace, 'factuursturen');
    const run = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'billomat']);
    expect(run.code).toBe(0);
    expect(writes(workspace, 'billomat') + writes(workspace, 'factuursturen')).toBe(before);
  });

  it('verifies the migration read-only: counts, matches, and the clients the target had before', async () => {
    const before = writes(workspace, 'billomat') + writes(workspace, 'factuursturen');
    const run = await workspace.cli(['verify', '--from', 'factuursturen', '--to', 'billomat', '--json']);
    const { report } = parseJson(run) as { report: { inStep: boolean; result: VerifyJson } };
    expect(report.result).toMatchObject({ from: { count: 12 }, to: { count: 15 }, matched: 12, onlyInFrom: [], differences: [] });
    expect(report.result.onlyInTo).toHaveLength(3);
    expect(run.code).toBe(report.inStep ? 0 : 3);
    expect(writes(workspace, 'billomat') + writes(workspace, 'factuursturen')).toBe(before);
  });

  it('finds a client that went missing from the target, with exit code 3', async () => {
    const billomat = workspace.sandbox.simulators.billomat.store;
    const copied = billomat.list().find((client) => client.customfield === 'fs-3');
    expect(copied).toBeDefined();
    billomat.remove(String(copied?.id));
    const run = await workspace.cli(['verify', '--from', 'factuursturen', '--to', 'billomat', '--json']);
    const { report } = parseJson(run) as { report: { result: VerifyJson } };
    expect(run.code).toBe(3);
    expect(report.result.onlyInFrom.map((r) => r.externalId)).toEqual(['fs-3']);
  });

  it('shows the runs, the links and the reports in status', async () => {
    const run = await workspace.cli(['status', '--json']);
    const status = parseJson(run) as { pairs: { name: string; linked: number }[]; runs: unknown[]; reports: unknown[] };
    expect(run.code).toBe(0);
    expect(status.pairs).toContainEqual(expect.objectContaining({ name: 'migrate-factuursturen-billomat', linked: 12 }));
    expect(status.runs.length).toBeGreaterThanOrEqual(4);
    expect(status.reports.length).toBeGreaterThanOrEqual(5);
  });

  it('leaves no credential in any output, report, state store or file', () => {
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
