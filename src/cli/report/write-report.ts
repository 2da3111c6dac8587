import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportFormat } from '../../config/types.js';
import type { Redactor } from '../../http/redact.js';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../../private-files.js';
import { pruneReports } from './list-reports.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { Report } from './report-types.js';
import { runDocument } from './run-document.js';
import { verifyDocument } from './verify-document.js';

/** Where a report went. */
export interface WrittenReport {
  readonly json: string;
  readonly summary: string;
}

/** A copy of a report with every string scrubbed of secrets, however deep (field values can be nested). */
function scrub<T>(value: T, redactor: Redactor): T {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) => (typeof item === 'string' ? redactor.text(item) : item)) as T;
}

/** `20260105-090000-nightly-sync`: sorts by time, says what ran. */
export function reportBaseName(report: Report): string {
  const started = report.kind === 'run' ? report.result.startedAt : report.startedAt;
  const stamp = started.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '').replace('T', '-').replace('Z', '');
  const command = report.kind === 'run' ? (report.result.dryRun && report.result.command !== 'plan' ? `${report.result.command}-dry-run` : report.result.command) : 'verify';
  return `${stamp}-${report.result.pair}-${command}`;
}

/** The readable summary of a report in the configured format. */
export function renderReport(report: Report, format: ReportFormat): string {
  const document = report.kind === 'run' ? runDocument(report) : verifyDocument(report);
  return format === 'html' ? renderHtml(document) : renderMarkdown(document);
}

export interface WriteReportOptions {
  readonly format: ReportFormat;
  readonly redactor: Redactor;
  /** Reports kept in the directory; the oldest beyond this are deleted. */
  readonly keep: number;
}

/**
 * Writes a report as JSON (every record) and as a readable summary, then prunes the directory. Both
 * pass through the redactor first: a vendor that echoes a key back in an error message must not put
 * it in a file.
 */
export async function writeReport(directory: string, report: Report, { format, redactor, keep }: WriteReportOptions): Promise<WrittenReport> {
  await mkdirPrivate(directory);
  const safe = scrub(report, redactor);
  let base = path.join(directory, reportBaseName(safe));
  // Two runs of one pair in the same second (a retry, a test) keep both reports.
  for (let n = 2; ; n++) {
    try {
      await writeFile(`${base}.json`, `${JSON.stringify(safe, null, 2)}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      base = path.join(directory, `${reportBaseName(safe)}-${n}`);
    }
  }
  const summary = `${base}.${format === 'html' ? 'html' : 'md'}`;
  await writeFile(summary, renderReport(safe, format), { mode: PRIVATE_FILE_MODE });
  await pruneReports(directory, keep);
  return { json: `${base}.json`, summary };
}
