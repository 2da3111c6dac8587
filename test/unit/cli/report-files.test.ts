import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listReportFiles, pruneReports } from '../../../src/cli/report/list-reports.js';

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
});
