import { jsonEqual } from '../mapping/_paths.js';
import type { Projection } from './fields.js';
import type { ConflictPolicy } from './types.js';

/** What a side looked like at the last sync: the values, and which fields were tracked then. */
export interface Base {
  readonly values: Projection;
  readonly fields: readonly string[];
}

export interface MergeInput {
  readonly keys: readonly string[];
  readonly aNow: Projection;
  readonly bNow: Projection;
  readonly aBase: Base | undefined;
  readonly bBase: Base | undefined;
  /** A's values as B would hold them (through B's mapping), to tell real differences from format. */
  readonly aAsB: Projection;
  /** B's values as A would hold them. */
  readonly bAsA: Projection;
}

export interface MergeResult {
  /** Fields to write into B, from A. */
  readonly toB: readonly string[];
  /** Fields to write into A, from B. */
  readonly toA: readonly string[];
  /** Fields changed on both sides that the policy leaves to a person. */
  readonly conflicts: readonly string[];
}

function changedSince(base: Base | undefined, now: Projection, key: string): boolean | undefined {
  if (base === undefined || !base.fields.includes(key)) return undefined;
  return !jsonEqual(now[key], base.values[key]);
}

/**
 * One-way: a field is written to B when A changed it since the last sync (or it was never synced)
 * and B does not already hold it. Changes made only in B are left alone, and what B made of our own
 * last write (a normalised phone number, say) is not fought over on every run.
 */
export function mergeOneWay(input: MergeInput): MergeResult {
  const toB = input.keys.filter((key) => changedSince(input.aBase, input.aNow, key) !== false && !jsonEqual(input.aAsB[key], input.bNow[key]));
  return { toB, toA: [], conflicts: [] };
}

/**
 * Two-way: a 3-way merge against the last synced values. A field changed on one side only flows to
 * the other; changed on both sides to different values, it follows the policy (`newest` needs both
 * vendors' update times; without them it is left to a person). Without a base (first sync of a pair
 * of records), an empty side is filled from the other and a difference is a conflict.
 */
export function mergeTwoWay(input: MergeInput, policy: ConflictPolicy, aIsNewer: boolean | undefined): MergeResult {
  const toB: string[] = [];
  const toA: string[] = [];
  const conflicts: string[] = [];
  for (const key of input.keys) {
    if (jsonEqual(input.aAsB[key], input.bNow[key]) || jsonEqual(input.bAsA[key], input.aNow[key])) continue;
    const a = changedSince(input.aBase, input.aNow, key);
    const b = changedSince(input.bBase, input.bNow, key);
    if (a === true && b === false) toB.push(key);
    else if (b === true && a === false) toA.push(key);
    else if (a === false && b === false) continue; // an earlier conflict or format difference nobody touched since
    else if (a === undefined && b === undefined && input.aNow[key] === undefined) toA.push(key);
    else if (a === undefined && b === undefined && input.bNow[key] === undefined) toB.push(key);
    else {
      const winner = policy === 'prefer-from' ? 'a' : policy === 'prefer-to' ? 'b' : policy === 'newest' && aIsNewer !== undefined ? (aIsNewer ? 'a' : 'b') : undefined;
      if (winner === 'a') toB.push(key);
      else if (winner === 'b') toA.push(key);
      else conflicts.push(key);
    }
  }
  return { toB, toA, conflicts };
}
