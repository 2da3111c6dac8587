import { z } from 'zod';
import { parseNumberValue } from '../../mapping/transforms/numbers.js';
import { scalarText } from '../../mapping/transforms/text.js';
import { CodecError, defineTransform, describeValue } from '../../mapping/transforms/types.js';

/**
 * Billomat's customer number is `number_pre` + `number` padded with zeros to `number_length`
 * (seed 003; read-only `client_number` is that composition). `KD00123` ⇄ { prefix: KD, number: 123,
 * length: 5 }. A number that does not end in digits cannot be held.
 */
export const billomatNumber = defineTransform({
  name: 'billomatNumber',
  description: "{ prefix: 'KD', number: '123', length: '5' } ⇄ 'KD00123' (Billomat customer numbers).",
  params: z.strictObject({}),
  direction: 'both',
  vendorParts: ['prefix', 'number', 'length'],
  kinds: ['text'],
  lossless: () => true,
  create: () => ({
    decode(value) {
      const parts = value as { prefix?: unknown; number?: unknown; length?: unknown };
      if (parts.number === undefined) return undefined;
      const number = parseNumberValue(parts.number, true);
      const length = parts.length === undefined ? 0 : parseNumberValue(parts.length, true);
      const prefix = parts.prefix === undefined ? '' : scalarText(parts.prefix);
      return `${prefix}${String(number).padStart(length, '0')}`;
    },
    encode(value) {
      const m = typeof value === 'string' ? /^(.*?)(\d{1,15})$/u.exec(value) : null;
      if (m === null || /\d$/.test(m[1] ?? '')) throw new CodecError('a customer number ending in digits (prefix + number)', describeValue(value));
      const digits = m[2] ?? '';
      return { prefix: m[1] ?? '', number: Number(digits), length: digits.startsWith('0') ? digits.length : 0 };
    },
    absent: {},
  }),
});

/**
 * Billomat's defaultable settings come in pairs: `<x>_type` (`SETTINGS`, `ABSOLUTE`, `RELATIVE`)
 * and `<x>` (seed 003: due_days, reminder_due_days, offer_validity_days, discount_rate,
 * discount_days). `SETTINGS` means "the account's default" (absent here); `ABSOLUTE` is the value.
 * `RELATIVE` (an offset from the account default) has no canonical form: it reads as absent with a
 * warning, and the mapping keeps the original with keepRaw so Billomat → Billomat stays exact.
 */
export const billomatTypedValue = defineTransform({
  name: 'billomatTypedValue',
  description: "{ type: 'ABSOLUTE', value: '14' } ⇄ 14; SETTINGS ⇄ not set; RELATIVE reads as not set with a warning (Billomat).",
  params: z.strictObject({ integer: z.boolean().default(true) }),
  direction: 'both',
  vendorParts: ['type', 'value'],
  kinds: ['days', 'signedDays', 'percent'],
  lossless: () => true,
  create: ({ integer }) => ({
    decode(value, warn) {
      const parts = value as { type?: unknown; value?: unknown };
      const type = parts.type === undefined ? 'SETTINGS' : scalarText(parts.type).toUpperCase();
      if (type === 'SETTINGS') return undefined;
      if (type === 'RELATIVE') {
        warn('a value relative to the account default (RELATIVE) has no canonical form');
        return undefined;
      }
      if (type !== 'ABSOLUTE') throw new CodecError('type one of SETTINGS|ABSOLUTE|RELATIVE', describeValue(parts.type));
      return parts.value === undefined ? undefined : parseNumberValue(parts.value, integer);
    },
    encode(value) {
      if (typeof value !== 'number' || (integer && !Number.isInteger(value))) throw new CodecError(integer ? 'a whole number' : 'a number', describeValue(value));
      return { type: 'ABSOLUTE', value };
    },
    absent: { type: 'SETTINGS' },
  }),
});

export const billomatTransforms = [billomatNumber, billomatTypedValue];
