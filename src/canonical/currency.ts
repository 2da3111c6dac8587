import { z } from 'zod';

// Node's ICU data knows every active ISO 4217 code; no table to keep up to date by hand.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217, upper case (`EUR`, `USD`, `CHF`). */
export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code (three capital letters)' })
  .refine((code) => CURRENCIES.has(code), { error: 'is not an active ISO 4217 currency code' });
export type CurrencyCode = z.infer<typeof CurrencyCodeSchema>;

export function normalizeCurrency(input: string): CurrencyCode | undefined {
  const value = input.trim().toUpperCase();
  return CURRENCIES.has(value) ? value : undefined;
}
