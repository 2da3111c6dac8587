import { VENDOR_IDS, type VendorId } from '../vendors/ids.js';
import type { FieldMapping, Mapping } from './mapping.js';

/**
 * The lossiness matrix, derived from the mapping files (never written by hand): for a migration from
 * one vendor to another, what happens to each canonical field the source holds.
 *
 * - `survives`: the target writes it and reads it back unchanged;
 * - `transformed`: the target writes it, but in a form that does not read back exactly (a URL without
 *   its scheme, a name split into first and last, a VAT number without separators);
 * - `dropped`: the target has nowhere to keep it (or keeps it only in place of another field the
 *   record holds: EenvoudigFactureren's name takes a contact person's name only for a client without one).
 *
 * Read-only facts (creation dates, document counts) are never copied and are left out.
 */
export type FieldFate = 'survives' | 'transformed' | 'dropped';

export interface LossinessEntry {
  readonly path: string;
  readonly fate: FieldFate;
  /** Conditions that still apply to surviving fields (a shorter limit, create-only). */
  readonly notes: readonly string[];
}

export interface LossinessDirection {
  readonly from: VendorId;
  readonly to: VendorId;
  readonly entries: readonly LossinessEntry[];
  readonly counts: Readonly<Record<FieldFate, number>>;
}

function notesFor(source: FieldMapping, target: FieldMapping): string[] {
  const notes: string[] = [];
  if (target.maxLength !== undefined && (source.maxLength === undefined || target.maxLength < source.maxLength)) {
    notes.push(`target holds at most ${target.maxLength} characters${source.maxLength === undefined ? '' : ` (source ${source.maxLength})`}`);
  }
  if (target.createOnly) notes.push('written when the record is created, never changed afterwards');
  if (target.rule.unfit === 'drop') notes.push('left out (and reported) when the target cannot hold the value');
  return notes;
}

/** What happens to each field the source holds when records move from `source` to `target`. */
export function lossinessBetween(source: Mapping, target: Mapping): LossinessDirection {
  const entries: LossinessEntry[] = [];
  for (const [path, field] of source.fields) {
    if (!field.reads || path.startsWith('facts.')) continue;
    const written = target.fields.get(path);
    if (written === undefined || !written.writes) {
      entries.push({ path, fate: 'dropped', notes: [] });
      continue;
    }
    if (written.rule.fallbackPaths.includes(path)) {
      // Held only in place of the rule's main field (a person's name as the name of a client without one).
      const main = written.rule.canonicalPaths.filter((p) => !written.rule.fallbackPaths.includes(p));
      entries.push({ path, fate: 'dropped', notes: [`written only in place of ${main.join(', ')} when the record has none`] });
      continue;
    }
    entries.push({ path, fate: written.lossless ? 'survives' : 'transformed', notes: notesFor(field, written) });
  }
  const counts: Record<FieldFate, number> = { survives: 0, transformed: 0, dropped: 0 };
  for (const entry of entries) counts[entry.fate] += 1;
  return { from: source.vendor, to: target.vendor, entries, counts };
}

/** The six directions between the three vendors. */
export function lossinessMatrix(mappings: Readonly<Record<VendorId, Mapping>>): LossinessDirection[] {
  return VENDOR_IDS.flatMap((from) => VENDOR_IDS.filter((to) => to !== from).map((to) => lossinessBetween(mappings[from], mappings[to])));
}
