import path from 'node:path';
import type { Clock } from '../clock.js';
import { API_VENDOR_IDS, isApiVendorId, type ApiVendorId } from '../vendors/ids.js';
import type { Credentials } from '../vendors/types.js';
import type { BillomatCredentials } from './billomat/billomat-backend.js';
import type { BillomatQuirks } from './billomat/billomat-context.js';
import type { EenvoudigfacturenCredentials } from './eenvoudigfactureren/eenvoudigfactureren-backend.js';
import type { EenvoudigfacturenQuirks } from './eenvoudigfactureren/ef-context.js';
import type { FactuursturenCredentials } from './factuursturen/factuursturen-backend.js';
import type { FactuursturenQuirks } from './factuursturen/fs-context.js';
import type { FaultOptions } from './fault-injector.js';
import type { RateLimitOptions } from './rate-window.js';
import { toSandboxConfig } from './sandbox-config.js';
import { createScaledClock } from './scaled-clock.js';
import type { CommonSimulatorOptions } from './simulator-options.js';
import { startSimulator, type VendorSimulator } from './simulator.js';

type PerVendor<T> = Partial<Record<ApiVendorId, T>>;

/** Options of `startSandbox`; every one has a default. */
export interface SandboxOptions {
  /** Seeded clients per vendor (one number for all three). Default 25 each. */
  readonly clients?: number | PerVendor<number>;
  /** Generator and fault seed. Default 1. */
  readonly seed?: number | string;
  /** Share of seeded clients with dirty-but-real values (placeholders, unchecked IBANs …). Default 0. */
  readonly dirtyShare?: number;
  /** Faults for all three, or per vendor. */
  readonly faults?: FaultOptions | PerVendor<FaultOptions>;
  /** Vendor time runs this many times faster than real time. Default 1. */
  readonly timeScale?: number;
  /** One clock for all three simulators (overrides `timeScale`). */
  readonly clock?: Clock;
  readonly host?: string;
  /** Fixed ports per vendor (default: free ones). */
  readonly ports?: PerVendor<number>;
  /** Persistent mode: each vendor's state in `<persistDir>/<vendor>.json`, reloaded on the next start. */
  readonly persistDir?: string;
  readonly rateLimit?: PerVendor<Partial<RateLimitOptions> | false>;
  readonly quirks?: { eenvoudigfactureren?: EenvoudigfacturenQuirks; factuursturen?: FactuursturenQuirks; billomat?: BillomatQuirks };
  readonly credentials?: { eenvoudigfactureren?: EenvoudigfacturenCredentials; factuursturen?: FactuursturenCredentials; billomat?: BillomatCredentials };
}

/** Three running simulators and how to connect to them. */
export interface Sandbox {
  readonly simulators: Readonly<Record<ApiVendorId, VendorSimulator>>;
  readonly urls: Readonly<Record<ApiVendorId, string>>;
  readonly credentials: Readonly<Record<ApiVendorId, Credentials>>;
  /** Connection YAML with `${ENV_VAR}` credentials (connections named after the vendors). */
  readonly config: string;
  /** The environment values the YAML refers to. */
  readonly env: Readonly<Record<string, string>>;
  /** The clock all three run on. */
  readonly clock: Clock;
  /** Stops all three (saving their state in persistent mode). */
  close(): Promise<void>;
}

/**
 * Starts simulators of all three vendors on one clock, for rehearsing a migration or running an
 * end-to-end test: their URLs, credentials and a ready-to-use configuration.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? createScaledClock(options.timeScale ?? 1);
  const started: VendorSimulator[] = [];
  try {
    for (const vendor of API_VENDOR_IDS) {
      const common: CommonSimulatorOptions = {
        clients: typeof options.clients === 'number' ? options.clients : (options.clients?.[vendor] ?? 25),
        seed: options.seed ?? 1,
        dirtyShare: options.dirtyShare ?? 0,
        clock,
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.ports?.[vendor] === undefined ? {} : { port: options.ports[vendor] }),
        ...(options.persistDir === undefined ? {} : { persistFile: path.join(options.persistDir, `${vendor}.json`) }),
        ...(options.rateLimit?.[vendor] === undefined ? {} : { rateLimit: options.rateLimit[vendor] }),
        ...faultsFor(options.faults, vendor),
      };
      started.push(await startOne(vendor, common, options));
    }
  } catch (error) {
    await Promise.all(started.map((simulator) => simulator.close()));
    throw error;
  }
  const simulators = Object.fromEntries(started.map((simulator) => [simulator.vendor, simulator])) as Record<ApiVendorId, VendorSimulator>;
  const config = toSandboxConfig(started.map(({ vendor, url, credentials }) => ({ vendor, url, credentials })));
  return {
    simulators,
    urls: Object.fromEntries(started.map((simulator) => [simulator.vendor, simulator.url])) as Record<ApiVendorId, string>,
    credentials: Object.fromEntries(started.map((simulator) => [simulator.vendor, simulator.credentials])) as Record<ApiVendorId, Credentials>,
    config: config.yaml,
    env: config.env,
    clock,
    close: async () => {
      await Promise.all(started.map((simulator) => simulator.close()));
    },
  };
}

function faultsFor(faults: SandboxOptions['faults'], vendor: ApiVendorId): { faults?: FaultOptions } {
  if (faults === undefined) return {};
  const perVendor = Object.keys(faults).some(isApiVendorId);
  const chosen = perVendor ? (faults as PerVendor<FaultOptions>)[vendor] : (faults as FaultOptions);
  return chosen === undefined ? {} : { faults: chosen };
}

function startOne(vendor: ApiVendorId, common: CommonSimulatorOptions, options: SandboxOptions): Promise<VendorSimulator> {
  switch (vendor) {
    case 'eenvoudigfactureren':
      return startSimulator({ ...common, vendor, ...withDefined('credentials', options.credentials?.eenvoudigfactureren), ...withDefined('quirks', options.quirks?.eenvoudigfactureren) });
    case 'factuursturen':
      return startSimulator({ ...common, vendor, ...withDefined('credentials', options.credentials?.factuursturen), ...withDefined('quirks', options.quirks?.factuursturen) });
    case 'billomat':
      return startSimulator({ ...common, vendor, ...withDefined('credentials', options.credentials?.billomat), ...withDefined('quirks', options.quirks?.billomat) });
  }
}

/** `{ key: value }` when the value is defined, else `{}` (exactOptionalPropertyTypes). */
function withDefined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
