import { z } from 'zod';
import type { Link, Snapshot } from '../store/types.js';
import { project, type FieldSet, type Projection } from './fields.js';
import { asHeldBy, type PlanContext } from './plan-context.js';
import type { SideKey, Step } from './steps.js';

/*
 * What the journal keeps next to each write so that `client-sync undo` can take it back: the values
 * the write replaced and the values it left (on the fields it wrote), and the record's links and
 * snapshots on both connections as they were before the run. Written at the intent, before the call,
 * so a run killed after the call still leaves what undoing it needs.
 */

const linkSchema = z.object({ nativeId: z.string(), markerWritten: z.boolean() }).nullable();
const snapshotSchema = z.object({ record: z.record(z.string(), z.unknown()), fingerprint: z.string() }).nullable();

export const undoDataSchema = z.object({
  /** The fields' values before the write (an absent key was empty). */
  replaced: z.record(z.string(), z.unknown()).optional(),
  /**
   * The record as the write left it, as the vendor reads it back, over `compared`: the written fields
   * and every other field the pair tracks, so that any later change to the record shows.
   */
  wrote: z.record(z.string(), z.unknown()).optional(),
  /** The fields written, so an absent key in `replaced` reads as "empty", not "unknown". */
  fields: z.array(z.string()).optional(),
  /** The fields `wrote` covers (an absent key there is an empty field). */
  compared: z.array(z.string()).optional(),
  /** Per connection of the pair: the record's link before the run (null: none). */
  links: z.record(z.string(), linkSchema),
  /** Per connection of the pair: the pair's snapshot of the record before the run (null: none). */
  snapshots: z.record(z.string(), snapshotSchema),
});

export type UndoData = z.infer<typeof undoDataSchema>;

/** Reads a journal entry's undo data; undefined for entries written before it was kept, or unreadable. */
export function parseUndoData(value: unknown): UndoData | undefined {
  const parsed = undoDataSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The field set of some projection keys: lists take their item fields from the pair's field sets. */
export function fieldSetOf(context: PlanContext, keys: readonly string[]): FieldSet {
  const known = [context.tracked, context.createFields.toTo, context.createFields.toFrom];
  const lists = new Map<string, readonly string[]>();
  const scalars: string[] = [];
  for (const key of keys) {
    const items = known.map((set) => set.lists.get(key)).find((found) => found !== undefined);
    if (items === undefined) scalars.push(key);
    else lists.set(key, items);
  }
  return { scalars, lists };
}

/** The fields a write step changes: those it was planned with, or the status for an archive or delete. */
export function fieldsWritten(step: Step): readonly string[] {
  if (step.op === 'archive' || step.op === 'delete') return step.action.fields ?? ['status'];
  return step.action.fields ?? [];
}

function linkOf(links: ReadonlyMap<string, Link> | undefined, externalId: string): UndoData['links'][string] {
  const link = links?.get(externalId);
  return link === undefined ? null : { nativeId: link.nativeId, markerWritten: link.markerWritten };
}

function snapshotOf(snapshot: Snapshot | undefined): UndoData['snapshots'][string] {
  return snapshot === undefined ? null : { record: { ...snapshot.record }, fingerprint: snapshot.fingerprint };
}

/** What undoing `step` will need, from the plan's view of the record before the run. */
export function undoDataOf(context: PlanContext, step: Step): UndoData {
  const { externalId } = step;
  const data: UndoData = {
    links: { [context.from.name]: linkOf(context.links?.from, externalId), [context.to.name]: linkOf(context.links?.to, externalId) },
    snapshots: { [context.from.name]: snapshotOf(context.fromSnapshots.get(externalId)), [context.to.name]: snapshotOf(context.toSnapshots.get(externalId)) },
  };
  if ((step.op !== 'update' && step.op !== 'archive' && step.op !== 'delete') || step.side === undefined) return data;
  // Read only now: a record settled at read time decodes its customer again when asked (side-records.ts).
  const current = step.record?.customer;
  if (current === undefined) return data;
  const fields = fieldsWritten(step);
  const compared = [...new Set([...fields, ...context.trackedKeys])];
  const side: SideKey = step.side;
  const mapping = (side === 'to' ? context.to : context.from).mapping;
  const wrote = step.desired === undefined ? undefined : project(asHeldBy(mapping, step.desired, step.record?.label ?? externalId), fieldSetOf(context, compared));
  return { ...data, fields: [...fields], replaced: project(current, fieldSetOf(context, fields)), ...(wrote === undefined ? {} : { wrote, compared }) };
}

/** Whether `now` holds `values` on every one of `fields` (an absent key is an empty field). */
export function holds(now: Projection, values: Projection, fields: readonly string[], equal: (a: unknown, b: unknown) => boolean): boolean {
  return fields.every((field) => equal(now[field], values[field]));
}
