import { checkVAT, countries } from 'jsvat';
import { fail, ok, type Normalized } from './normalized.js';

/**
 * VAT number in compact form with its country prefix (`BE 0123.456.749` → `BE0123456749`),
 * checksum verified for the EU, Switzerland, Norway, the UK and the other countries jsvat knows.
 * Greece's VAT prefix is `EL`, not its ISO code `GR`.
 */
export function normalizeVatNumber(input: string): Normalized {
  const compact = input.replace(/[\s.\-/]/g, '').toUpperCase();
  if (compact === '') return fail('is empty');
  const result = checkVAT(compact, countries);
  if (result.isValid) return ok(compact);
  if (!result.isSupportedCountry) return fail('has no known VAT country prefix');
  if (!result.isValidFormat) return fail(`does not have the format of a ${result.country?.name ?? ''} VAT number`.replace('  ', ' '));
  return fail('fails the VAT number checksum');
}

/** The compact form used to compare VAT numbers across vendors, without validating them. */
export function vatMatchKey(input: string): string {
  return input.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}
