import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

type Outcomes = { status: string }[];
interface DemoJson { exitCode: number; steps: { step: string; report: { result: { command: string; outcomes: Outcomes; plan: { counts: Record<string, number> } } }; files: { json: string } }[] }

describe('init, the built-in sandbox, check and demo through the built CLI', () => {
  let dir: string;
  let workspace: Workspace;
  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'client-sync-e2e-'));
    workspace = await createWorkspace({ clients: 2 });
    workspace.writeConfig();
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await workspace.close();
  });

  it('plans on the built-in sandbox when there is no config, and says so', async () => {
    const run = await runCli(['plan', '--json'], { cwd: dir });
    const result = parseJson(run) as { runs: { result: { pair: string } }[] };
    expect(run.stderr).toContain('No client-sync.yaml here: using the built-in sandbox');
    expect(result.runs.map((r) => r.result.pair)).toEqual(['factuursturen-billomat', 'eenvoudigfactureren-billomat']);
  });

  it('writes a starter config that works at once, and does not overwrite it', async () => {
    const init = await runCli(['init', '--config', 'starter.yaml'], { cwd: dir });
    const again = await runCli(['init', '--config', 'starter.yaml'], { cwd: dir });
    const plan = await runCli(['plan', '--config', 'starter.yaml', '--json'], { cwd: dir });
    expect([init.code, again.code, plan.code]).toEqual([0, 2, 0]);
    expect(again.stderr).toContain('already exists; pass --force');
    expect((parseJson(plan) as { runs: { result: { plan: { counts: { create: number } } } }[] }).runs[0]?.result.plan.counts.create).toBe(25);
  });

  it('leaves the config, the state store, the reports and the sandbox accounts readable by their owner only', async () => {
    const own = mkdtempSync(path.join(tmpdir(), 'client-sync-modes-'));
    try {
      expect((await runCli(['init'], { cwd: own })).code).toBe(0);
      expect((await runCli(['sync', '--json'], { cwd: own })).code).toBe(0);
      const entries = readdirSync(own, { recursive: true, encoding: 'utf8' }).map((name) => [name, statSync(path.join(own, name))] as const);
      const modes = entries.map(([name, info]) => `${name} ${info.isDirectory() ? 'dir' : 'file'} ${(info.mode & 0o777).toString(8)}`);
      // What the run wrote: config, SQLite state with its WAL, sandbox accounts, reports.
      expect(entries.filter(([, info]) => info.isFile()).length).toBeGreaterThanOrEqual(5);
      expect(entries.some(([, info]) => info.isDirectory())).toBe(true);
      expect(modes.filter((line) => !/ (dir 700|file 600)$/.test(line))).toEqual([]);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('checks every connection with one call each', async () => {
    const before = workspace.calls();
    const run = await workspace.cli(['check', '--json']);
    expect(run.code).toBe(0);
    expect((parseJson(run) as { connections: { outcome: string }[] }).connections.map((c) => c.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect(workspace.calls() - before).toBe(3);
  });

  it('tells wrong credentials apart, with exit code 4', async () => {
    const run = await workspace.cli(['check', 'billomat'], { env: { BILLOMAT_API_KEY: 'wrong-key' } });
    expect(run.code).toBe(4);
    expect(run.stdout).toContain('billomat (billomat): wrong-credentials');
  });

  it('runs the demo: a plan, a migration, a re-run that creates nothing, and two two-way syncs, each with a report', async () => {
    const run = await runCli(['demo', '--clients', '5', '--json'], { cwd: dir });
    const demo = parseJson(run) as unknown as DemoJson;
    const created = (step: number): number => demo.steps[step]?.report.result.outcomes.filter((o) => o.status === 'created').length ?? -1;
    expect(run.code).toBe(0);
    expect(demo.steps.map((s) => s.report.result.command)).toEqual(['plan', 'migrate', 'migrate', 'sync', 'sync']);
    expect(demo.steps[0]?.report.result.plan.counts.create).toBe(5);
    expect([created(1), created(2)]).toEqual([5, 0]);
    expect(demo.steps.every((s) => existsSync(s.files.json))).toBe(true);
  });

  it('leaves no credential in any output or file', () => {
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
