import { formatDuration } from '../config/duration.js';

/** Small formatting helpers shared by the progress display, the summaries and the reports. */

/** 2500 → `2,500`. */
export function formatCount(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A duration for people: `0s`, `42s`, `3m 20s`, `1h 05m`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** `1 client`, `3 clients`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** An ISO timestamp as `2026-01-05 09:00:00 UTC`, for summaries. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Whether a rate budget has a limit: a file's has none (Infinity, which a report's JSON holds as null). */
export function hasRateLimit(requests: number | null): requests is number {
  return requests !== null && Number.isFinite(requests);
}

/** A rate budget for people: `300 per 15m (299 spare)`, or `no rate limit` for a file. */
export function formatBudget(budget: { readonly requests: number | null; readonly windowMs: number; readonly spare: number | null }): string {
  if (!hasRateLimit(budget.requests)) return 'no rate limit';
  return `${formatCount(budget.requests)} per ${formatDuration(budget.windowMs)} (${formatCount(budget.spare ?? 0)} spare)`;
}
