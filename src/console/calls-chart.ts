import { html, type Html } from './html.js';

/** One connection's calls in each rate window of a run, against its budget. */
export interface WindowSeries {
  readonly connection: string;
  readonly perWindow: readonly number[];
  /** Requests the budget allows per window. */
  readonly budget: number;
  readonly windowMs: number;
}

const WIDTH = 560;
const ROW = 110;
const LEFT = 44;

/**
 * An inline SVG bar chart, drawn on the server: per connection, the calls in each rate window of the
 * last run, with the budget as a line. No script, no external asset; every label is escaped.
 */
export function callsChart(series: readonly WindowSeries[]): Html {
  const shown = series.filter((s) => s.perWindow.length > 0);
  if (shown.length === 0) return html`<p class="muted">No per-window call counts for this run.</p>`;
  const height = shown.length * ROW + 10;
  const rows = shown.map((s, row) => {
    const top = row * ROW + 18;
    const plot = ROW - 40;
    const max = Math.max(s.budget, ...s.perWindow, 1);
    const slot = (WIDTH - LEFT - 10) / Math.max(s.perWindow.length, 1);
    const barWidth = Math.max(2, Math.min(40, slot - 4));
    const budgetY = top + plot - (s.budget / max) * plot;
    const bars = s.perWindow.map((n, i) => {
      const h = (n / max) * plot;
      const x = LEFT + i * slot + (slot - barWidth) / 2;
      return html`<rect class="bar" x="${x.toFixed(1)}" y="${(top + plot - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}"><title>window ${i + 1}: ${n} calls</title></rect>`;
    });
    const seconds = Math.round(s.windowMs / 1000);
    return html`<g>
<text class="label" x="0" y="${top - 6}">${s.connection}: calls per ${seconds} s window (budget ${s.budget})</text>
<line class="axis" x1="${LEFT}" y1="${top + plot}" x2="${WIDTH - 10}" y2="${top + plot}"/>
<text class="tick" x="${LEFT - 4}" y="${top + plot}" text-anchor="end">0</text>
<text class="tick" x="${LEFT - 4}" y="${(budgetY + 4).toFixed(1)}" text-anchor="end">${s.budget}</text>
<line class="budget" x1="${LEFT}" y1="${budgetY.toFixed(1)}" x2="${WIDTH - 10}" y2="${budgetY.toFixed(1)}"/>
${bars}
</g>`;
  });
  return html`<svg class="chart" role="img" aria-label="calls per rate window" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows}</svg>`;
}
