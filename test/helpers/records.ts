import type { Customer } from '../../src/canonical/customer.js';
import type { Mapping } from '../../src/mapping/mapping.js';
import type { DecodeOptions } from '../../src/mapping/record-codec.js';
import type { VendorSimulator } from '../../src/sandbox/index.js';

/** Every client a simulator holds, decoded through the vendor's mapping, by native id. */
export function decodedClients(simulator: VendorSimulator, mapping: Mapping, options: DecodeOptions = {}): Map<string, Customer> {
  const out = new Map<string, Customer>();
  for (const raw of simulator.store.list()) {
    const id = mapping.nativeIdOf(raw);
    if (id !== undefined) out.set(id, mapping.decode(raw, undefined, options).customer);
  }
  return out;
}

/** A key that tells clients apart by content: two target records with one key are a duplicate. */
export function contentKey(customer: Customer): string {
  return JSON.stringify([customer.name ?? customer.contactPerson?.lastName, customer.billingAddress?.street, customer.billingAddress?.postalCode, customer.channels?.email, customer.tax?.vatNumber]);
}

/** The value at a canonical path; `contacts[].x` gives the list of item values; extensions by key. */
export function valueAt(customer: Customer, path: string): unknown {
  const bracket = path.indexOf('[]');
  const get = (node: unknown, p: string): unknown => p.split('.').reduce<unknown>((n, k) => (n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), node);
  if (path.startsWith('extensions.')) {
    const [, vendor = '', ...rest] = path.split('.');
    return (customer.extensions as Record<string, Record<string, unknown> | undefined> | undefined)?.[vendor]?.[rest.join('.')];
  }
  if (bracket < 0) return get(customer, path);
  const items = get(customer, path.slice(0, bracket));
  return Array.isArray(items) ? items.map((item) => get(item, path.slice(bracket + 3))) : undefined;
}
