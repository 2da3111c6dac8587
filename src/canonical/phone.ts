import { parsePhoneNumberFromString, type CountryCode as PhoneCountry } from 'libphonenumber-js';
import { fail, ok, type Normalized } from './normalized.js';

/**
 * Phone number in E.164 (`+3253000000`), read in the client's own country when it has no
 * international prefix (`053 000000` in `BE`). Used to compare and validate; the canonical record
 * keeps the number as the vendor holds it, so nobody's formatting is rewritten behind their back.
 */
export function normalizePhone(input: string, defaultCountry?: string): Normalized {
  const value = input.trim();
  if (value === '') return fail('is empty');
  const parsed = parsePhoneNumberFromString(value, toPhoneCountry(defaultCountry));
  if (parsed === undefined) return fail('is not a phone number');
  return parsed.isValid() ? ok(parsed.number) : fail('is not a valid phone number for its country');
}

function toPhoneCountry(code: string | undefined): PhoneCountry | undefined {
  // libphonenumber's country type is a closed union; any alpha-2 code it does not know is ignored.
  return code === undefined ? undefined : (code as PhoneCountry);
}
