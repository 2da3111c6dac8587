/** Markdown helpers for the report: tables and number formats. */

export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const rule = header.map((_, i) => ((align?.[i] ?? 'r') === 'l' ? ':--' : '--:'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** Seconds from milliseconds: two decimals under 10 s, one above. */
export const seconds = (ms: number): string => (ms < 10_000 ? (ms / 1000).toFixed(2) : (ms / 1000).toFixed(1));

export const megabytes = (kb: number): string => String(Math.round(kb / 1024));

/** A ratio as two decimals, with more when rounding would hide a difference from 1. */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return '∞';
  const two = value.toFixed(2);
  return value !== 1 && two === '1.00' ? value.toFixed(4) : two;
}

export const percent = (value: number): string => `${Math.round(value * 100)} %`;

export const sizeLabel = (clients: number): string => (clients >= 1000 && clients % 1000 === 0 ? `${String(clients / 1000)}k` : String(clients));

export const yesNo = (ok: boolean): string => (ok ? 'met' : '**missed**');
