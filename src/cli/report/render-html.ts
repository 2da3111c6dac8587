import type { ReportDocument } from './report-document.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. Every value in a report goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const STYLE = [
  'body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222}',
  'table{border-collapse:collapse;margin:.5rem 0 1.5rem}',
  'th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}',
  'th{background:#f3f3f3}',
  'dt{font-weight:600;float:left;clear:left;width:7rem}',
  'dd{margin-left:8rem}',
].join('');

/**
 * Renders a report document as a standalone HTML page. Client data (names, notes, vendor messages)
 * may contain HTML and script: all of it is escaped, and the page forbids scripts outright.
 */
export function renderHtml(document: ReportDocument): string {
  const out = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(document.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(document.title)}</h1>`,
    '<dl>',
    ...document.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`),
    '</dl>',
  ];
  for (const section of document.sections) {
    out.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    if (section.note !== undefined) out.push(`<p>${escapeHtml(section.note)}</p>`);
    out.push('<table><thead><tr>', ...section.columns.map((c) => `<th>${escapeHtml(c)}</th>`), '</tr></thead><tbody>');
    for (const row of section.rows) out.push(`<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
    out.push('</tbody></table>');
    if (section.omitted > 0) out.push(`<p>… and ${section.omitted} more in the JSON report.</p>`);
  }
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}
