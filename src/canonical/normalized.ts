/** The outcome of a normaliser: the normal form, or why the input has none. */
export type Normalized<T = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export function ok<T>(value: T): Normalized<T> {
  return { ok: true, value };
}

export function fail<T = string>(reason: string): Normalized<T> {
  return { ok: false, reason };
}
