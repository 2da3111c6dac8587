/**
 * Check-digit arithmetic for generated identifiers. The sandbox only ever produces numbers that a
 * vendor's validator accepts, so a seeded account looks like real data.
 */

/** `value` (decimal digits, any length) modulo `m`, without losing precision. */
export function modDigits(value: string, m: number): number {
  let remainder = 0;
  for (const char of value) remainder = (remainder * 10 + Number(char)) % m;
  return remainder;
}

/** The two IBAN check digits for a country and BBAN (ISO 13616: 98 − mod 97 of the rearranged number). */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase();
  let digits = '';
  for (const char of rearranged) digits += /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
  return String(98 - modDigits(digits, 97)).padStart(2, '0');
}

/**
 * Belgian modulo 97 check (structured messages, enterprise and account numbers): the remainder
 * of the number modulo 97, with 97 in place of 0.
 */
export function belgianMod97(digits: string): string {
  const remainder = modDigits(digits, 97);
  return String(remainder === 0 ? 97 : remainder).padStart(2, '0');
}

/** The Dutch "elfproef" weighted sum (weights n…1 for n digits) modulo 11. */
export function elevenTestRemainder(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (digits.length - i);
  return sum % 11;
}

/** The ISO 7064 MOD 11,10 check digit (German VAT numbers). */
export function iso7064Mod1110(digits: string): string {
  let product = 10;
  for (const char of digits) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return String(check === 10 ? 0 : check);
}
