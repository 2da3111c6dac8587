import type { PairSettingsInput, RunCommand } from '../src/sync/index.js';
import type { ConnectorStats } from '../src/vendors/types.js';
import type { ApiVendorId } from '../src/vendors/ids.js';
import type { Credentials } from '../src/vendors/types.js';
import type { ClockSegment } from '../src/sandbox/shared-clock.js';
import type { LoggedEvent } from './child/collecting-logger.js';
import type { PhaseSample } from './process-meter.js';

/*
 * What the bench's main process and its child processes say to each other. Every measured run is a
 * child of its own, so its CPU time and peak RSS are that run's alone; the simulators stay in the
 * main process and keep their state from run to run.
 */

/** A connection as a child opens it: a simulator's URL and credentials. */
export interface ChildConnection {
  readonly name: string;
  readonly vendor: ApiVendorId;
  readonly url: string;
  readonly credentials: Credentials;
}

/** One `runPair` over HTTP against the simulators. */
export interface EngineRunInput {
  readonly kind: 'engine-run';
  readonly pair: PairSettingsInput;
  readonly command: RunCommand;
  readonly from: ChildConnection;
  readonly to: ChildConnection;
  /** The SQLite state store's file. */
  readonly db: string;
  readonly clock: ClockSegment;
}

export interface EngineRunOutput {
  readonly status: string;
  readonly error?: string | undefined;
  readonly phases: readonly PhaseSample[];
  readonly total: PhaseSample;
  /** Peak RSS of the process once its modules were loaded, before the run (kB). */
  readonly baselineRssKb: number;
  readonly calls: Readonly<Record<string, ConnectorStats>>;
  readonly planCounts: Readonly<Record<string, number>>;
  readonly plannedCalls: Readonly<Record<string, { readonly reads: number; readonly writes: number }>>;
  /** Outcomes by `status`. */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Invalid actions (the target cannot hold the record) per connection, with their first rule. */
  readonly invalid: readonly { readonly connection: string; readonly rule: string }[];
  /** Vendor-clock time at the start and the end of the run. */
  readonly vendorStart: number;
  readonly vendorEnd: number;
  /** Warnings, errors and failed calls, counted. */
  readonly events: readonly LoggedEvent[];
  /** External ids the run left out of step: in conflict, refused before any call, failed, not started. */
  readonly unsettled: readonly string[];
}

/** Lists connections through the real connectors and writes their raw records, one JSON per line. */
export interface DumpInput {
  readonly kind: 'dump';
  readonly sides: readonly { readonly connection: ChildConnection; readonly file: string }[];
  readonly clock: ClockSegment;
}

export interface DumpOutput {
  readonly records: readonly number[];
}

/** Decode, reconcile and plan from cached raw records, without HTTP. */
export interface EngineOnlyInput {
  readonly kind: 'engine-only';
  readonly pair: PairSettingsInput;
  readonly from: { readonly name: string; readonly vendor: ApiVendorId; readonly file: string };
  readonly to: { readonly name: string; readonly vendor: ApiVendorId; readonly file: string };
  /** The state store a previous run left (a copy: nothing is written to it). */
  readonly db: string;
}

export interface EngineOnlyOutput {
  readonly phases: readonly PhaseSample[];
  readonly total: PhaseSample;
  readonly baselineRssKb: number;
  readonly records: { readonly from: number; readonly to: number };
  readonly matches: number;
  readonly planCounts: Readonly<Record<string, number>>;
  /** Write calls the plan counts per connection (a cross-check of the engine's own cost model). */
  readonly plannedWrites: Readonly<Record<string, number>>;
}

export type ChildInput = EngineRunInput | DumpInput | EngineOnlyInput;
