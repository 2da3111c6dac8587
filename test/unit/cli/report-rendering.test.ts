import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../../src/cli/report/render-html.js';
import { escapeMarkdown, renderMarkdown } from '../../../src/cli/report/render-markdown.js';
import { SUMMARY_ROWS } from '../../../src/cli/report/report-document.js';
import type { RunReport, VerifyReport } from '../../../src/cli/report/report-types.js';
import { runDocument } from '../../../src/cli/report/run-document.js';
import { verifyDocument } from '../../../src/cli/report/verify-document.js';
import { renderRunSummary, undoLines } from '../../../src/cli/render-run.js';
import type { RecordOutcome, RunResult } from '../../../src/sync/types.js';

const HOSTILE = `<script>alert("x")</script> & <img src=x onerror=alert(1)> | *bold*`;
const stats = { calls: 3, callsByKind: { list: 1, get: 0, create: 2, update: 0, delete: 0, other: 0 }, limitResponses: 0, retries: 0, rateWaitMs: 0 };

function runReport(outcomes: RecordOutcome[], patch: Partial<RunResult> = {}): RunReport {
  const result: RunResult = {
    runId: 'run-1', pair: 'nightly', command: 'sync', mode: 'one-way', dryRun: false,
    from: { connection: 'fs', vendor: 'factuursturen' }, to: { connection: 'bm', vendor: 'billomat' },
    startedAt: '2026-01-05T09:00:00.000Z', finishedAt: '2026-01-05T09:01:30.000Z', status: 'partial',
    plan: { counts: { create: 1, update: 0, archive: 0, delete: 0, marker: 0, link: 0, skip: 0, conflict: 0, invalid: 0 }, calls: { bm: { reads: 1, writes: 1 } }, estimatedMs: { bm: 3000 }, linked: 0 },
    actions: [], outcomes, review: [], calls: { fs: stats, bm: stats }, dropped: { 'notes.privateHtml': 2 }, unreadable: [],
    ...patch,
  };
  return { kind: 'run', reportVersion: 1, clientSync: '0.1.0', exitCode: 3, config: 'client-sync.yaml', budgets: { bm: { requests: 300, windowMs: 900_000, spare: 297 } }, result };
}

const failed: RecordOutcome = {
  externalId: 'fs-7', status: 'failed', action: 'create', connection: 'bm', records: ['factuursturen:7'], name: HOSTILE,
  error: { code: 'VENDOR_REJECTED', message: 'rejected', vendorMessage: `name ${HOSTILE} too long` },
};

describe('report summaries', () => {
  it('escapes client names and vendor messages in HTML, so no markup from the data survives', () => {
    const html = renderHtml(runDocument(runReport([failed])));
    expect(html).not.toMatch(/<script>|<img /);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('forbids scripts in the HTML page itself', () => {
    expect(renderHtml(runDocument(runReport([failed])))).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('escapes markup and table pipes in Markdown', () => {
    const markdown = renderMarkdown(runDocument(runReport([failed])));
    expect(markdown).not.toMatch(/<script>|<img /);
    expect(markdown).toContain('&lt;script&gt;');
    const row = markdown.split('\n').find((line) => line.startsWith('| fs-7'));
    expect(row?.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('names what failed, with the vendor message', () => {
    const markdown = renderMarkdown(runDocument(runReport([failed])));
    expect(markdown).toContain('## Failed (retried on the next run)');
    expect(markdown).toContain('VENDOR\\_REJECTED');
  });

  it('lists the fields the target dropped, with how many records had them', () => {
    expect(renderMarkdown(runDocument(runReport([])))).toContain('| bm | notes.privateHtml | 2 |');
  });

  it('names, in a two-way run, the connection that cannot hold each dropped field', () => {
    const drop = (record: string, field: string) => ({ record, field, rule: 'no place for it', actual: 'a value' });
    const actions: RunResult['actions'] = [
      { kind: 'create', externalId: 'ef-1', connection: 'bm', records: ['eenvoudigfactureren:1'], calls: [], dropped: [drop('eenvoudigfactureren:1', 'attention (bm)')] },
      { kind: 'create', externalId: 'ef-2', connection: 'bm', records: ['eenvoudigfactureren:2'], calls: [], dropped: [drop('eenvoudigfactureren:2', 'attention (bm)')] },
      { kind: 'create', externalId: 'bm-9', connection: 'ef', records: ['billomat:9'], calls: [], dropped: [drop('billomat:9', 'contactPerson.firstName (ef)'), drop('billomat:9', 'channels.mobile (ef)')] },
    ];
    const report = runReport([], { mode: 'two-way', actions, dropped: { attention: 2, 'contactPerson.firstName': 1, 'channels.mobile': 1 } });
    const markdown = renderMarkdown(runDocument(report));
    expect(markdown).toContain('| bm | attention | 2 |');
    expect(markdown).toContain('| ef | contactPerson.firstName | 1 |');
    expect(markdown).toContain('| ef | channels.mobile | 1 |');
    const summary = renderRunSummary(report, { json: '/tmp/r.json', summary: '/tmp/r.md' }, '/tmp');
    expect(summary).toContain('bm cannot hold 1 field some records had');
    expect(summary).toContain('ef cannot hold 2 fields some records had');
  });

  it('shows the calls per connection, the rate budget and its spare calls', () => {
    expect(renderMarkdown(runDocument(runReport([])))).toContain('300 per 15m (297 spare)');
  });

  it('says a file has no rate limit, whether its budget is still Infinity or came back from JSON as null', () => {
    const report = runReport([]);
    const fileBudget = (requests: number | null): RunReport => ({ ...report, budgets: { ...report.budgets, fs: { requests, windowMs: 1000, spare: requests } as unknown as RunReport['budgets'][string] } });
    for (const requests of [Number.POSITIVE_INFINITY, null]) {
      const row = renderMarkdown(runDocument(fileBudget(requests))).split('\n').find((line) => line.startsWith('| fs |'));
      expect(row, String(requests)).toMatch(/\| no rate limit \|$/);
    }
  });

  it('cuts long sections in the summary and points to the JSON report', () => {
    const many = Array.from({ length: SUMMARY_ROWS + 5 }, (_, i): RecordOutcome => ({ externalId: `fs-${i}`, status: 'created', action: 'create', records: [`factuursturen:${i}`] }));
    expect(renderMarkdown(runDocument(runReport(many)))).toContain('… and 5 more in the JSON report.');
  });

  it('says how to take back a run that wrote, and not a dry run or a run that wrote nothing', () => {
    const created: RecordOutcome = { externalId: 'fs-8', status: 'created', action: 'create', connection: 'bm', records: ['factuursturen:8', 'billomat:90'] };
    expect(renderMarkdown(runDocument(runReport([created])))).toContain('client-sync undo run-1');
    expect(undoLines(runReport([created]))).toEqual(['  to take this run back: client-sync undo run-1']);
    expect(renderMarkdown(runDocument(runReport([failed])))).not.toContain('client-sync undo');
    expect(undoLines(runReport([created], { dryRun: true }))).toEqual([]);
  });

  it('does not offer to take back a run that only deleted clients (an undo of a migration): they cannot be brought back', () => {
    const deleted: RecordOutcome = { externalId: 'fs-8', status: 'deleted', action: 'delete', connection: 'bm', records: ['billomat:90'] };
    expect(undoLines(runReport([deleted], { command: 'undo', runId: 'run-2' }))).toEqual([]);
    expect(renderMarkdown(runDocument(runReport([deleted], { command: 'undo', runId: 'run-2' })))).not.toContain('take it back');
    const archived: RecordOutcome = { ...deleted, status: 'archived', action: 'delete' };
    expect(undoLines(runReport([deleted, archived], { command: 'undo', runId: 'run-2' }))).toEqual(['  to take this run back: client-sync undo run-2']);
  });

  it('lists what an undo left alone, and why', () => {
    const left: RecordOutcome = { externalId: 'fs-9', status: 'conflict', action: 'conflict', connection: 'bm', records: ['billomat:91'], name: 'Bakkerij Peeters', reason: 'changed since run run-0 (channels.email): left alone; --force takes it back anyway' };
    const lines = undoLines(runReport([left], { command: 'undo', runId: 'run-2' }));
    expect(lines).toEqual(['  left alone (1):', '    billomat:91 (Bakkerij Peeters): changed since run run-0 (channels.email): left alone; --force takes it back anyway']);
  });

  it('shows a drift report with the differing values escaped', () => {
    const report: VerifyReport = {
      kind: 'verify', reportVersion: 1, clientSync: '0.1.0', exitCode: 3, config: 'client-sync.yaml', budgets: {},
      startedAt: '2026-01-05T09:00:00.000Z', finishedAt: '2026-01-05T09:00:02.000Z', inStep: false,
      result: {
        pair: 'nightly', from: { connection: 'fs', vendor: 'factuursturen', count: 2 }, to: { connection: 'bm', vendor: 'billomat', count: 2 }, matched: 1,
        onlyInFrom: [{ externalId: 'fs-2', record: 'factuursturen:2', name: 'Bakkerij' }], onlyInTo: [],
        differences: [{ externalId: 'fs-1', records: ['factuursturen:1', 'billomat:9'], fields: [{ path: 'notes.private', from: HOSTILE, to: '' }] }],
        duplicateSuspects: [], unreadable: [], calls: {},
      },
    };
    const html = renderHtml(verifyDocument(report));
    expect(html).toContain('drift found (2 findings)');
    expect(html).not.toContain('<script>');
  });
});

describe('escaping', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('keeps a Markdown cell on one line', () => {
    expect(escapeMarkdown('line one\nline two')).toBe('line one line two');
  });
});
