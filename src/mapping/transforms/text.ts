import { z } from 'zod';
import { normalizeStructuredMessage } from '../../canonical/structured-message.js';
import { CodecError, defineTransform, describeValue } from './types.js';

const NoParams = z.strictObject({});

/**
 * Any scalar a vendor sends as text (XML gives strings, JSON sometimes numbers) → trimmed string.
 * A number is text only when its digits are exact: past 2^53 JSON has already rounded it (a VAT or
 * account number sent as a number would arrive with other digits), so it is refused, not guessed.
 * A boolean is never text (a name `true` is a wrong type, not a name).
 */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value) && (Number.isSafeInteger(value) || !Number.isInteger(value))) return String(value);
  if (typeof value === 'number') throw new CodecError('a text (a number this large cannot be read exactly)', describeValue(value));
  throw new CodecError('a text', describeValue(value));
}

function requireString(value: unknown): string {
  if (typeof value !== 'string') throw new CodecError('a text', describeValue(value));
  return value;
}

/** Plain text, trimmed on read (the default for text fields). */
export const text = defineTransform({
  name: 'text',
  description: 'Text as is, trimmed on read (the default for text fields).',
  params: NoParams,
  direction: 'both',
  kinds: ['text', 'multiline'],
  lossless: () => true,
  create: () => ({ decode: (value) => scalarText(value) || undefined, encode: requireString }),
});

/**
 * Billomat's `www` is a "URL (w/o http)" (seed 003 create table): the scheme is dropped on write,
 * so `https://` does not come back.
 */
export const urlNoScheme = defineTransform({
  name: 'urlNoScheme',
  description: "'www.example.com' ⇄ 'www.example.com'; a scheme (http://, https://) is dropped on write (Billomat `www`).",
  params: NoParams,
  direction: 'both',
  kinds: ['text'],
  lossless: () => false,
  create: () => ({
    decode: (value) => scalarText(value) || undefined,
    encode: (value) => requireString(value).replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''),
  }),
});

/**
 * A vendor with one name field and no person fields (EenvoudigFactureren `name`, required on create):
 * a private client known elsewhere only by first and last name gets that full name. Read back, it is
 * the name; the person's first and last name do not come back apart (lossy).
 */
export const nameOrPerson = defineTransform({
  name: 'nameOrPerson',
  description: "{ name, first, last } ⇄ 'name', or 'first last' when there is no name (vendors with a single name field).",
  params: NoParams,
  direction: 'both',
  canonicalParts: ['name', 'first', 'last'],
  fallbackParts: ['first', 'last'],
  kinds: ['text'],
  lossless: () => false,
  create: () => ({
    decode: (value) => {
      const name = scalarText(value);
      return name === '' ? undefined : { name };
    },
    encode(value) {
      const parts = value as { name?: unknown; first?: unknown; last?: unknown };
      if (typeof parts.name === 'string') return parts.name;
      const person = [parts.first, parts.last].filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
      if (person === '') throw new CodecError('a name, or a first or last name', 'nothing');
      return person;
    },
  }),
});

/** IBAN and BIC are identifiers: canonical form is upper case without spaces. */
export const compactCode = defineTransform({
  name: 'compactCode',
  description: "'be68 5390 0754 7034' ⇄ 'BE68539007547034' (IBAN, BIC: upper case, no spaces).",
  params: NoParams,
  direction: 'both',
  kinds: ['text'],
  lossless: () => true,
  create: () => ({
    decode: (value) => scalarText(value).replace(/\s+/g, '').toUpperCase() || undefined,
    encode: requireString,
  }),
});

/** VAT numbers written without separators (`BE 0123.456.749` → `BE0123456749`), for vendors that validate them. */
export const vatCompact = defineTransform({
  name: 'vatCompact',
  description: "'BE 0123.456.749' is read as is and written as 'BE0123456749' (for vendors that validate VAT numbers).",
  params: NoParams,
  direction: 'both',
  kinds: ['text'],
  lossless: () => false,
  create: () => ({
    decode: (value) => scalarText(value) || undefined,
    encode: (value) => requireString(value).replace(/[\s.\-/]/g, '').toUpperCase(),
  }),
});

/** Belgian structured message; the printed form `+++342/4859/86564+++` is read too. */
export const structuredMessage = defineTransform({
  name: 'structuredMessage',
  description: "'+++342/4859/86564+++' or '342485986564' ⇄ '342485986564', checked modulo 97.",
  params: NoParams,
  direction: 'both',
  kinds: ['structuredMessage'],
  lossless: () => true,
  create: () => ({
    decode(value) {
      const result = normalizeStructuredMessage(scalarText(value));
      if (!result.ok) throw new CodecError(`a Belgian structured message that ${result.reason.replace(/^(must|fails)/, '$1')}`, describeValue(value));
      return result.value;
    },
    encode(value) {
      const result = normalizeStructuredMessage(requireString(value));
      if (!result.ok) throw new CodecError('a valid Belgian structured message (12 digits, modulo 97)', describeValue(value));
      return result.value;
    },
  }),
});

/**
 * A vendor's own value kept as JSON text (`0`, `"gold"`, `true`), so that its type comes back as
 * it was: another vendor's vendor-only field in a spreadsheet column.
 */
export const json = defineTransform({
  name: 'json',
  description: "'0' / '\"gold\"' / 'true' ⇄ 0 / 'gold' / true (JSON text; another vendor's vendor-only field in a spreadsheet).",
  params: NoParams,
  direction: 'both',
  kinds: ['extension'],
  lossless: () => true,
  create: () => ({
    decode(value) {
      const text = scalarText(value);
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new CodecError('a JSON value', describeValue(value));
      }
    },
    encode: (value) => JSON.stringify(value),
  }),
});
