/**
 * The invoicing platforms client-sync speaks to over their APIs (each has a sandbox simulator). The
 * same string names them in folders, config, logs and errors.
 */
export const API_VENDOR_IDS = ['eenvoudigfactureren', 'factuursturen', 'billomat'] as const;
export type ApiVendorId = (typeof API_VENDOR_IDS)[number];

/**
 * Every kind of connection: the API vendors, and `spreadsheet` (a CSV or Excel file of clients).
 * Mappings, connectors, the engine and reports speak of all of them alike.
 */
export const VENDOR_IDS = [...API_VENDOR_IDS, 'spreadsheet'] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

export function isVendorId(value: unknown): value is VendorId {
  return typeof value === 'string' && (VENDOR_IDS as readonly string[]).includes(value);
}

export function isApiVendorId(value: unknown): value is ApiVendorId {
  return typeof value === 'string' && (API_VENDOR_IDS as readonly string[]).includes(value);
}

/** Human names, for messages and reports. */
export const VENDOR_NAMES: Readonly<Record<VendorId, string>> = {
  eenvoudigfactureren: 'EenvoudigFactureren',
  factuursturen: 'FactuurSturen.nl',
  billomat: 'Billomat',
  spreadsheet: 'Spreadsheet',
};
