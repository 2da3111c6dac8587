import { z } from 'zod';
import type { PlanContext } from './plan-context.js';
import type { Projection } from './fields.js';
import type { SideKey, StepState } from './steps.js';

/*
 * What a create leaves in the state store (its links and snapshots), as the journal keeps it while
 * the create's outcome is open. Sides are named by connection, not `from`/`to`, so the state reads
 * back right whichever way round the next run drives the pair; a state naming a connection the pair
 * no longer has is not used.
 */

const journalledState = z.object({
  links: z.array(z.object({ connection: z.string(), nativeId: z.string().optional(), markerWritten: z.boolean() })),
  snapshots: z.record(z.string(), z.record(z.string(), z.unknown())),
  fields: z.array(z.string()),
  provisional: z.array(z.string()),
});
type JournalledState = z.infer<typeof journalledState>;

function connectionOf(plan: PlanContext, side: SideKey): string {
  return side === 'from' ? plan.from.name : plan.to.name;
}

function sideNamed(plan: PlanContext, connection: string): SideKey | undefined {
  return connection === plan.from.name ? 'from' : connection === plan.to.name ? 'to' : undefined;
}

/** The state a step leaves, for the journal. */
export function toJournalledState(plan: PlanContext, state: StepState): Readonly<Record<string, unknown>> {
  const snapshots: Record<string, Projection> = {};
  for (const side of ['from', 'to'] as const) {
    const values = state.snapshots[side];
    if (values !== undefined) snapshots[connectionOf(plan, side)] = values;
  }
  const journalled: JournalledState = {
    links: state.links.map((link) => ({ connection: connectionOf(plan, link.side), ...(link.nativeId === undefined ? {} : { nativeId: link.nativeId }), markerWritten: link.markerWritten })),
    snapshots,
    fields: [...state.fields],
    provisional: (state.provisional ?? []).map((side) => connectionOf(plan, side)),
  };
  return journalled;
}

/** The journal's state back as a step's, or undefined when it does not fit this pair. */
export function fromJournalledState(plan: PlanContext, stored: Readonly<Record<string, unknown>> | undefined): StepState | undefined {
  const parsed = journalledState.safeParse(stored);
  if (!parsed.success) return undefined;
  const { links, snapshots, fields, provisional } = parsed.data;
  const sides: StepState['links'][number][] = [];
  for (const link of links) {
    const side = sideNamed(plan, link.connection);
    if (side === undefined) return undefined;
    sides.push({ side, nativeId: link.nativeId, markerWritten: link.markerWritten });
  }
  const bySide: { from?: Projection; to?: Projection } = {};
  for (const [connection, values] of Object.entries(snapshots)) {
    const side = sideNamed(plan, connection);
    if (side === undefined) return undefined;
    bySide[side] = values;
  }
  const provisionalSides = provisional.map((connection) => sideNamed(plan, connection)).filter((side): side is SideKey => side !== undefined);
  return { links: sides, snapshots: bySide, fields, provisional: provisionalSides };
}
