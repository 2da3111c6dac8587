import type { CpuAccount, MachineInfo } from './machine.js';
import type { ConnectionResult, RunMeasurement } from './measure-run.js';
import type { EngineOnlyMeasurement } from './scenarios/engine-only.js';

/** Everything one `npm run bench` measured; BENCHMARKS.md is rendered from this alone. */
export interface BenchResults {
  readonly command: string;
  readonly startedAt: string;
  readonly wallS: number;
  readonly timeScale: number;
  readonly setupScale: number;
  readonly sizes: readonly SizeResults[];
  readonly machine: MachineInfo;
  readonly loadAtEnd: readonly number[];
  /** CPU seconds over the whole command: the machine's, and the bench's own (all its processes). */
  readonly cpu: { readonly start: CpuAccount; readonly end: CpuAccount };
}

export interface SizeResults {
  readonly clients: number;
  readonly migration: readonly RunMeasurement[];
  readonly twoWay: readonly RunMeasurement[];
  readonly twoWaySetup: readonly RunMeasurement[];
  readonly engineOnly: readonly EngineOnlyMeasurement[];
}

/** Calls beyond the minimum by kind, for the notes under a table. */
export function extraCalls(connection: ConnectionResult): { kind: string; count: number }[] {
  const { logged, minimum } = connection;
  const out = [
    { kind: 'list', count: logged.list - minimum.list },
    { kind: 'writes', count: logged.writes + logged.propertyValues - minimum.writes },
    { kind: 'other', count: logged.other - minimum.other },
  ];
  return out.filter((entry) => entry.count !== 0);
}

export const ratioOf = (connection: ConnectionResult): number => {
  const minimum = connection.minimum.list + connection.minimum.other + connection.minimum.writes;
  return minimum === 0 ? (connection.counted === 0 ? 1 : Number.POSITIVE_INFINITY) : connection.counted / minimum;
};

/** All calls of a run against the sum of the minimums of its connections. */
export function runRatio(run: RunMeasurement): { counted: number; minimum: number; ratio: number } {
  const counted = run.connections.reduce((n, c) => n + c.counted, 0);
  const minimum = run.connections.reduce((n, c) => n + c.minimum.list + c.minimum.other + c.minimum.writes, 0);
  return { counted, minimum, ratio: minimum === 0 ? 1 : counted / minimum };
}
