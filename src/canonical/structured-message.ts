import { fail, ok, type Normalized } from './normalized.js';

/**
 * Belgian structured message ("gestructureerde mededeling", OGM/VCS): 12 digits, the last two being
 * the first ten modulo 97 (97 when the remainder is 0). Accepts the printed form `+++342/4859/86564+++`.
 * Source: seed 001 `default_structured_message` ("12 cijfers met vormcontrole").
 */
export function normalizeStructuredMessage(input: string): Normalized {
  const digits = input.replace(/[\s+*/.-]/g, '');
  if (digits === '') return fail('is empty');
  if (!/^\d{12}$/.test(digits)) return fail('must be 12 digits');
  const expected = structuredMessageCheck(digits.slice(0, 10));
  return Number(digits.slice(10)) === expected ? ok(digits) : fail('fails the modulo 97 check');
}

/** The two check digits for the first ten digits of a structured message. */
export function structuredMessageCheck(firstTen: string): number {
  const remainder = Number(BigInt(firstTen) % 97n);
  return remainder === 0 ? 97 : remainder;
}

/** The printed form `+++123/4567/89012+++`. */
export function formatStructuredMessage(digits: string): string {
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}
