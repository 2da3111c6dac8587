/*
 * Placeholders: what people type into a field that wants a value they do not have ("geen btw" as a
 * VAT number, "x@y" as an e-mail address, "-" as a phone number). Read as not set, with a finding,
 * so a placeholder is never copied to another vendor as if it were a VAT number; the source record
 * itself is never changed. Seen in real EenvoudigFactureren answers (issue 17).
 */

/** The built-in placeholders, by language; compared case-insensitively after trimming. */
export const DEFAULT_PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  nl: ['geen btw', 'geen', 'n.v.t.', 'n.v.t', 'nvt', 'onbekend'],
  fr: ['néant', 'neant', 'aucun', 'pas de tva'],
  de: ['keine', 'keine angabe', 'k.a.', 'unbekannt'],
  en: ['none', 'n/a', 'na', 'unknown', 'tbd'],
  any: ['-', '--', '---', '.', '?', 'x', 'xx', 'xxx', 'x@y', '0'],
};

/** How a pair adjusts the list: values to add, and built-in values that are real data for it. */
export interface PlaceholderSettings {
  readonly add?: readonly string[] | undefined;
  readonly remove?: readonly string[] | undefined;
}

/** Tells whether a vendor value is a placeholder, and which kind. */
export interface PlaceholderMatcher {
  /** `placeholder "geen btw"`, `whitespace only`, `all zeros`, or undefined for a real value. */
  match(value: unknown): string | undefined;
}

const ALL_ZEROS = /^[A-Za-z]{0,2}[\s.\-/]*0[0\s.\-/]{2,}$/;

const normal = (text: string): string => text.trim().toLowerCase();

/** A matcher for the built-in list adjusted by a pair's settings. */
export function createPlaceholderMatcher(settings: PlaceholderSettings = {}): PlaceholderMatcher {
  const removed = new Set((settings.remove ?? []).map(normal));
  const words = new Set([...Object.values(DEFAULT_PLACEHOLDERS).flat(), ...(settings.add ?? [])].map(normal).filter((word) => !removed.has(word)));
  return {
    match(value) {
      if (typeof value !== 'string' || value === '') return undefined;
      const text = normal(value);
      if (text === '') return 'whitespace only';
      if (words.has(text)) return `placeholder ${JSON.stringify(text)}`;
      if (ALL_ZEROS.test(value.trim()) && !removed.has('all zeros')) return 'all zeros';
      return undefined;
    },
  };
}
