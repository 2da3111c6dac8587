import type { PairSettingsInput, RunCommand } from '../src/sync/index.js';
import type { ApiVendorId } from '../src/vendors/ids.js';
import type { ConnectorStats } from '../src/vendors/types.js';
import type { EngineRunOutput } from './child-protocol.js';
import { sortLog, windowUse, type LoggedCalls, type WindowUse } from './log-analysis.js';
import { totalOf, type ConnectionMinimum } from './minimum.js';
import type { SharedClock } from '../src/sandbox/shared-clock.js';
import type { BenchSimulator } from './simulators.js';
import { inChild, type ChildOptions } from './spawn-child.js';

/** Billomat's announced budget: 300 requests per fixed 15-minute window (VENDORS.md §3.4). */
export const BILLOMAT_BUDGET = { requests: 300, windowMs: 900_000 } as const;

export interface ConnectionResult {
  readonly connection: string;
  readonly vendor: ApiVendorId;
  readonly recordsBefore: number;
  readonly recordsAfter: number;
  /** From the simulator's request log. */
  readonly logged: LoggedCalls;
  /** As the connector counted them. */
  readonly stats: ConnectorStats;
  readonly minimum: ConnectionMinimum;
  /** Calls that count against the minimum: all but the deferred markers. */
  readonly counted: number;
  readonly windows?: WindowUse | undefined;
}

export interface RunMeasurement {
  readonly id: string;
  readonly title: string;
  readonly clients: number;
  readonly timeScale: number;
  readonly child: EngineRunOutput;
  readonly connections: readonly ConnectionResult[];
  /** The simulators' CPU (the bench's main process) while the child ran. */
  readonly simulatorCpuMs: number;
  readonly checks: readonly Check[];
}

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface MeasureInput {
  readonly id: string;
  readonly title: string;
  readonly clients: number;
  readonly clock: SharedClock;
  readonly timeScale: number;
  readonly pair: PairSettingsInput;
  readonly command: RunCommand;
  readonly from: BenchSimulator;
  readonly to: BenchSimulator;
  readonly db: string;
  /** The minimum per connection, given the records before the run and the run's outcome. */
  readonly minimum: (context: { before: Record<string, number>; after: Record<string, number>; child: EngineRunOutput }) => Record<string, ConnectionMinimum>;
  readonly child?: ChildOptions | undefined;
}

/**
 * Waits for the start of the next Billomat window, so a run starts where a run started later would:
 * at a window nobody has used yet. (A run started right after another, in the other's window, finds
 * part of it spent, which a new process cannot know before its first answer.)
 */
async function nextWindow(clock: SharedClock): Promise<void> {
  const now = clock.now();
  const start = Math.ceil(now / BILLOMAT_BUDGET.windowMs) * BILLOMAT_BUDGET.windowMs;
  await clock.sleep(start - now + 1);
}

/** Runs the pair once in a child process at `timeScale` and measures it from both ends. */
export async function measureRun(input: MeasureInput): Promise<RunMeasurement> {
  const sides = [input.from, input.to];
  input.clock.setScale(input.timeScale);
  await nextWindow(input.clock);
  for (const side of sides) side.simulator.log.clear();
  const before = Object.fromEntries(sides.map((s) => [s.connection.name, s.simulator.store.count()]));
  const cpu = process.cpuUsage();
  const child = await inChild(
    { kind: 'engine-run', pair: input.pair, command: input.command, from: input.from.connection, to: input.to.connection, db: input.db, clock: input.clock.segment() },
    { ...input.child, label: `${input.id}-${String(input.clients)}` },
  );
  const simulatorCpu = process.cpuUsage(cpu);
  const after = Object.fromEntries(sides.map((s) => [s.connection.name, s.simulator.store.count()]));
  const minimum = input.minimum({ before, after, child });
  const checks: Check[] = [];
  const connections = sides.map((side): ConnectionResult => {
    const name = side.connection.name;
    const logged = sortLog(side.connection.vendor, side.simulator.log.entries);
    const stats = child.calls[name];
    if (stats === undefined) throw new Error(`the run reported no calls for ${name}`);
    const min = minimum[name];
    if (min === undefined) throw new Error(`no minimum for ${name}`);
    checks.push({ name: `${name}: connector count = simulator log`, ok: stats.calls === logged.total, detail: `${String(stats.calls)} / ${String(logged.total)}` });
    checks.push({ name: `${name}: limit answers, connector = log`, ok: stats.limitResponses === logged.limitResponses, detail: `${String(stats.limitResponses)} / ${String(logged.limitResponses)}` });
    return {
      connection: name,
      vendor: side.connection.vendor,
      recordsBefore: before[name] ?? 0,
      recordsAfter: after[name] ?? 0,
      logged,
      stats,
      minimum: min,
      counted: logged.total - logged.markers,
      windows: side.connection.vendor === 'billomat' ? windowUse(side.simulator.log.entries, BILLOMAT_BUDGET) : undefined,
    };
  });
  // `partial` is a run that left conflicts for a person (the two-way data has some) or failed records.
  const failed = child.outcomes.failed ?? 0;
  checks.push({ name: 'run finished, no record failed', ok: (child.status === 'ok' || child.status === 'partial') && failed === 0, detail: `${child.status}${child.error === undefined ? '' : `: ${child.error}`}, ${String(failed)} failed` });
  for (const c of connections) checks.push({ name: `${c.connection}: calls = minimum`, ok: c.counted === totalOf(c.minimum), detail: `${String(c.counted)} / ${String(totalOf(c.minimum))}` });
  return { id: input.id, title: input.title, clients: input.clients, timeScale: input.timeScale, child, connections, simulatorCpuMs: (simulatorCpu.user + simulatorCpu.system) / 1000, checks };
}
