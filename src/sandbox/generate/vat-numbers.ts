import type { Prng } from '../prng.js';
import { elevenTestRemainder, iso7064Mod1110, modDigits } from './check-digits.js';

/** A generated VAT registration: the compact VAT number and, in Belgium, the enterprise number. */
export interface VatRegistration {
  /** `BE0123456749`, `NL123456782B01`, `DE123456788`. */
  readonly vatNumber: string;
  /** Belgian enterprise number in its printed form `0123.456.749` (the VAT number without `BE`). */
  readonly companyId?: string;
}

/** Countries the generator can produce valid VAT numbers for. */
export const VAT_COUNTRIES = ['BE', 'NL', 'DE', 'FR', 'LU'] as const;

/** A VAT number with correct check digits, or undefined for a country the generator does not know. */
export function generateVatRegistration(prng: Prng, country: string): VatRegistration | undefined {
  switch (country) {
    case 'BE': {
      // Enterprise number: 0 + 7 digits + 97 − (first 8 mod 97).
      const body = `0${String(prng.int(2, 9))}${prng.digits(6)}`;
      const number = `${body}${String(97 - modDigits(body, 97)).padStart(2, '0')}`;
      return { vatNumber: `BE${number}`, companyId: `${number.slice(0, 4)}.${number.slice(4, 7)}.${number.slice(7)}` };
    }
    case 'NL': {
      // Omzetbelastingnummer: 9 digits whose weighted sum (9…2, and −1 for the last) is 0 mod 11,
      // so the last digit is the weighted sum of the first eight mod 11 (10 is impossible: draw again).
      for (;;) {
        const body = prng.digits(8);
        const last = elevenTestRemainder(`${body}0`);
        if (last < 10) return { vatNumber: `NL${body}${String(last)}B0${String(prng.int(1, 9))}` };
      }
    }
    case 'DE': {
      const body = `${String(prng.int(1, 9))}${prng.digits(7)}`;
      return { vatNumber: `DE${body}${iso7064Mod1110(body)}` };
    }
    case 'FR': {
      const siren = `${String(prng.int(1, 9))}${prng.digits(8)}`;
      const key = String((12 + 3 * modDigits(siren, 97)) % 97).padStart(2, '0');
      return { vatNumber: `FR${key}${siren}` };
    }
    case 'LU': {
      const body = prng.digits(6);
      return { vatNumber: `LU${body}${String(modDigits(body, 89)).padStart(2, '0')}` };
    }
    default:
      return undefined;
  }
}
