/**
 * The sandbox: stateful local simulators of the three vendors' client APIs, shipped with the
 * product so migrations can be rehearsed and end-to-end tests run without a live account.
 */
export { startSandbox, type Sandbox, type SandboxOptions } from './start-sandbox.js';
export { startSimulator, type VendorSimulator } from './simulator.js';
export {
  DEFAULT_SANDBOX_CREDENTIALS,
  type BillomatSimulatorOptions,
  type CommonSimulatorOptions,
  type EenvoudigfacturenSimulatorOptions,
  type FactuursturenSimulatorOptions,
  type SimulatorOptions,
} from './simulator-options.js';
export { createScaledClock, type ScaledClock } from './scaled-clock.js';
export { FAULT_KINDS, type Fault, type FaultInjector, type FaultKind, type FaultOptions, type FaultTarget, type RateFaultKind, type ScriptedFault } from './fault-injector.js';
export type { RequestLog, RequestLogEntry, RequestLogFilter } from './request-log.js';
export type { RateLimitOptions } from './rate-window.js';
export type { SimulatorStore } from './vendor-backend.js';
export type { JsonRecord } from './reply.js';
export { toSandboxConfig, type SandboxConfig } from './sandbox-config.js';
export { createPrng, hashSeed, type Prng } from './prng.js';
export type { EenvoudigfacturenQuirks } from './eenvoudigfactureren/ef-context.js';
export type { EfCustomField } from './eenvoudigfactureren/client-writes.js';
export type { FactuursturenQuirks } from './factuursturen/fs-context.js';
export type { BillomatQuirks } from './billomat/billomat-context.js';
export type { BillomatProperty } from './billomat/billomat-state.js';
export type { EenvoudigfacturenCredentials } from './eenvoudigfactureren/eenvoudigfactureren-backend.js';
export type { FactuursturenCredentials } from './factuursturen/factuursturen-backend.js';
export type { BillomatCredentials } from './billomat/billomat-backend.js';
export { generateEenvoudigfacturenClients } from './eenvoudigfactureren/eenvoudigfactureren-generator.js';
export { generateFactuursturenClients } from './factuursturen/factuursturen-generator.js';
export { generateBillomatAccount } from './billomat/billomat-generator.js';
export { generateClientProfile, type ClientProfile, type HomeCountry } from './generate/client-profile.js';
export { generateSpreadsheetRows, GENERATED_SPREADSHEET_COLUMNS, type SpreadsheetRow } from './spreadsheet-generator.js';
