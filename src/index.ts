/**
 * client-sync as a library: the canonical Customer model, the vendor mappings, and (as they land)
 * the connectors, the sync engine and the state stores. Importing it has no side effects.
 */
export * from './canonical/index.js';
export * from './mapping/index.js';
export * from './errors/index.js';
export { VENDOR_IDS, VENDOR_NAMES, isVendorId, type VendorId } from './vendors/ids.js';
