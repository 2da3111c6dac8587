import type { Clock } from '../clock.js';
import type { BillomatCredentials } from './billomat/billomat-backend.js';
import type { BillomatQuirks } from './billomat/billomat-context.js';
import type { EenvoudigfacturenCredentials } from './eenvoudigfactureren/eenvoudigfactureren-backend.js';
import type { EenvoudigfacturenQuirks } from './eenvoudigfactureren/ef-context.js';
import type { FactuursturenCredentials } from './factuursturen/factuursturen-backend.js';
import type { FactuursturenQuirks } from './factuursturen/fs-context.js';
import type { FaultOptions } from './fault-injector.js';
import type { RateLimitOptions } from './rate-window.js';

/** Options every vendor simulator takes. */
export interface CommonSimulatorOptions {
  /** Loopback address to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port; default 0 (a free one). */
  readonly port?: number;
  /** Seeded clients to generate when there is no saved state. Default 0. */
  readonly clients?: number;
  /**
   * Share (0–1) of the seeded clients that hold dirty-but-real values as real accounts do: placeholders
   * ("geen btw", "x@y", whitespace only), "no date" sentinels, unchecked IBANs and VAT numbers, the
   * vendors' documentation examples. Default 0.
   */
  readonly dirtyShare?: number;
  /** Seed of the generator and of rate-based faults. Default 1. */
  readonly seed?: number | string;
  /** Vendor time runs this many times faster than real time (900: 15 minutes per second). Default 1. */
  readonly timeScale?: number;
  /** A clock to run on instead (a manual clock in tests); overrides `timeScale`. */
  readonly clock?: Clock;
  readonly faults?: FaultOptions;
  /** Overrides the vendor's budget, or `false` for no rate limit. */
  readonly rateLimit?: Partial<RateLimitOptions> | false;
  /** Persistent mode: load the state from this file if it exists, save it there after writes and on close. */
  readonly persistFile?: string;
}

/** An EenvoudigFactureren simulator: API key (or e-mail and password) and its quirks. */
export interface EenvoudigfacturenSimulatorOptions extends CommonSimulatorOptions {
  readonly vendor: 'eenvoudigfactureren';
  readonly credentials?: EenvoudigfacturenCredentials;
  readonly quirks?: EenvoudigfacturenQuirks;
}

/** A FactuurSturen simulator: user name and API key, and its quirks. */
export interface FactuursturenSimulatorOptions extends CommonSimulatorOptions {
  readonly vendor: 'factuursturen';
  readonly credentials?: FactuursturenCredentials;
  readonly quirks?: FactuursturenQuirks;
}

/** A Billomat simulator: API key (and registered app), and its quirks. */
export interface BillomatSimulatorOptions extends CommonSimulatorOptions {
  readonly vendor: 'billomat';
  readonly credentials?: BillomatCredentials;
  readonly quirks?: BillomatQuirks;
}

/** What `startSimulator` takes: the vendor and its own credentials and quirks. */
export type SimulatorOptions = EenvoudigfacturenSimulatorOptions | FactuursturenSimulatorOptions | BillomatSimulatorOptions;

/** The credentials a simulator accepts when none are given (fixed, so a saved config keeps working). */
export const DEFAULT_SANDBOX_CREDENTIALS = {
  eenvoudigfactureren: { kind: 'apiKey', apiKey: 'sandbox-eenvoudigfactureren-key' },
  factuursturen: { kind: 'basic', username: 'sandbox', password: 'sandbox-factuursturen-key' },
  billomat: { kind: 'billomat', apiKey: 'sandbox-billomat-key' },
} as const satisfies {
  eenvoudigfactureren: EenvoudigfacturenCredentials;
  factuursturen: FactuursturenCredentials;
  billomat: BillomatCredentials;
};
