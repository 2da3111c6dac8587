import { existsSync, mkdtempSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listReportFiles, pruneReports } from '../../../src/cli/report/list-reports.js';
import { writeReport } from '../../../src/cli/report/write-report.js';
import { createRedactor } from '../../../src/http/redact.js';
import type { RunReport } from '../../../src/cli/report/report-types.js';

const stats = { calls: 1, callsByKind: { list: 1, get: 0, create: 0, update: 0, delete: 0, other: 0 }, limitResponses: 0, retries: 0, rateWaitMs: 0 };
const minimalRunReport = (): RunReport => ({
  kind: 'run', reportVersion: 1, clientSync: '0.1.0', exitCode: 0, config: 'client-sync.yaml', budgets: {},
  result: {
    runId: 'run-1', pair: 'nightly', command: 'sync', mode: 'one-way', dryRun: false,
    from: { connection: 'fs', vendor: 'factuursturen' }, to: { connection: 'bm', vendor: 'billomat' },
    startedAt: '2026-01-05T09:00:00.000Z', finishedAt: '2026-01-05T09:01:30.000Z', status: 'ok',
    plan: { counts: { create: 0, update: 0, archive: 0, delete: 0, marker: 0, link: 0, skip: 0, conflict: 0, invalid: 0 }, calls: {}, estimatedMs: {}, linked: 0 },
    actions: [], outcomes: [], review: [], calls: { fs: stats, bm: stats }, dropped: {}, unreadable: [],
  },
});

function reportsDirectory(count: number): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'client-sync-reports-'));
  for (let i = 0; i < count; i++) {
    const base = path.join(directory, `2026010${i}-090000-nightly-sync`);
    writeFileSync(`${base}.json`, '{}');
    writeFileSync(`${base}.md`, '#');
    utimesSync(`${base}.json`, 1_000 + i, 1_000 + i);
  }
  return directory;
}

describe('the reports directory', () => {
  it('lists reports newest first', async () => {
    const names = await listReportFiles(reportsDirectory(3));
    expect(names).toEqual(['20260102-090000-nightly-sync.json', '20260101-090000-nightly-sync.json', '20260100-090000-nightly-sync.json']);
  });

  it('keeps the newest reports with their summaries and deletes the rest', async () => {
    const directory = reportsDirectory(5);
    expect(await pruneReports(directory, 2)).toBe(3);
    expect(readdirSync(directory).sort()).toEqual([
      '20260103-090000-nightly-sync.json',
      '20260103-090000-nightly-sync.md',
      '20260104-090000-nightly-sync.json',
      '20260104-090000-nightly-sync.md',
    ]);
  });

  it('prunes only the files client-sync wrote, and never through a symlink', async () => {
    const directory = reportsDirectory(3);
    const outside = mkdtempSync(path.join(tmpdir(), 'client-sync-outside-'));
    const precious = path.join(outside, 'ledger.json');
    writeFileSync(precious, '{"keep":true}');
    // Old, but not client-sync's: the user's own file, and a symlink dressed as an old report.
    writeFileSync(path.join(directory, 'notes.json'), '{}');
    utimesSync(path.join(directory, 'notes.json'), 1, 1);
    symlinkSync(precious, path.join(directory, '20250101-090000-nightly-sync.json'));
    symlinkSync(precious, path.join(directory, '20260100-090000-nightly-sync.html'));
    expect(await pruneReports(directory, 1)).toBe(2);
    expect(readdirSync(directory).sort()).toEqual([
      '20250101-090000-nightly-sync.json',
      '20260100-090000-nightly-sync.html',
      '20260102-090000-nightly-sync.json',
      '20260102-090000-nightly-sync.md',
      'notes.json',
    ]);
    expect(existsSync(precious)).toBe(true);
  });

  it('writes reports readable by their owner only, in an owner-only directory', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'client-sync-modes-'));
    const directory = path.join(parent, 'reports', 'nightly');
    const written = await writeReport(directory, minimalRunReport(), { format: 'markdown', redactor: createRedactor([]), keep: 10 });
    expect(statSync(written.json).mode & 0o777).toBe(0o600);
    expect(statSync(written.summary).mode & 0o777).toBe(0o600);
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(parent, 'reports')).mode & 0o777).toBe(0o700);
  });
});
