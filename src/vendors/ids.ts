/** The vendors client-sync speaks to. The same string names them in folders, config, logs and errors. */
export const VENDOR_IDS = ['eenvoudigfactureren', 'factuursturen', 'billomat'] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

export function isVendorId(value: unknown): value is VendorId {
  return typeof value === 'string' && (VENDOR_IDS as readonly string[]).includes(value);
}

/** Human names, for messages and reports. */
export const VENDOR_NAMES: Readonly<Record<VendorId, string>> = {
  eenvoudigfactureren: 'EenvoudigFactureren',
  factuursturen: 'FactuurSturen.nl',
  billomat: 'Billomat',
};
