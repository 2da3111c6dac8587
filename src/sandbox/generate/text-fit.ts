/** Text helpers for generated values; lengths are in code points, as the vendors count them. */

/** Cuts `text` to at most `max` code points (no trailing space). */
export function truncateTo(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max).join('').trimEnd();
}

/**
 * Extends `text` with `filler` to exactly `max` code points: the documented maximum, which every
 * system in the chain must keep without cutting a character (seed limits, DESIGN.md §5).
 */
export function padTo(text: string, max: number, filler: string): string {
  let out = text;
  while ([...out].length < max) out += ` ${filler}`;
  const points = [...out].slice(0, max);
  if (points.at(-1) === ' ') points[points.length - 1] = '.';
  return points.join('');
}

/** A lower-case ASCII slug for e-mail addresses and host names (`Müller & Söhne` → `mullersohne`). */
export function asciiSlug(text: string): string {
  // Most names are plain ASCII: skip the (slow) Unicode normalisation for them.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return text
    .replace(/ß/g, 'ss')
    .replace(/[Łł]/g, 'l')
    .replace(/ı/g, 'i')
    .replace(/[Øø]/g, 'o')
    .replace(/[Ææ]/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Escapes text for an HTML fragment. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
