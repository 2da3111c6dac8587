import type { Prng } from '../prng.js';
import { belgianMod97 } from './check-digits.js';

/**
 * A Belgian structured message ("gestructureerde mededeling", seed 001
 * `default_structured_message`): ten digits and their modulo 97 check, 12 digits in all, as EF
 * stores it (`342485986564`).
 */
export function generateStructuredMessage(prng: Prng): string {
  const body = prng.digits(10);
  return `${body}${belgianMod97(body)}`;
}
