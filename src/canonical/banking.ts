import { electronicFormatIBAN, isValidBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { fail, ok, type Normalized } from './normalized.js';

/** IBAN in electronic format (`BE68539007547034`): no spaces, upper case, checksum verified. */
export function normalizeIban(input: string): Normalized {
  const value = electronicFormatIBAN(input);
  if (value === null || value === '') return fail('is empty');
  const result = validateIBAN(value);
  if (result.valid) return ok(value);
  const reasons = result.errorCodes.map((code) => IBAN_REASONS[code] ?? `invalid (${ValidationErrorsIBAN[code]})`);
  return fail(`is not a valid IBAN: ${reasons.join(', ')}`);
}

const IBAN_REASONS: Partial<Record<ValidationErrorsIBAN, string>> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'empty',
  [ValidationErrorsIBAN.NoIBANCountry]: 'unknown country prefix',
  [ValidationErrorsIBAN.WrongBBANLength]: 'wrong length for its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'wrong format for its country',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'check digits are not digits',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'check digits do not match',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'national check digits do not match',
};

/** BIC (SWIFT code), 8 or 11 characters, upper case. */
export function normalizeBic(input: string): Normalized {
  const value = input.replace(/\s+/g, '').toUpperCase();
  if (value === '') return fail('is empty');
  return isValidBIC(value) ? ok(value) : fail('is not a valid BIC (8 or 11 letters and digits)');
}
