import type { PairSettings } from './types.js';

/** A pair's settings with only the name required; everything else falls back to a documented default. */
export type PairSettingsInput = Partial<Omit<PairSettings, 'archive'>> & { readonly name: string; readonly archive?: Partial<PairSettings['archive']> | undefined };

/** Fills in the defaults documented on PairSettings. */
export function resolvePairSettings(input: PairSettingsInput): PairSettings {
  return {
    name: input.name,
    mode: input.mode ?? 'one-way',
    conflict: input.conflict ?? 'manual',
    contacts: input.contacts ?? false,
    customValues: input.customValues ?? true,
    archive: {
      propagate: input.archive?.propagate ?? true,
      hardDelete: input.archive?.hardDelete ?? false,
      maxShare: input.archive?.maxShare ?? 0.1,
    },
    matchExisting: input.matchExisting ?? 'auto',
    markers: input.markers ?? 'deferred',
    exclude: input.exclude ?? [],
    includeArchived: input.includeArchived ?? true,
    recreateDeleted: input.recreateDeleted ?? false,
    quality: input.quality ?? 'warn',
    placeholders: input.placeholders ?? {},
  };
}
