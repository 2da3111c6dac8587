import { z } from 'zod';
import { CodecError, defineTransform, describeValue } from './types.js';

/**
 * A list as the vendors send it: a JSON array; an XML wrapper `{ contact: [...] }`; Billomat's
 * single object instead of a one-element array; `""` or nothing for an empty list.
 */
export function toArray(value: unknown, element?: string): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value as unknown[];
  if (typeof value === 'object') {
    if (element !== undefined && element in value) return toArray((value as Record<string, unknown>)[element]);
    return [value];
  }
  throw new CodecError('a list', describeValue(value));
}

/** Object-or-array lists ⇄ arrays (Billomat `client-property-values`, XML element lists). */
export const asArray = defineTransform({
  name: 'asArray',
  description: "[a, b] / { item: [a, b] } / a single object / '' ⇄ a list (object-or-array vendor lists).",
  params: z.strictObject({ element: z.string().optional() }),
  direction: 'both',
  kinds: [],
  lossless: () => true,
  create: ({ element }) => ({
    decode: (value) => {
      const items = toArray(value, element);
      return items.length === 0 ? undefined : items;
    },
    encode(value) {
      if (!Array.isArray(value)) throw new CodecError('a list', describeValue(value));
      return value as unknown[];
    },
  }),
});
