import { z } from 'zod';
import { CodecError, defineTransform, describeValue, type Codec } from './types.js';

const NoParams = z.strictObject({});

function booleanCodec(truthy: readonly unknown[], falsy: readonly unknown[], encoded: [unknown, unknown], rule: string): Codec {
  const t = new Set(truthy.map((v) => String(v).toLowerCase()));
  const f = new Set(falsy.map((v) => String(v).toLowerCase()));
  return {
    decode(value) {
      const key = String(value).trim().toLowerCase();
      if (typeof value === 'object') throw new CodecError(rule, describeValue(value));
      if (t.has(key)) return true;
      if (f.has(key)) return false;
      throw new CodecError(rule, describeValue(value));
    },
    encode(value) {
      if (typeof value !== 'boolean') throw new CodecError('a yes/no value', describeValue(value));
      return value ? encoded[0] : encoded[1];
    },
  };
}

/** EenvoudigFactureren's `'yes'`/`'no'` (seed 000/001, e.g. `tax_code_registration_pending`). */
export const yesNo = defineTransform({
  name: 'yesNo',
  description: "'yes' / 'no' ⇄ true / false (EenvoudigFactureren).",
  params: NoParams,
  direction: 'both',
  kinds: ['boolean'],
  lossless: () => true,
  create: () => booleanCodec(['yes'], ['no'], ['yes', 'no'], "one of 'yes'|'no'"),
});

/**
 * Billomat's `"1"`/`"0"` on read and `1`/`0` on write ("Booleans are 1/0", Billomat API basics).
 */
export const zeroOne = defineTransform({
  name: 'zeroOne',
  description: '"1" / "0" (or 1 / 0) ⇄ true / false; written as 1 / 0 (Billomat).',
  params: NoParams,
  direction: 'both',
  kinds: ['boolean'],
  lossless: () => true,
  create: () => booleanCodec(['1'], ['0'], [1, 0], 'one of 1|0'),
});

/**
 * FactuurSturen answers `"true"`/`"false"` strings (VENDORS.md §2.2 fixture) and takes JSON booleans
 * on write (seed 002 example). Some SDKs write `1`/`0`, so those are read too.
 */
export const trueFalseString = defineTransform({
  name: 'trueFalseString',
  description: '"true" / "false" (also true / false, 1 / 0) ⇄ true / false; written as JSON booleans (FactuurSturen).',
  params: NoParams,
  direction: 'both',
  kinds: ['boolean'],
  lossless: () => true,
  create: () => booleanCodec(['true', '1'], ['false', '0'], [true, false], 'one of true|false'),
});
