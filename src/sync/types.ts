import type { Clock } from '../clock.js';
import type { RecordIssue } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import type { Mapping } from '../mapping/mapping.js';
import type { PlaceholderMatcher, PlaceholderSettings } from '../mapping/placeholders.js';
import type { QualityFinding } from '../mapping/record-codec.js';
import type { QualityReport } from './quality.js';
import type { StateStore } from '../store/types.js';
import type { VendorId } from '../vendors/ids.js';
import type { ConnectorStats, VendorConnector } from '../vendors/types.js';
import type { DecisionOutcome } from './run-decisions.js';

/*
 * The sync engine's public types: what a run is given and what it hands back. The CLI, the
 * benchmarks and library users all drive the engine through these.
 */

/** `one-way`: changes flow from `from` to `to` (migration, feed). `two-way`: both ways, merged. */
export type SyncMode = 'one-way' | 'two-way';

/** What happens when both sides changed the same field since the last sync (two-way). */
export type ConflictPolicy = 'prefer-from' | 'prefer-to' | 'newest' | 'manual';

/** How a pair behaves; every field has a default in `resolvePairSettings`. */
export interface PairSettings {
  /** The pair's name: the key of its lock, snapshots and reports. */
  readonly name: string;
  readonly mode: SyncMode;
  /** Two-way conflicts. One-way pairs always let `from` win. Default `manual`. */
  readonly conflict: ConflictPolicy;
  /** Sync contacts (on Billomat one extra call per client to read). Default false. */
  readonly contacts: boolean;
  /** Sync custom values (EF custom fields, Billomat client properties). Default true. */
  readonly customValues: boolean;
  readonly archive: {
    /** Archive on the other side what was archived or deleted on this one. Default true. */
    readonly propagate: boolean;
    /** Delete instead of archive where the vendor allows it (never a client with documents). Default false. */
    readonly hardDelete: boolean;
    /** Stop, before any write, a run that would archive more than this share of the linked records. Default 0.1. */
    readonly maxShare: number;
  };
  /** Link records that already exist in the target (by VAT, e-mail, name + postal code). Default `auto`. */
  readonly matchExisting: 'auto' | 'review' | 'off';
  /** Write the external id into the target's slot with the create (`deferred`: only when free). Default `deferred`. */
  readonly markers: 'deferred' | 'immediate';
  /** Canonical fields (or prefixes) this pair leaves alone. */
  readonly exclude: readonly string[];
  /** Copy archived clients too (as archived). Default true. */
  readonly includeArchived: boolean;
  /** Create again a record that was deleted in the target since the last sync. Default false. */
  readonly recreateDeleted: boolean;
  /** `strict`: a value that fails a plausibility check refuses the record. Default `warn`: a data-quality finding. */
  readonly quality: 'warn' | 'strict';
  /** Changes to the built-in placeholder list (read as not set, with a finding). Default none. */
  readonly placeholders: PlaceholderSettings;
}

/** One side of a pair: a connection with its connector and mapping. */
export interface SyncSide {
  /** The connection's name in the config. */
  readonly name: string;
  readonly connector: VendorConnector;
  readonly mapping: Mapping;
  /** Tells placeholders from values as records are read; none: every value is taken as it is. */
  readonly placeholders?: PlaceholderMatcher | undefined;
}

export type RunCommand = 'migrate' | 'sync' | 'plan' | 'undo';

export interface RunPairOptions {
  readonly pair: PairSettings;
  readonly from: SyncSide;
  readonly to: SyncSide;
  readonly store: StateStore;
  readonly command: RunCommand;
  /** Plan and report, write nothing (no vendor writes, no state changes). */
  readonly dryRun?: boolean | undefined;
  /** Go ahead even when more than `archive.maxShare` of the linked records would be archived. */
  readonly allowMassArchive?: boolean | undefined;
  /** Aborting finishes the write in flight, journals the rest as not started, and returns `stopped`. */
  readonly signal?: AbortSignal | undefined;
  readonly logger?: Logger | undefined;
  readonly clock?: Clock | undefined;
  readonly onProgress?: ((event: ProgressEvent) => void) | undefined;
  /** How many writes run at once per target connection. Default 4; more when every target takes more (`writesInFlight`: a file). */
  readonly concurrency?: number | undefined;
  /** Take this run back instead of syncing (`client-sync undo`): the plan comes from its journal. */
  readonly undo?: { readonly runId: string; readonly force?: boolean | undefined } | undefined;
}

export type Phase = 'read' | 'reconcile' | 'plan' | 'apply' | 'markers';

export interface ProgressEvent {
  readonly phase: Phase;
  readonly connection?: string | undefined;
  readonly done: number;
  readonly total?: number | undefined;
  /** Calls made so far, all connections. */
  readonly calls: number;
  /** Time spent waiting for rate windows so far, in milliseconds. */
  readonly rateWaitMs: number;
  /** Estimated time left for this phase, in milliseconds, when known. */
  readonly etaMs?: number | undefined;
}

export type ActionKind = 'create' | 'update' | 'archive' | 'delete' | 'marker' | 'link' | 'skip' | 'conflict' | 'invalid';

/** A vendor call the plan will make: which connection, what kind, how many. */
export interface PlannedCalls {
  readonly connection: string;
  readonly kind: 'list' | 'create' | 'update' | 'archive' | 'delete' | 'marker' | 'contacts' | 'properties';
  readonly count: number;
}

/** One planned step for one record. */
export interface PlannedAction {
  readonly kind: ActionKind;
  readonly externalId: string;
  /** Connection the action writes to (none for skip, conflict, invalid). */
  readonly connection?: string | undefined;
  /** `vendor:id` labels of the records involved. */
  readonly records: readonly string[];
  /** Display name of the client, for reports. */
  readonly name?: string | undefined;
  /** For updates: the canonical fields written. For conflicts: the fields in conflict. */
  readonly fields?: readonly string[] | undefined;
  /** Why (skip, conflict, archive, link) or what failed (invalid). */
  readonly reason?: string | undefined;
  readonly issues?: readonly RecordIssue[] | undefined;
  /** Fields the target cannot hold and leaves out (reported lossiness). */
  readonly dropped?: readonly RecordIssue[] | undefined;
  /** Values written that fail one of the target's plausibility checks (written all the same). */
  readonly findings?: readonly QualityFinding[] | undefined;
  readonly calls: readonly PlannedCalls[];
  /** For conflicts: each field's value at the last sync and on both sides now (canonical). */
  readonly values?: Readonly<Record<string, { readonly base?: unknown; readonly from?: unknown; readonly to?: unknown }>> | undefined;
  /** For invalid records: a hash of the source record as read, so "skip until it changes" can tell. */
  readonly sourceVersion?: string | undefined;
  /** The open item whose decision this action carries out. */
  readonly decision?: string | undefined;
}

export interface PlanSummary {
  readonly counts: Readonly<Record<ActionKind, number>>;
  /** Calls per connection: reads already made and writes to come. */
  readonly calls: Readonly<Record<string, { readonly reads: number; readonly writes: number }>>;
  /** Time the writes take at each connection's rate budget, in milliseconds. */
  readonly estimatedMs: Readonly<Record<string, number>>;
  /** Linked records before the run, for the mass-archive rule. */
  readonly linked: number;
}

export interface ReviewEntry {
  readonly externalId: string;
  readonly source: { readonly connection: string; readonly record: string; readonly name?: string | undefined };
  readonly candidates: readonly { readonly connection: string; readonly record: string; readonly name?: string | undefined; readonly matchedOn: readonly string[] }[];
  readonly reason: string;
}

export type OutcomeStatus = 'created' | 'updated' | 'archived' | 'deleted' | 'linked' | 'marker' | 'skipped' | 'failed' | 'conflict' | 'invalid' | 'not-started';

/** What happened to one record in a run. */
export interface RecordOutcome {
  readonly externalId: string;
  readonly status: OutcomeStatus;
  readonly action: ActionKind;
  readonly connection?: string | undefined;
  readonly records: readonly string[];
  readonly name?: string | undefined;
  readonly fields?: readonly string[] | undefined;
  readonly reason?: string | undefined;
  /** For failures: the stable code and the vendor's own message. */
  readonly error?: { readonly code: string; readonly message: string; readonly vendorMessage?: string | undefined } | undefined;
  readonly dropped?: readonly RecordIssue[] | undefined;
  /** For creates whose first answer was lost: how the record was found again. */
  readonly recovered?: 'marker' | 'fingerprint' | undefined;
}

export interface RunResult {
  readonly runId: string | undefined;
  readonly pair: string;
  readonly command: RunCommand;
  readonly mode: SyncMode;
  readonly dryRun: boolean;
  readonly from: { readonly connection: string; readonly vendor: VendorId };
  readonly to: { readonly connection: string; readonly vendor: VendorId };
  readonly startedAt: string;
  readonly finishedAt: string;
  /** `ok`: all done; `partial`: some records failed or are in conflict; `stopped`: aborted; `failed`: stopped by an error. */
  readonly status: 'ok' | 'partial' | 'stopped' | 'failed';
  readonly plan: PlanSummary;
  readonly actions: readonly PlannedAction[];
  readonly outcomes: readonly RecordOutcome[];
  readonly review: readonly ReviewEntry[];
  /** Calls made, per connection, as the connectors counted them. */
  readonly calls: Readonly<Record<string, ConnectorStats>>;
  /** Canonical fields the target dropped, with how many records held them (lossiness). */
  readonly dropped: Readonly<Record<string, number>>;
  /** Records that could not be read (decode failures), with the field and rule. */
  readonly unreadable: readonly { readonly record: string; readonly issues: readonly RecordIssue[] }[];
  /** The error that stopped the run, if any. */
  readonly error?: { readonly code: string; readonly message: string } | undefined;
  /** Data quality: placeholders read as not set, values that fail a plausibility check, per side and rule. */
  readonly quality?: QualityReport | undefined;
  /** What became of each decision a person took on the pair's open items (see `client-sync review`). */
  readonly decisions?: readonly DecisionOutcome[] | undefined;
}

/** Drift between two connections, read-only (`client-sync verify`). */
export interface VerifyResult {
  readonly pair: string;
  readonly from: { readonly connection: string; readonly vendor: VendorId; readonly count: number };
  readonly to: { readonly connection: string; readonly vendor: VendorId; readonly count: number };
  readonly matched: number;
  readonly onlyInFrom: readonly { readonly externalId: string; readonly record: string; readonly name?: string | undefined }[];
  readonly onlyInTo: readonly { readonly externalId: string; readonly record: string; readonly name?: string | undefined }[];
  readonly differences: readonly { readonly externalId: string; readonly records: readonly string[]; readonly name?: string | undefined; readonly fields: readonly { readonly path: string; readonly from: unknown; readonly to: unknown }[] }[];
  readonly duplicateSuspects: readonly { readonly connection: string; readonly key: string; readonly records: readonly string[] }[];
  readonly unreadable: readonly { readonly record: string; readonly issues: readonly RecordIssue[] }[];
  readonly calls: Readonly<Record<string, ConnectorStats>>;
  /** Data quality of both sides as read (nothing is written). */
  readonly quality?: QualityReport | undefined;
}
