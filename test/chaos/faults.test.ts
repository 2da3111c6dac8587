import { afterAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS, type FaultKind } from '../../src/sandbox/index.js';
import type { StateStore } from '../../src/store/index.js';
import type { RunResult } from '../../src/sync/index.js';
import type { ApiVendorId } from '../../src/vendors/ids.js';
import { pairSettings, tempStore } from '../helpers/pair.js';
import {
  accountedRun,
  createCapturingLogger,
  dumpStateStore,
  expectEveryClientOnce,
  expectEveryRequestAccountedFor,
  leaks,
  secretFormsOf,
  startSide,
  type LoggedAttempts,
  type Side,
} from '../reliability/support.js';

/*
 * 2,000-client migrations through 10 % and 30 % injected faults, every kind the sandbox offers
 * (latency, 5xx, HTML 502, reset, commit-then-drop) in equal shares, on both sides, in all six
 * directions (three at each rate). Each run's report is accounted against the vendors' request logs;
 * runs are repeated as a user would until nothing is left to do; the target then holds every client
 * exactly once with every surviving field equal. Vendor time runs 1,000 times faster, so backoff
 * waits shrink. Seeded: the same seeds draw the same faults.
 */

const N = 2_000;
const FAST = 1_000;
const started: Side[] = [];
const lines: string[] = [];
const logger = createCapturingLogger(lines);
const results: RunResult[] = [];
const stateFiles: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

const everyKindAt = (rate: number): Partial<Record<FaultKind, number>> => Object.fromEntries(FAULT_KINDS.map((kind) => [kind, rate / FAULT_KINDS.length]));

const CASES: readonly (readonly [string, ApiVendorId, ApiVendorId])[] = [
  ['10 %', 'eenvoudigfactureren', 'factuursturen'],
  ['10 %', 'factuursturen', 'billomat'],
  ['10 %', 'billomat', 'eenvoudigfactureren'],
  ['30 %', 'factuursturen', 'eenvoudigfactureren'],
  ['30 %', 'billomat', 'factuursturen'],
  ['30 %', 'eenvoudigfactureren', 'billomat'],
];

describe.each(CASES)('a 2,000-client migration through %s of faults of every kind, from %s to %s', (label, from, to) => {
  const rate = Number.parseInt(label, 10) / 100;
  it('ends with every client exactly once and every surviving field equal; every run accounts for every failed request', async () => {
    const faults = { rates: everyKindAt(rate), latencyMs: 5 };
    const source = await startSide(from, 'source', { clients: N, seed: `chaos/${String(rate)}/${from}`, timeScale: FAST, faults, logger, tag: `chaos-${from}` });
    const target = await startSide(to, 'target', { clients: 0, seed: `chaos/${String(rate)}/${to}`, timeScale: FAST, faults, logger, tag: `chaos-${to}` });
    started.push(source, target);
    const { store, file } = tempStore();
    stateFiles.push(file);
    const pair = pairSettings({ name: `${from}-${to}` });

    const totals = { runs: 0, failed: 0, retried: 0, gaveUp: 0, lostCreates: 0 };
    const byKind = new Map<string, number>();
    const add = (logged: LoggedAttempts): void => {
      totals.failed += logged.failed;
      totals.retried += logged.retried;
      totals.gaveUp += logged.gaveUp;
      totals.lostCreates += logged.lostCreates.all;
    };
    let last: RunResult | undefined;
    while (totals.runs < 6 && !(last !== undefined && totals.runs > 1 && finished(last))) {
      const run = await accountedRun({ pair, from: source, to: target, store, logger });
      for (const side of [source, target]) {
        add(expectEveryRequestAccountedFor({ run, side, store }));
        for (const entry of run.entries(side)) if (entry.fault !== undefined) byKind.set(entry.fault, (byKind.get(entry.fault) ?? 0) + 1);
      }
      totals.runs += 1;
      last = run.result;
      if (run.result !== undefined) results.push(run.result);
    }

    expect(last !== undefined && finished(last), 'a run found nothing left to do').toBe(true);
    expect([...byKind.keys()].sort()).toEqual([...FAULT_KINDS].sort());
    const compared = await expectEveryClientOnce({ source, target, store });
    expect(compared.records).toBeGreaterThan(N * 0.9);
    // The summary the README quotes: kinds, failures, retries, lost creates, runs needed.
    console.info(JSON.stringify({ rate, from, to, ...totals, faults: Object.fromEntries(byKind), records: compared.records, values: compared.values, journal: journalCounts(store) }));
  });
});

describe('after all those runs', () => {
  it('no log line, result or row of a state store holds a credential', () => {
    const secrets = started.flatMap((side) => secretFormsOf(side.credentials));
    expect(lines.length).toBeGreaterThan(1_000);
    const places = [
      ...lines.map((line, i) => ({ where: `log line ${i + 1}`, text: line })),
      ...results.map((result, i) => ({ where: `result ${i + 1}`, text: JSON.stringify(result) })),
      ...stateFiles.flatMap((file) => dumpStateStore(file).map((row) => ({ where: file, text: row }))),
    ];
    expect(leaks(places, secrets)).toEqual([]);
  });
});

/** A run that wrote nothing and has nothing left to retry (refusals before any call aside). */
function finished(result: RunResult): boolean {
  return result.outcomes.every((o) => !['created', 'updated', 'archived', 'deleted', 'failed', 'not-started'].includes(o.status));
}

function journalCounts(store: StateStore): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of store.journal({})) counts[`${entry.operation}:${entry.state}`] = (counts[`${entry.operation}:${entry.state}`] ?? 0) + 1;
  return counts;
}
