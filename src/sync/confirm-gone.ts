import { toSyncError } from '../errors/index.js';
import type { StateStore } from '../store/types.js';
import type { PlanContext } from './plan-context.js';
import type { Plan } from './plan.js';
import type { Step } from './steps.js';

/**
 * A record missing from a listing is archived (or deleted) on the other side only once a look-up by
 * its id confirms it is gone. A listing read page by page is no snapshot: a client deleted or added
 * while the pages are read shifts the later pages by one, so a client that still exists can be
 * missing from an otherwise complete listing (and with hard deletes on, its copy would be deleted
 * and never created again). One GET per record about to be archived; nothing when none is.
 * A record that is still there, or whose look-up fails, is left alone this run.
 */
export async function confirmGone(plan: Plan, context: PlanContext, store: Pick<StateStore, 'link'>, signal: AbortSignal | undefined): Promise<Plan> {
  if (!plan.steps.some((step) => step.gone === true)) return plan;
  const steps: Step[] = [];
  for (const step of plan.steps) {
    if (step.gone !== true || step.side === undefined) {
      steps.push(step);
      continue;
    }
    const goneSide = step.side === 'to' ? context.from : context.to;
    const nativeId = store.link(goneSide.name, step.externalId)?.nativeId;
    let reason: string | undefined;
    try {
      const still = nativeId === undefined ? undefined : await goneSide.connector.getClient(nativeId, { signal });
      if (still !== undefined) reason = `missing from the ${goneSide.name} listing, but ${goneSide.mapping.vendor}:${nativeId ?? ''} is still there (the listing shifted while it was read): left alone`;
    } catch (caught) {
      reason = `missing from the ${goneSide.name} listing, and whether it is gone could not be confirmed (${toSyncError(caught).code}): left alone this run`;
    }
    if (reason === undefined) steps.push(step);
    else steps.push({ op: 'none', externalId: step.externalId, action: { ...step.action, kind: 'skip', connection: undefined, reason, calls: [] } });
  }
  return { steps };
}
