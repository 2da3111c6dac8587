import { createSqliteStore } from '../../src/store/index.js';
import { resolvePairSettings, runPair, type Phase, type RunResult } from '../../src/sync/index.js';
import type { EngineRunInput, EngineRunOutput } from '../child-protocol.js';
import { createProcessMeter, peakRssKb } from '../process-meter.js';
import { clockOf } from '../../src/sandbox/shared-clock.js';
import { createCollectingLogger } from './collecting-logger.js';
import { openSide } from './open-side.js';

/** Which measured segment a progress event of the engine starts (the previous one ends there). */
const SEGMENT_AFTER: Partial<Record<Phase, string>> = { reconcile: 'reconcile+plan', plan: 'apply', markers: 'markers' };

const UNSETTLED: ReadonlySet<string> = new Set(['conflict', 'invalid', 'failed', 'not-started']);

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** One `runPair` over HTTP, measured by segments: open, read, reconcile+plan, apply, markers. */
export async function engineRun(input: EngineRunInput): Promise<EngineRunOutput> {
  const baselineRssKb = peakRssKb();
  const clock = clockOf(input.clock);
  const meter = createProcessMeter();
  const vendorStart = clock.now();
  const store = createSqliteStore({ file: input.db });
  const { logger, events } = createCollectingLogger();
  const from = await openSide(input.from, clock, logger);
  const to = await openSide(input.to, clock, logger);
  meter.mark('open');
  let segment = 'read';
  const onProgress = (event: { phase: Phase }): void => {
    const next = SEGMENT_AFTER[event.phase];
    if (next === undefined || next === segment) return;
    meter.mark(segment);
    segment = next;
  };
  let result: RunResult | undefined;
  let error: string | undefined;
  try {
    result = await runPair({ pair: resolvePairSettings(input.pair), from, to, store, command: input.command, clock, onProgress, logger });
  } catch (caught) {
    error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
  }
  meter.mark(segment);
  store.close();
  const vendorEnd = clock.now();
  const total = meter.total();
  return {
    status: result?.status ?? 'failed',
    error: error ?? result?.error?.message,
    phases: meter.phases,
    total,
    baselineRssKb,
    calls: result?.calls ?? { [from.name]: from.connector.stats(), [to.name]: to.connector.stats() },
    planCounts: result?.plan.counts ?? {},
    plannedCalls: result?.plan.calls ?? {},
    outcomes: countBy(result?.outcomes ?? [], (o) => o.status),
    invalid: (result?.actions ?? []).filter((a) => a.kind === 'invalid').map((a) => ({ connection: a.connection ?? '', rule: a.issues?.[0]?.rule ?? a.reason ?? '' })),
    vendorStart,
    vendorEnd,
    events: events(),
    unsettled: [...new Set((result?.outcomes ?? []).filter((o) => UNSETTLED.has(o.status)).map((o) => o.externalId))],
  };
}
