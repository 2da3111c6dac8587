import type { ApiVendorId } from '../../vendors/ids.js';
import { createPrng } from '../prng.js';
import type { JsonRecord } from '../reply.js';

/*
 * Dirty-but-real values, as the vendors' own answers and documentation hold them (issue 17): placeholders
 * ("geen btw", "x@y", whitespace only), "no date" sentinels, IBANs and VAT numbers nobody checked, and
 * the vendors' documentation examples. A share of seeded clients gets one or two of them, so every run
 * against a simulator meets the data a real account holds. The values are invented or are documentation
 * examples; none is a real person's.
 */

/** One dirty value: where it goes in the vendor's record and what it is. */
export interface DirtyValue {
  /** A top-level field, or `parent.field` for a nested object the record already has or gets. */
  readonly path: string;
  readonly value: string;
}

const SPACES = (n: number): string => ' '.repeat(n);

const DIRTY: Readonly<Record<ApiVendorId, readonly DirtyValue[]>> = {
  eenvoudigfactureren: [
    { path: 'tax_code', value: 'geen btw' },
    { path: 'tax_code', value: SPACES(10) },
    { path: 'tax_code', value: 'n.v.t.' },
    // EF's own documentation example (seed 001): the checksum of a documentation number fails.
    { path: 'tax_code', value: 'BE 0123.456.789' },
    { path: 'email_address', value: 'x@y' },
    { path: 'email_address', value: SPACES(80) },
    { path: 'phone_number', value: '-' },
    { path: 'sepa_collection.iban', value: 'BE1234567' },
    { path: 'sepa_collection.mandate_date', value: '0000-00-00' },
  ],
  factuursturen: [
    // A bank number where FactuurSturen documents an IBAN.
    { path: 'bankcode', value: '123456789' },
    // FactuurSturen's documentation example (seed 002).
    { path: 'taxnumber', value: 'NL001234567B01' },
    { path: 'taxnumber', value: 'nvt' },
    { path: 'email', value: 'x@y' },
    { path: 'phone', value: '0000000000' },
    { path: 'mobile', value: SPACES(4) },
  ],
  billomat: [
    { path: 'bank_iban', value: 'DE1234567' },
    { path: 'vat_number', value: 'DE1234567' },
    // Billomat's documentation example (seed 003).
    { path: 'vat_number', value: 'DE123456789' },
    { path: 'bank_iban', value: 'IBAN' },
    { path: 'bank_swift', value: 'SWIFT/BIC' },
    { path: 'email', value: 'info@-beispiel.de' },
    { path: 'sepa_mandate_date', value: '0001-01-01T00:00:00+01:00' },
    { path: 'tax_number', value: 'keine' },
  ],
};

/** The dirty values a vendor's simulator seeds (for tests that look for each). */
export function dirtyValuesOf(vendor: ApiVendorId): readonly DirtyValue[] {
  return DIRTY[vendor];
}

/**
 * Gives about `share` of the records one or two dirty values, the same ones for the same seed.
 * Returns how many records were changed.
 */
export function addDirtyValues(vendor: ApiVendorId, records: readonly JsonRecord[], share: number, seed: number | string): number {
  if (share <= 0) return 0;
  let changed = 0;
  records.forEach((record, index) => {
    const prng = createPrng(`${String(seed)}/dirty/${vendor}/${String(index)}`);
    if (!prng.chance(share)) return;
    changed += 1;
    const count = prng.chance(0.3) ? 2 : 1;
    for (let i = 0; i < count; i++) setDirty(record, prng.pick(DIRTY[vendor]));
  });
  return changed;
}

/** Puts one dirty value into a record (a nested one only where the record has the object). */
export function setDirty(record: JsonRecord, dirty: DirtyValue): void {
  const [parent, field] = dirty.path.split('.');
  if (parent === undefined) return;
  if (field === undefined) {
    record[parent] = dirty.value;
    return;
  }
  const nested = record[parent];
  // A nested value only where the record has the object (EF's SEPA block needs its account holder).
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) (nested as JsonRecord)[field] = dirty.value;
}
