import type { Customer } from '../canonical/customer.js';
import type { RawRecord } from '../mapping/record-codec.js';
import type { Projection } from './fields.js';
import type { SideRecord } from './side-records.js';
import type { PlannedAction } from './types.js';

/** Which side of the pair a step writes to. */
export type SideKey = 'from' | 'to';

/** What a step leaves in the state store when it succeeds. */
export interface StepState {
  /** The external id's links (native ids per side; a create's new id is filled in by apply). */
  readonly links: readonly { readonly side: SideKey; readonly nativeId: string | undefined; readonly markerWritten: boolean }[];
  /** Snapshot values per side over the tracked fields (undefined: leave that side's snapshot). */
  readonly snapshots: { readonly from?: Projection | undefined; readonly to?: Projection | undefined };
  /** The tracked fields the snapshots cover (a field in manual conflict is left out, so it stays one). */
  readonly fields: readonly string[];
  /**
   * Sides just created from our values: the vendor fills in defaults for the fields we did not send.
   * The next run takes those fields as it finds them, instead of reading the vendor's own additions as
   * changes to copy back; the fields we sent keep their snapshot, so a user's edit of them still counts.
   */
  readonly provisional?: readonly SideKey[] | undefined;
}

/**
 * One planned step: the public action plus what apply needs to carry it out. Plan and apply share
 * this one classification, so a dry run shows exactly what a real run then does.
 */
export interface Step {
  readonly action: PlannedAction;
  readonly op: 'create' | 'update' | 'archive' | 'delete' | 'marker' | 'bookkeeping' | 'none';
  readonly side?: SideKey | undefined;
  readonly externalId: string;
  /** The record written to (update, archive, delete, marker). */
  readonly record?: SideRecord | undefined;
  /** The vendor body (create, update, archive; for delete, the archive fallback). */
  readonly body?: RawRecord | undefined;
  /** The canonical record the target should hold afterwards (updates, archives, deletes: what their undo compares). */
  readonly desired?: Customer | undefined;
  /** For creates: the canonical values the target should read back, to find it again after a lost answer. */
  readonly expected?: Projection | undefined;
  /** Deferred marker writes run only on spare rate budget. */
  readonly deferred?: boolean | undefined;
  /** An archive or delete because the counterpart is missing from its listing (confirmed before apply). */
  readonly gone?: boolean | undefined;
  readonly state?: StepState | undefined;
  /** A marker step that clears the vendor's external-id slot instead of writing it (undo). */
  readonly clearMarker?: boolean | undefined;
  /** Undo: the record's links and snapshots to put back once its writes succeeded (null: none). */
  readonly restore?: RestoreState | undefined;
}

/** The links and snapshots of one external id, per connection, as they were before a run (null: none). */
export interface RestoreState {
  readonly links: Readonly<Record<string, { readonly nativeId: string; readonly markerWritten: boolean } | null>>;
  readonly snapshots: Readonly<Record<string, { readonly record: Readonly<Record<string, unknown>>; readonly fingerprint: string } | null>>;
}
