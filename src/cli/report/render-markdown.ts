import type { ReportDocument } from './report-document.js';

/**
 * Escapes a cell for a Markdown table. Client names and notes are user data: `|` would split the
 * cell, and raw `<script>` or `<img onerror>` would run in viewers that render inline HTML, so HTML
 * is written as entities and Markdown punctuation is backslashed.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Only what acts inside a line: every cell and fact starts mid-line, so `-`, `#` and `+` are safe.
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r?\n|\r/g, ' ');
}

/** Renders a report document as GitHub-flavoured Markdown. */
export function renderMarkdown(document: ReportDocument): string {
  const lines = [`# ${escapeMarkdown(document.title)}`, ''];
  for (const [label, value] of document.facts) lines.push(`- **${escapeMarkdown(label)}**: ${escapeMarkdown(value)}`);
  for (const section of document.sections) {
    lines.push('', `## ${escapeMarkdown(section.heading)}`, '');
    if (section.note !== undefined) lines.push(escapeMarkdown(section.note), '');
    lines.push(`| ${section.columns.map(escapeMarkdown).join(' | ')} |`);
    lines.push(`|${section.columns.map(() => ' --- ').join('|')}|`);
    for (const row of section.rows) lines.push(`| ${row.map(escapeMarkdown).join(' | ')} |`);
    if (section.omitted > 0) lines.push('', `… and ${section.omitted} more in the JSON report.`);
  }
  return `${lines.join('\n')}\n`;
}
