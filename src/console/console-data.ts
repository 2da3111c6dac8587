import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PairStatus, StatusModel } from '../cli/status-model.js';
import type { WindowSeries } from './calls-chart.js';

/*
 * What the console shows besides the open items: the status model `client-sync status` uses, and
 * from the newest report of each pair, the calls per rate window of its last run.
 */

const RunReportSchema = z.object({
  kind: z.literal('run'),
  budgets: z.record(z.string(), z.object({ requests: z.number(), windowMs: z.number() })),
  result: z.object({
    pair: z.string(),
    status: z.string(),
    startedAt: z.string(),
    calls: z.record(z.string(), z.object({ calls: z.number(), rateWaitMs: z.number(), callsPerWindow: z.array(z.number()).optional(), windowMs: z.number().optional() })),
  }),
});

/** A pair's last run as its report tells it. */
export interface LastRun {
  readonly status: string;
  readonly startedAt: string;
  readonly calls: Readonly<Record<string, { readonly calls: number; readonly rateWaitMs: number }>>;
  readonly series: readonly WindowSeries[];
  readonly file: string;
}

/** The newest run report of each pair in the status model's report list. */
export async function lastRuns(model: StatusModel): Promise<Map<string, LastRun>> {
  const out = new Map<string, LastRun>();
  for (const head of model.reports) {
    if (head.kind !== 'run' || out.has(head.result.pair)) continue;
    let parsed;
    try {
      parsed = RunReportSchema.safeParse(JSON.parse(await readFile(head.file, 'utf8')));
    } catch {
      continue;
    }
    if (!parsed.success) continue;
    const { result, budgets } = parsed.data;
    const series = Object.entries(result.calls).map(([connection, stats]): WindowSeries => ({
      connection,
      perWindow: stats.callsPerWindow ?? [],
      budget: budgets[connection]?.requests ?? 0,
      windowMs: stats.windowMs ?? budgets[connection]?.windowMs ?? 0,
    }));
    out.set(result.pair, { status: result.status, startedAt: result.startedAt, calls: result.calls, series, file: head.file });
  }
  return out;
}

export type { PairStatus };
