import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QualityReport } from '../../../src/sync/quality.js';
import { ensureBuilt, runCli } from './built-cli.js';
import { parseJson } from './workspace.js';

interface DemoJson { exitCode: number; steps: { report: { result: { command: string; quality?: QualityReport; outcomes: { status: string; reason?: string }[] } }; files: { json: string; summary: string } }[] }

/*
 * Issue 17 through the built CLI: the demo's accounts hold dirty-but-real values, every report shows
 * them in its data-quality section (never a whole e-mail address or IBAN), nothing is refused for
 * them, and `verify --quality --from X` audits one connection with list calls only.
 */
describe('data quality through the built CLI', () => {
  let dir: string;
  let demo: DemoJson;
  let code: number;
  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'client-sync-quality-'));
    const run = await runCli(['demo', '--clients', '40', '--json'], { cwd: dir });
    code = run.code ?? -1;
    demo = parseJson(run) as unknown as DemoJson;
  }, 240_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a data-quality section in every report of the demo, with findings, and refuses no record for them', () => {
    expect(code).toBe(0);
    for (const step of demo.steps) {
      expect(step.report.result.quality?.findings ?? 0, step.report.result.command).toBeGreaterThan(0);
      expect(readFileSync(step.files.summary, 'utf8')).toContain('## Data quality');
      const refused = step.report.result.outcomes.filter((o) => o.status === 'invalid' && /a valid (IBAN|BIC|VAT number|e-mail address)/.test(o.reason ?? ''));
      expect(refused).toEqual([]);
    }
  });

  it('never shows a whole e-mail address or IBAN in a finding', () => {
    const findings = demo.steps.flatMap((s) => s.report.result.quality?.sides.flatMap((side) => side.rules.flatMap((r) => r.findings)) ?? []);
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.actual, finding.field).not.toMatch(/[^\s"]{3,}@[^\s"]{3,}/);
      expect(finding.actual, finding.field).not.toMatch(/[A-Z]{2}\d{2}[A-Z0-9]{10,}/);
    }
  });

  it('audits one connection read-only with verify --quality --from', async () => {
    const config = path.join(dir, '.client-sync', 'demo', 'client-sync.yaml');
    const run = await runCli(['verify', '--config', config, '--quality', '--from', 'eenvoudigfactureren', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const audit = parseJson(run) as { records: number; calls: number; quality: QualityReport };
    expect(audit.records).toBeGreaterThan(40);
    expect(audit.quality.findings).toBeGreaterThan(0);
    expect(audit.quality.sides.map((s) => [s.connection, s.stage])).toEqual([['eenvoudigfactureren', 'read']]);
    // List calls only: one listing of the account.
    expect(audit.calls).toBeLessThanOrEqual(3);
    const text = await runCli(['verify', '--config', config, '--quality', '--from', 'eenvoudigfactureren'], { cwd: dir });
    expect(text.stdout).toContain('data quality:');
    expect(text.stdout).toMatch(/eenvoudigfactureren: (placeholder|a valid [A-Za-z -]+): \d+ records?/);
  });
});
