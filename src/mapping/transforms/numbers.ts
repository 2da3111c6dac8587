import { z } from 'zod';
import { CodecError, defineTransform, describeValue } from './types.js';

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Reads a number the vendors send as a JSON number or a string (`"14"`, `"5.30"`, `"-2"`). */
export function parseNumberValue(value: unknown, integer: boolean): number {
  const rule = integer ? 'a whole number' : 'a number';
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && NUMBER.test(value.trim())) n = Number(value.trim());
  else throw new CodecError(rule, describeValue(value));
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new CodecError(rule, describeValue(value));
  return n;
}

/** Stringly typed numbers (every vendor sends `"14"`) ⇄ numbers. Written as JSON numbers unless asked otherwise. */
export const numberString = defineTransform({
  name: 'numberString',
  description: '"14" / 14 / "5.30" ⇄ 14 / 5.3; `integer: true` refuses fractions; written as a JSON number (or `as: string`).',
  params: z.strictObject({ integer: z.boolean().default(false), as: z.enum(['number', 'string']).default('number') }),
  direction: 'both',
  kinds: ['days', 'signedDays', 'percent', 'count', 'amount'],
  lossless: () => true,
  create: ({ integer, as }) => ({
    decode: (value) => parseNumberValue(value, integer),
    encode(value) {
      if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
        throw new CodecError(integer ? 'a whole number' : 'a number', describeValue(value));
      }
      return as === 'string' ? String(value) : value;
    },
  }),
});
