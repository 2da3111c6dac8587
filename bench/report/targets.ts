import { BILLOMAT_BUDGET, type RunMeasurement } from '../measure-run.js';
import type { PhaseSample } from '../process-meter.js';
import { extraCalls, type BenchResults } from '../results.js';
import type { EngineOnlyMeasurement } from '../scenarios/engine-only.js';
import { count, megabytes, ratio, seconds, sizeLabel } from './format.js';

/** One target of issue 7, judged from the results. */
export interface TargetVerdict {
  readonly target: string;
  readonly ok: boolean;
  readonly result: string;
}

const BUDGET_SHARE = 0.9;
const ENGINE_CPU_LIMIT_MS = 20_000;
const ENGINE_RSS_LIMIT_KB = 512 * 1024;
/** Per-client cost at the largest size may exceed the next size's by this much and still count as linear. */
const LINEAR_TOLERANCE = 1.25;

export const phase = (phases: readonly PhaseSample[], name: string): PhaseSample | undefined => phases.find((p) => p.name === name);

/** Reconcile and plan together: the engine's own work once the records are decoded. */
export function reconcilePlan(output: EngineOnlyMeasurement['output']): { cpuMs: number; peakRssKb: number } {
  const reconcile = phase(output.phases, 'reconcile');
  const plan = phase(output.phases, 'plan');
  return { cpuMs: (reconcile?.cpuMs ?? 0) + (plan?.cpuMs ?? 0), peakRssKb: plan?.peakRssKb ?? output.total.peakRssKb };
}

function measuredRuns(results: BenchResults): RunMeasurement[] {
  return results.sizes.flatMap((size) => [...size.migration, ...size.twoWay]);
}

function callsVerdict(results: BenchResults): TargetVerdict {
  const misses: string[] = [];
  const runs = measuredRuns(results);
  let atMinimum = 0;
  for (const run of runs) {
    let runOk = true;
    for (const connection of run.connections) {
      const minimum = connection.minimum.list + connection.minimum.other + connection.minimum.writes;
      if (connection.counted === minimum) continue;
      runOk = false;
      const extra = extraCalls(connection).map((e) => `${e.count > 0 ? '+' : ''}${String(e.count)} ${e.kind}`).join(', ');
      misses.push(`${run.title} at ${sizeLabel(run.clients)}, ${connection.connection}: ${count(connection.counted)} for ${count(minimum)} (${extra})`);
    }
    if (runOk) atMinimum += 1;
  }
  return {
    target: 'API calls equal the minimum (ratio 1.00) in every scenario',
    ok: misses.length === 0,
    result: `${String(atMinimum)} of ${String(runs.length)} runs at the minimum${misses.length === 0 ? '' : `; over: ${misses.join('; ')}`}`,
  };
}

function budgetVerdict(results: BenchResults): TargetVerdict {
  const parts: string[] = [];
  let ok = true;
  let judged = 0;
  for (const run of measuredRuns(results)) {
    const limits = run.connections.reduce((n, c) => n + c.logged.limitResponses, 0);
    if (limits > 0) {
      ok = false;
      parts.push(`${run.title} at ${sizeLabel(run.clients)}: ${String(limits)} limit answers`);
    }
    const windows = run.connections.find((c) => c.windows !== undefined)?.windows;
    if (windows?.meanPerFull === undefined) continue;
    judged += 1;
    const share = windows.meanPerFull / BILLOMAT_BUDGET.requests;
    if (share < BUDGET_SHARE) ok = false;
    parts.push(`${run.title} at ${sizeLabel(run.clients)}: ${windows.meanPerFull.toFixed(1)} calls per full window (${String(Math.round(share * 100))} %, lowest ${String(windows.minPerFull)}) over ${String(windows.fullWindows)} windows`);
  }
  if (judged === 0) ok = false;
  return { target: `Write phases use ≥ ${String(BUDGET_SHARE * 100)} % of Billomat's 300 per 15 minutes, zero limit answers`, ok, result: judged === 0 ? 'no run had a full write window' : parts.join('; ') };
}

function engineVerdict(results: BenchResults): TargetVerdict {
  const largest = results.sizes.at(-1);
  const reruns = largest?.engineOnly.filter((m) => m.id.startsWith('engine-rerun')) ?? [];
  if (largest === undefined || largest.clients < 100_000 || reruns.length === 0) {
    return { target: 'Reconcile + plan of 100,000 clients per side: < 20 CPU-s, < 512 MB peak RSS', ok: false, result: `not measured at 100,000 (largest size run: ${largest === undefined ? 'none' : count(largest.clients)})` };
  }
  let ok = true;
  const parts = reruns.map((m) => {
    const { cpuMs, peakRssKb } = reconcilePlan(m.output);
    const pass = cpuMs < ENGINE_CPU_LIMIT_MS && peakRssKb < ENGINE_RSS_LIMIT_KB;
    ok &&= pass;
    return `${m.title}: ${seconds(cpuMs)} CPU-s, ${megabytes(peakRssKb)} MB (decode before it: ${seconds(phase(m.output.phases, 'decode')?.cpuMs ?? 0)} CPU-s)`;
  });
  return { target: 'Reconcile + plan of 100,000 clients per side: < 20 CPU-s, < 512 MB peak RSS', ok, result: parts.join('; ') };
}

/** CPU per client at each size, for one scenario. */
export function perClientCpu(runs: readonly { clients: number; cpuMs: number }[]): { clients: number; msPerClient: number }[] {
  return runs.map((r) => ({ clients: r.clients, msPerClient: r.cpuMs / r.clients }));
}

function linearVerdict(results: BenchResults): TargetVerdict {
  if (results.sizes.length < 2) return { target: 'Cost grows linearly with clients', ok: false, result: 'needs at least two sizes' };
  const [, previous, last] = results.sizes.length >= 3 ? results.sizes.slice(-3) : [undefined, ...results.sizes.slice(-2)];
  if (previous === undefined || last === undefined) return { target: 'Cost grows linearly with clients', ok: false, result: 'needs at least two sizes' };
  const growth: string[] = [];
  let ok = true;
  const compare = (name: string, a: number | undefined, b: number | undefined): void => {
    if (a === undefined || b === undefined || a === 0) return;
    const factor = b / last.clients / (a / previous.clients);
    ok &&= factor <= LINEAR_TOLERANCE;
    growth.push(`${name} ${ratio(factor)}`);
  };
  for (const run of last.migration) compare(run.title, previous.migration.find((r) => r.id === run.id)?.child.total.cpuMs, run.child.total.cpuMs);
  for (const run of last.twoWay) compare(run.title, previous.twoWay.find((r) => r.id === run.id)?.child.total.cpuMs, run.child.total.cpuMs);
  for (const m of last.engineOnly) compare(`engine-only ${m.title}`, previous.engineOnly.find((p) => p.id === m.id)?.output.total.cpuMs, m.output.total.cpuMs);
  return {
    target: 'Cost grows linearly with clients',
    ok,
    result: `CPU per client at ${sizeLabel(last.clients)} ÷ at ${sizeLabel(previous.clients)} (1.00 = linear; calls per client in the tables below): ${growth.join('; ')}`,
  };
}

export function verdicts(results: BenchResults): TargetVerdict[] {
  return [callsVerdict(results), budgetVerdict(results), engineVerdict(results), linearVerdict(results)];
}
