import type { z } from 'zod';
import type { FieldKind } from '../../canonical/fields.js';
import type { LookupTable } from '../lookups.js';

/**
 * A value a codec cannot turn into the other side's form. `rule` says what was expected
 * (`one of yes|no`, `ISO 3166-1 alpha-2`), `actual` describes what was found without personal data.
 */
export class CodecError extends Error {
  readonly rule: string;
  readonly actual: string;
  constructor(rule: string, actual: string) {
    super(`${rule} (found ${actual})`);
    this.name = 'CodecError';
    this.rule = rule;
    this.actual = actual;
  }
}

/** Describes a value for an error message: its type and length, or the value itself when it is a short code. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    // Short codes and numbers are shown (they say what was wrong); anything that may be a person's
    // e-mail address, name or street is not, since errors go to logs and reports.
    if (value.length <= 16 && /^[\w.,:+/-]*$/u.test(value)) return JSON.stringify(value);
    return `a text of ${[...value].length} characters`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/**
 * A two-way conversion between one vendor field (or a named group of fields) and one canonical
 * field (or a named group). `decode` may return undefined for "not set"; neither side is ever
 * called with an absent value — the compiler handles absence, using `absent` for the vendor form.
 */
export interface Codec {
  /** `warn` reports information the canonical form cannot carry (the record is still read). */
  decode(vendor: unknown, warn: (message: string) => void): unknown;
  encode(canonical: unknown): unknown;
  /** The vendor form of "not set", sent when a field is cleared. Default `""`. */
  readonly absent?: unknown;
}

export interface TransformContext {
  /** A lookup table by name (e.g. `factuursturen-countries`). */
  lookup(name: string): LookupTable;
}

/** A named transform: its parameter grammar and how to build a codec from parameters. */
export interface TransformDefinition<P = unknown> {
  readonly name: string;
  /** One sentence for the README and `client-sync mappings --transforms`. */
  readonly description: string;
  readonly params: z.ZodType<P>;
  /** `read` for a transform that can only decode; such a rule can never be written. */
  readonly direction: 'both' | 'read';
  /** Named vendor parts for a transform over several vendor fields (`{ type, value }`). */
  readonly vendorParts?: readonly string[];
  /** Named canonical parts for a transform that fills several canonical fields. */
  readonly canonicalParts?: readonly string[];
  /**
   * Canonical parts the vendor form carries only when the record has none of the other parts
   * (EenvoudigFactureren's one name field holds a person's name only for a client without a name).
   * When the others are set, these are not written: the dropped-field report and the lossiness
   * matrix count them as dropped.
   */
  readonly fallbackParts?: readonly string[];
  /** The canonical kinds a single-part transform can fill. */
  readonly kinds: readonly FieldKind[];
  /** True when canonical → vendor → canonical returns every value `encode` accepts unchanged. */
  lossless(params: P): boolean;
  create(params: P, context: TransformContext): Codec;
}

/** Helper that keeps each definition's parameter type while storing them together. */
export function defineTransform<P>(definition: TransformDefinition<P>): TransformDefinition<P> {
  return definition;
}
