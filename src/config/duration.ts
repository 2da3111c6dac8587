/** The duration units a config accepts, in milliseconds. */
const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** The grammar of a duration in the config: a whole number and a unit (`60s`, `15m`, `1h`). */
export const DURATION_PATTERN = /^(\d+)(ms|s|m|h)$/;

/** `15m` → 900000; undefined for anything that is not a positive duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]) * (UNITS[match[2] ?? ''] ?? Number.NaN);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** 900000 → `15m`, for messages and reports: the largest unit that divides the value. */
export function formatDuration(ms: number): string {
  for (const unit of ['h', 'm', 's'] as const) {
    const size = UNITS[unit] ?? 1;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
