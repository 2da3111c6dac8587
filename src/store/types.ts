/**
 * The state store: what client-sync remembers between runs. One interface; the embedded default is
 * SQLite (better-sqlite3). It never holds a credential: links, snapshots, the journal, runs, the retry
 * list and locks are ids, canonical record data and outcomes.
 */

/** Which connection holds which record for an external id. */
export interface Link {
  readonly connection: string;
  readonly externalId: string;
  readonly nativeId: string;
  /** Whether the external id is stored in the vendor's own slot (EF external_client_id, Billomat customfield). */
  readonly markerWritten: boolean;
  readonly createdAt: number;
}

/** What a pair last agreed on for one record, as each side reads it back. */
export interface Snapshot {
  readonly pair: string;
  readonly externalId: string;
  readonly connection: string;
  /** The canonical record (projection) as last synced; JSON. */
  readonly record: Readonly<Record<string, unknown>>;
  /** Hash of `record`, to recognise "unchanged" without loading it. */
  readonly fingerprint: string;
  readonly syncedAt: number;
}

export type JournalOperation = 'create' | 'update' | 'archive' | 'delete' | 'marker' | 'contacts';
export type JournalState = 'intent' | 'done' | 'failed' | 'unknown' | 'resolved' | 'abandoned';

/** A write, journalled before it is sent and closed after. */
export interface JournalEntry {
  readonly id: number;
  readonly runId: string;
  readonly pair: string;
  readonly operation: JournalOperation;
  readonly connection: string;
  readonly externalId: string;
  readonly nativeId: string | undefined;
  readonly state: JournalState;
  /** For creates: the canonical projection we sent, to find the record again when the outcome is unknown. */
  readonly expected: Readonly<Record<string, unknown>> | undefined;
  /**
   * For creates, while the outcome is open: the links and snapshots the write leaves once it is known
   * done (JSON the engine wrote; cleared when the outcome is recorded). A create found again after a
   * crash settles with them instead of being compared without a base.
   */
  readonly leaves: Readonly<Record<string, unknown>> | undefined;
  /**
   * What taking the write back needs (`client-sync undo`): the values it replaced, the values it left,
   * the record's links and snapshots before the run. Canonical data and ids only, never a credential;
   * the engine gives it its shape (src/sync/undo-data.ts), the store keeps it as JSON.
   */
  readonly undo: Readonly<Record<string, unknown>> | undefined;
  readonly detail: string | undefined;
  readonly createdAt: number;
}

export interface RunRecord {
  readonly id: string;
  readonly pair: string;
  readonly command: string;
  readonly startedAt: number;
  readonly finishedAt: number | undefined;
  /** `running`, `ok`, `partial` (record failures), `failed`, `stopped`, `interrupted` (found dead). */
  readonly status: 'running' | 'ok' | 'partial' | 'failed' | 'stopped' | 'interrupted';
  readonly pid: number;
  readonly host: string;
  readonly summary: Readonly<Record<string, unknown>> | undefined;
  readonly report: string | undefined;
}

/** A record that failed and is tried again on the next run. */
export interface Failure {
  readonly pair: string;
  readonly externalId: string;
  readonly connection: string;
  readonly code: string;
  readonly message: string;
  readonly attempts: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

/** What a person must settle: a conflict, a proposed match, a record the target cannot hold, a failed write, or a link made by hand. */
export type ItemKind = 'conflict' | 'review' | 'invalid' | 'failed' | 'link' | 'unlink';
/**
 * `open`: waiting for a person, or decided and waiting for the next run to carry the decision out.
 * `resolved`: carried out, or the data no longer produces it. `dismissed`: a standing decision
 * (ignore the record, skip it until its source changes) that keeps the item from coming back.
 */
export type ItemState = 'open' | 'resolved' | 'dismissed';

/** One open item of a pair, with the decision taken on it (see src/sync/decisions.ts). */
export interface OpenItem {
  /** Stable: the same record, field and kind give the same id run after run (`c-1a2b3c4d`). */
  readonly id: string;
  readonly pair: string;
  readonly kind: ItemKind;
  readonly externalId: string;
  /** The canonical field of a conflict; empty for the other kinds. */
  readonly field: string;
  readonly state: ItemState;
  /** What the run found: values per side, candidates with their reasons, issues, the vendor's message; JSON. */
  readonly detail: Readonly<Record<string, unknown>>;
  /** The decision; JSON, undefined while nobody decided. */
  readonly decision: Readonly<Record<string, unknown>> | undefined;
  /** The OS user or `--by` of whoever decided. */
  readonly decidedBy: string | undefined;
  readonly decidedAt: number | undefined;
  /** The run that carried the decision out; undefined while it waits. */
  readonly appliedRun: string | undefined;
  /** The run that first found it (this time round). */
  readonly openedRun: string | undefined;
  readonly openedAt: number;
  readonly closedAt: number | undefined;
  readonly updatedAt: number;
}

export interface StateStore {
  /**
   * Takes a lock for a new run on `pair`; throws RunLockedError naming the run that holds it.
   * `lockKey` (default: the pair) lets runs of different pairs over the same connections exclude each other.
   */
  beginRun(pair: string, command: string, lockKey?: string): RunRecord;
  /** Tells other processes the run is still alive (a lock without heartbeat goes stale). */
  heartbeat(runId: string): void;
  finishRun(runId: string, status: RunRecord['status'], summary: Readonly<Record<string, unknown>>, report?: string): void;
  runs(options?: { pair?: string; limit?: number }): RunRecord[];

  links(connection: string): Link[];
  link(connection: string, externalId: string): Link | undefined;
  putLink(link: Omit<Link, 'createdAt'>): void;
  removeLink(connection: string, externalId: string): void;

  snapshots(pair: string, connection: string): Map<string, Snapshot>;
  /**
   * One page of the pair's snapshots on `connection`, in external-id order, after the external id
   * `after` (from the start without). A run reads them a page at a time and keeps only what tells
   * "unchanged" (src/sync/snapshot-index.ts), so 100,000 clients' snapshots are never all held.
   */
  snapshotPage(pair: string, connection: string, page: { readonly after?: string | undefined; readonly limit: number }): Snapshot[];
  /** One snapshot, read again when the planner needs more of it than its summary. */
  snapshot(pair: string, connection: string, externalId: string): Snapshot | undefined;
  putSnapshot(snapshot: Omit<Snapshot, 'syncedAt'>): void;
  removeSnapshot(pair: string, connection: string, externalId: string): void;

  journalIntent(entry: { runId: string; pair: string; operation: JournalOperation; connection: string; externalId: string; nativeId?: string | undefined; expected?: Readonly<Record<string, unknown>> | undefined; leaves?: Readonly<Record<string, unknown>> | undefined; undo?: Readonly<Record<string, unknown>> | undefined }): number;
  journalOutcome(id: number, state: Exclude<JournalState, 'intent'>, outcome?: { nativeId?: string | undefined; detail?: string | undefined }): void;
  /** Writes whose outcome was never recorded (the run died) or is unknown. */
  openIntents(pair: string): JournalEntry[];
  journal(options?: { pair?: string; runId?: string }): JournalEntry[];
  /**
   * Removes the pair's closed journal entries (done, failed, resolved, abandoned) older than `before`
   * (epoch ms); returns how many. Other pairs' entries are theirs to prune: a run touches only its own.
   */
  pruneJournal(pair: string, before: number): number;

  recordFailure(failure: { pair: string; externalId: string; connection: string; code: string; message: string }): void;
  clearFailure(pair: string, externalId: string): void;
  failures(pair?: string): Failure[];

  /** A pair's open items (all pairs without `pair`), oldest first; `ids` picks given ones. */
  items(query?: { pair?: string | undefined; states?: readonly ItemState[] | undefined; ids?: readonly string[] | undefined }): OpenItem[];
  /** Inserts or replaces items by id, as given (the item logic lives in open-items.ts, once for both backends). */
  putItems(items: readonly OpenItem[]): void;

  /** Runs `work` in one transaction (all or nothing). */
  transaction<T>(work: () => T): T;
  close(): void;
}
