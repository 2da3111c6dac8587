import { formatElapsed } from '../cli/format.js';
import { showValue, type ItemView } from '../cli/open-items/item-view.js';
import type { StatusModel } from '../cli/status-model.js';
import type { RunResult } from '../sync/types.js';
import { callsChart } from './calls-chart.js';
import type { LastRun } from './console-data.js';
import { html, type Html } from './html.js';

/*
 * The console's pages, rendered on the server with every value escaped (html.ts). Decisions are
 * plain forms posting to /decide: no script runs in the page at all.
 */

export function layout(title: string, body: Html, message?: { kind: 'notice' | 'error'; text: string }): string {
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><title>${title} · client-sync</title><link rel="stylesheet" href="/console.css"></head>
<body><header><strong>client-sync</strong><a href="/">Pairs</a><a href="/items">Open items</a><a href="/reports">Reports</a></header>
<main>${message === undefined ? '' : html`<p class="${message.kind}">${message.text}</p>`}${body}</main></body></html>`.text}`;
}

function countsOf(summary: Readonly<Record<string, unknown>> | undefined): string {
  const counts = summary?.counts;
  if (typeof counts !== 'object' || counts === null) return '';
  return Object.entries(counts).map(([status, n]) => `${status} ${String(n)}`).join(', ');
}

/** The pairs, their last runs and a chart of each last run's calls per rate window. */
export function pairsPage(model: StatusModel, last: ReadonlyMap<string, LastRun>, openByPair: ReadonlyMap<string, number>): Html {
  const pairs = model.pairs.map((pair) => {
    const run = pair.lastRun;
    const report = last.get(pair.name);
    const calls = report === undefined ? '' : Object.entries(report.calls).map(([c, s]) => `${c} ${s.calls}`).join(', ');
    const waited = report === undefined ? 0 : Object.values(report.calls).reduce((sum, s) => sum + s.rateWaitMs, 0);
    return html`<tr><td><a href="/items?pair=${encodeURIComponent(pair.name)}">${pair.name}</a></td><td>${pair.from} → ${pair.to}</td><td>${pair.linked}</td>
<td>${run === undefined ? html`<span class="muted">never</span>` : html`<span class="status-${run.status}">${run.status}</span> ${new Date(run.startedAt).toISOString()}`}</td>
<td>${countsOf(run?.summary)}</td><td>${calls}</td><td>${report === undefined ? '' : formatElapsed(waited)}</td>
<td>${openByPair.get(pair.name) ?? 0}</td>
<td>${pair.configured ? html`<a href="/plan?pair=${encodeURIComponent(pair.name)}">plan preview</a>` : ''}</td></tr>`;
  });
  const charts = model.pairs.flatMap((pair) => {
    const report = last.get(pair.name);
    return report === undefined ? [] : [html`<h2>Last run of ${pair.name}: calls per rate window</h2>${callsChart(report.series)}`];
  });
  const runs = model.runs.map((run) => html`<tr><td>${new Date(run.startedAt).toISOString()}</td><td>${run.pair}</td><td>${run.command}</td><td class="status-${run.status}">${run.status}</td><td>${run.finishedAt === undefined ? 'running' : formatElapsed(run.finishedAt - run.startedAt)}</td><td>${countsOf(run.summary)}</td>
<td>${run.undoable ? html`<a href="/undo?run=${encodeURIComponent(run.id)}" data-undo="${run.id}">undo…</a>` : ''}</td></tr>`);
  return html`<h2>Pairs</h2>
<table><tr><th>pair</th><th>connections</th><th>linked</th><th>last run</th><th>outcomes</th><th>calls</th><th>time waited</th><th>open items</th><th></th></tr>${pairs}</table>
${charts}
<h2>Last runs</h2>
${runs.length === 0 ? html`<p class="muted">No run yet.</p>` : html`<table><tr><th>started</th><th>pair</th><th>command</th><th>status</th><th>took</th><th>outcomes</th><th></th></tr>${runs}</table>`}`;
}

function decisionForm(id: string, action: string, label: string, extra: Html | string = '', style = ''): Html {
  return html`<form method="post" action="/decide"><input type="hidden" name="id" value="${id}"><input type="hidden" name="action" value="${action}">${extra}<button type="submit" class="${style}" data-action="${action}" data-item="${id}">${label}</button></form>`;
}

function itemActions(view: ItemView): Html {
  if (view.decision !== undefined) {
    const undo = view.state === 'dismissed' && view.decision === 'ignore' ? decisionForm(view.id, 'unignore', 'Un-ignore', '', 'secondary') : '';
    return html`<p>Decided: <strong>${view.decision}</strong> by ${view.decidedBy ?? '?'} at ${view.decidedAt ?? '?'}${view.waiting ? ' — carried out by the next run' : ''}</p><div class="actions">${undo}</div>`;
  }
  switch (view.kind) {
    case 'conflict':
      return html`<div class="actions">${decisionForm(view.id, 'take-from', 'Take from')}${decisionForm(view.id, 'take-to', 'Take to')}${decisionForm(view.id, 'value', 'Use this value', html`<input type="text" name="value" aria-label="value for ${view.id}" required>`)}${decisionForm(view.id, 'ignore', 'Ignore record', '', 'secondary')}</div>`;
    case 'review':
      return html`<div class="actions">${view.candidates.map((c) => decisionForm(view.id, 'accept', `Accept ${c.record}`, html`<input type="hidden" name="candidate" value="${c.record}">`))}${decisionForm(view.id, 'reject', 'Reject: create new', '', 'danger')}${decisionForm(view.id, 'ignore', 'Ignore record', '', 'secondary')}</div>`;
    case 'invalid':
      return html`<div class="actions">${decisionForm(view.id, 'skip', 'Skip until the source changes', '', 'secondary')}${decisionForm(view.id, 'retry', 'Retry')}${decisionForm(view.id, 'ignore', 'Ignore record', '', 'secondary')}</div>`;
    case 'failed':
      return html`<div class="actions">${decisionForm(view.id, 'retry', 'Retry')}${decisionForm(view.id, 'ignore', 'Ignore record', '', 'secondary')}</div>`;
    default:
      return html``;
  }
}

function itemCard(view: ItemView): Html {
  const values = view.values === undefined ? '' : html`<table><tr><th>field</th><th>base (last sync)</th><th>from</th><th>to</th></tr><tr><td><code>${view.field ?? ''}</code></td><td>${showValue(view.values.base)}</td><td>${showValue(view.values.from)}</td><td>${showValue(view.values.to)}</td></tr></table>`;
  const candidates = view.candidates.length === 0 ? '' : html`<table><tr><th>candidate</th><th>name</th><th>matches on</th></tr>${view.candidates.map((c) => html`<tr><td>${c.record}</td><td>${c.name ?? ''}</td><td>${c.matchedOn.join(', ')}</td></tr>`)}</table>`;
  const issues = view.issues.length === 0 ? '' : html`<ul>${view.issues.map((i) => html`<li><code>${i.field}</code>: ${i.rule}${i.actual === undefined ? '' : ` (got ${i.actual})`}</li>`)}</ul>`;
  return html`<div class="item" id="${view.id}"><h3><code>${view.id}</code> ${view.kind}${view.field === undefined ? '' : html` <code>${view.field}</code>`} · ${view.pair} · ${view.externalId}${view.name === undefined ? '' : ` · ${view.name}`}</h3>
<p class="muted">${view.records.join(' ↔ ')}${view.reason === undefined ? '' : ` — ${view.reason}`}</p>${values}${candidates}${issues}${itemActions(view)}</div>`;
}

/** The open items with the values side by side and a button for each decision. */
export function itemsPage(views: readonly ItemView[], pair: string | undefined, pairs: readonly string[]): Html {
  const filters = pairs.map((name) => html` <a href="/items?pair=${encodeURIComponent(name)}">${name}</a>`);
  const runButtons = (pair === undefined ? pairs : [pair]).map((name) => html`<form method="post" action="/run"><input type="hidden" name="pair" value="${name}"><button type="submit" data-run="${name}">Run ${name} now</button></form>`);
  return html`<h2>Open items${pair === undefined ? '' : ` of ${pair}`}</h2>
<p>Pairs:${filters} · <a href="/items">all</a></p>
<div class="actions">${runButtons}</div>
${views.length === 0 ? html`<p class="muted">Nothing to settle.</p>` : views.map(itemCard)}
${(pair === undefined ? pairs : [pair]).map(byHandForms)}`;
}

/** Link or unlink two records by hand (`client-sync link` / `unlink`), for the duplicates a person knows about. */
function byHandForms(pair: string): Html {
  return html`<h2>Link by hand: ${pair}</h2>
<div class="actions"><form method="post" action="/link"><input type="hidden" name="pair" value="${pair}"><input type="text" name="from" aria-label="from id for ${pair}" placeholder="native id in from" required><input type="text" name="to" aria-label="to id for ${pair}" placeholder="native id in to" required><button type="submit" data-link="${pair}">Link: same client</button></form>
<form method="post" action="/unlink"><input type="hidden" name="pair" value="${pair}"><input type="text" name="record" aria-label="record to unlink in ${pair}" placeholder="external id or from:<id>" required><button type="submit" class="danger" data-unlink="${pair}">Unlink</button></form></div>`;
}

/** The reports, newest first. */
export function reportsPage(reports: StatusModel['reports'], names: (file: string) => string): Html {
  const rows = reports.map((r) => html`<tr><td><a href="/reports/${encodeURIComponent(names(r.file))}">${names(r.file)}</a></td><td>${r.result.pair}</td><td>${r.result.command ?? r.kind}</td><td>${r.result.status ?? ''}</td><td>${r.exitCode}</td></tr>`);
  return html`<h2>Reports</h2>${rows.length === 0 ? html`<p class="muted">No report yet.</p>` : html`<table><tr><th>report</th><th>pair</th><th>command</th><th>status</th><th>exit</th></tr>${rows}</table>`}`;
}

export function reportPage(name: string, text: string): Html {
  return html`<h2>${name}</h2><pre>${text}</pre>`;
}

/** What a sync of the pair would do now (a dry run: nothing written). */
export function planPage(result: RunResult): Html {
  const rows = result.actions.filter((a) => a.kind !== 'skip').map((a) => html`<tr><td>${a.kind}</td><td>${a.externalId}</td><td>${a.name ?? ''}</td><td>${a.records.join(', ')}</td><td>${a.fields?.join(', ') ?? a.reason ?? ''}</td><td>${a.decision ?? ''}</td></tr>`);
  const counts = Object.entries(result.plan.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  const calls = Object.entries(result.plan.calls).map(([c, v]) => html`<tr><td>${c}</td><td>${v.reads}</td><td>${v.writes}</td><td>${formatElapsed(result.plan.estimatedMs[c] ?? 0)}</td></tr>`);
  const decisions = (result.decisions ?? []).map((d) => html`<tr><td>${d.item}</td><td>${d.kind}</td><td>${d.externalId}</td><td>${d.status}</td><td>${d.reason ?? ''}</td></tr>`);
  return html`<h2>Plan preview: ${result.pair}</h2><p>${counts === '' ? 'Nothing to do.' : counts} <span class="muted">(a dry run: nothing was written)</span></p>
<table><tr><th>connection</th><th>reads</th><th>writes planned</th><th>time at the rate budget</th></tr>${calls}</table>
${decisions.length === 0 ? '' : html`<h2>Decisions</h2><table><tr><th>item</th><th>kind</th><th>external id</th><th>outcome</th><th>note</th></tr>${decisions}</table>`}
${rows.length === 0 ? '' : html`<h2>Actions</h2><table><tr><th>action</th><th>external id</th><th>client</th><th>records</th><th>fields / why</th><th>decision</th></tr>${rows}</table>`}`;
}

function undoForm(runId: string, force: boolean, label: string, style = ''): Html {
  return html`<form method="post" action="/undo"><input type="hidden" name="run" value="${runId}">${force ? html`<input type="hidden" name="force" value="1">` : ''}<button type="submit" class="${style}" data-undo="${runId}" data-force="${force ? '1' : '0'}">${label}</button></form>`;
}

/**
 * What taking run `runId` back would do (the undo's dry run: the plan it carries out), the records it
 * would leave alone and why, and the buttons that take it back.
 */
export function undoPage(result: RunResult, runId: string, force: boolean): Html {
  const counts = Object.entries(result.plan.counts).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  const left = result.actions.filter((a) => a.kind === 'conflict' || a.kind === 'invalid');
  const writes = result.actions.filter((a) => a.kind !== 'skip' && a.kind !== 'conflict' && a.kind !== 'invalid');
  const row = (a: RunResult['actions'][number]): Html => html`<tr><td>${a.kind}</td><td>${a.externalId}</td><td>${a.name ?? ''}</td><td>${a.records.join(', ')}</td><td>${a.fields?.join(', ') ?? ''}</td><td>${a.reason ?? ''}</td></tr>`;
  const head = html`<tr><th>action</th><th>external id</th><th>client</th><th>records</th><th>fields</th><th>why</th></tr>`;
  const buttons = writes.length === 0 ? html`<p class="muted">Nothing to take back${left.length === 0 ? '' : ' without --force'}.</p>` : undoForm(runId, force, `Take run ${runId} back${force ? ', also what changed since' : ''}`, 'danger');
  const forceButton = !force && left.length > 0 ? html`<p>${left.length} client(s) changed since the run are left alone. <a href="/undo?run=${encodeURIComponent(runId)}&force=1">Plan with --force</a> to take them back too.</p>` : '';
  return html`<h2>Undo run ${runId} (${result.pair})</h2><p>${counts === '' ? 'Nothing to do.' : counts} <span class="muted">(the plan: nothing was written yet)</span></p>
<div class="actions">${buttons}</div>${forceButton}
${left.length === 0 ? '' : html`<h2>Left alone</h2><table>${head}${left.map(row)}</table>`}
${writes.length === 0 ? '' : html`<h2>Taken back</h2><table>${head}${writes.map(row)}</table>`}`;
}
