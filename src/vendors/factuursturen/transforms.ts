import { z } from 'zod';
import { scalarText } from '../../mapping/transforms/text.js';
import { CodecError, defineTransform, describeValue } from '../../mapping/transforms/types.js';

/**
 * FactuurSturen keeps one `contact` string (seed 002: "Contact name", 50 characters) where the other
 * vendors keep first and last name. "Jan van Dijk" reads as first name "Jan", last name "van Dijk";
 * a single word reads as a last name. Written back as "first last", so a first name with a space in
 * it does not come back the same (lossy; the mapping keeps the original with keepRaw).
 */
export const personName = defineTransform({
  name: 'personName',
  description: "'Jan van Dijk' ⇄ { first: 'Jan', last: 'van Dijk' }; a single word is a last name (FactuurSturen `contact`).",
  params: z.strictObject({}),
  direction: 'both',
  canonicalParts: ['first', 'last'],
  kinds: ['text'],
  lossless: () => false,
  create: () => ({
    decode(value) {
      const name = scalarText(value).replace(/\s+/g, ' ');
      if (name === '') return undefined;
      const space = name.indexOf(' ');
      return space < 0 ? { last: name } : { first: name.slice(0, space), last: name.slice(space + 1) };
    },
    encode(value) {
      const parts = value as { first?: unknown; last?: unknown };
      const words = [parts.first, parts.last].filter((part): part is string => typeof part === 'string' && part !== '');
      return words.join(' ');
    },
  }),
});

/**
 * FactuurSturen `reference`: three printed lines `{ line1, line2, line3 }` (seed 002) ⇄ a list of up
 * to three lines without trailing blank lines.
 */
export const referenceLines = defineTransform({
  name: 'referenceLines',
  description: "{ line1: 'a', line2: '', line3: '' } ⇄ ['a'] (FactuurSturen `reference`).",
  params: z.strictObject({}),
  direction: 'both',
  kinds: ['textList'],
  lossless: () => true,
  create: () => ({
    decode(value) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CodecError('an object with line1, line2, line3', describeValue(value));
      const record = value as Record<string, unknown>;
      const lines = ['line1', 'line2', 'line3'].map((key) => (record[key] === undefined || record[key] === null ? '' : scalarText(record[key])));
      while (lines.length > 0 && lines.at(-1) === '') lines.pop();
      return lines.length === 0 ? undefined : lines;
    },
    encode(value) {
      if (!Array.isArray(value) || value.length > 3) throw new CodecError('at most three lines', describeValue(value));
      const lines = value.map((line) => (typeof line === 'string' ? line : ''));
      return { line1: lines[0] ?? '', line2: lines[1] ?? '', line3: lines[2] ?? '' };
    },
    absent: { line1: '', line2: '', line3: '' },
  }),
});

export const factuursturenTransforms = [personName, referenceLines];
