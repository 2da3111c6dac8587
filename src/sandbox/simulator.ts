import type { Clock } from '../clock.js';
import type { ApiVendorId } from '../vendors/ids.js';
import type { Credentials } from '../vendors/types.js';
import { createBillomatBackend, BILLOMAT_DEFAULT_RATE_LIMIT } from './billomat/billomat-backend.js';
import { createEenvoudigfacturenBackend, EF_DEFAULT_RATE_LIMIT } from './eenvoudigfactureren/eenvoudigfactureren-backend.js';
import { createFactuursturenBackend, FS_DEFAULT_RATE_LIMIT } from './factuursturen/factuursturen-backend.js';
import { createFaultInjector, type FaultInjector } from './fault-injector.js';
import { startHttpServer, type RequestListener } from './http-server.js';
import { createPersister, loadSavedState } from './persistence.js';
import { createPipeline } from './pipeline.js';
import { createPrng } from './prng.js';
import type { RateLimitOptions } from './rate-window.js';
import { createRequestLog, type RequestLog } from './request-log.js';
import { createScaledClock } from './scaled-clock.js';
import { DEFAULT_SANDBOX_CREDENTIALS, type SimulatorOptions } from './simulator-options.js';
import type { BackendContext, SimulatorStore, VendorBackend } from './vendor-backend.js';

/** A running simulator of one vendor's client API. */
export interface VendorSimulator {
  readonly vendor: ApiVendorId;
  /** The base URL a connector uses (`http://127.0.0.1:PORT/api/v1`, Billomat `…/api`). */
  readonly url: string;
  readonly port: number;
  readonly credentials: Credentials;
  /** The simulator's clock; hand it to a connector so its waits follow the time scale. */
  readonly clock: Clock;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  readonly store: SimulatorStore;
  /** Saves the state now (persistent mode; a no-op otherwise). */
  save(): Promise<void>;
  /** Stops the server (and saves, in persistent mode). */
  close(): Promise<void>;
}

const BASE_PATHS: Readonly<Record<ApiVendorId, string>> = { eenvoudigfactureren: '/api/v1', factuursturen: '/api/v1', billomat: '/api' };
const DEFAULT_LIMITS: Readonly<Record<ApiVendorId, RateLimitOptions>> = {
  eenvoudigfactureren: EF_DEFAULT_RATE_LIMIT,
  factuursturen: FS_DEFAULT_RATE_LIMIT,
  billomat: BILLOMAT_DEFAULT_RATE_LIMIT,
};

/**
 * Starts a stateful simulator of one vendor on a loopback port: real HTTP, the vendor's
 * authentication, formats, paging, validation, errors, rate limits and quirks (VENDORS.md,
 * wire-decisions.md), with injectable faults and a request log.
 */
export async function startSimulator(options: SimulatorOptions): Promise<VendorSimulator> {
  const vendor = options.vendor;
  const clock = options.clock ?? createScaledClock(options.timeScale ?? 1);
  const seed = options.seed ?? 1;
  const log = createRequestLog();
  const faults = createFaultInjector(options.faults ?? {}, createPrng(`${String(seed)}/${vendor}/faults`));
  const savedState = options.persistFile === undefined ? undefined : await loadSavedState(options.persistFile, vendor);
  const rateLimit = options.rateLimit === false ? undefined : { ...DEFAULT_LIMITS[vendor], ...options.rateLimit };

  // The base URL (with the free port) is known only once listening; requests before the backend
  // is built get a 503.
  const slot: { pipeline?: RequestListener } = {};
  const server = await startHttpServer(
    (request, response) => {
      if (slot.pipeline === undefined) response.writeHead(503).end();
      else slot.pipeline(request, response);
    },
    options.host,
    options.port,
  );
  const url = `${server.origin}${BASE_PATHS[vendor]}`;
  const context: BackendContext = { baseUrl: url, clock, seed, clients: options.clients ?? 0, dirtyShare: options.dirtyShare ?? 0, rateLimit, savedState };
  let backend: VendorBackend;
  let credentials: Credentials;
  try {
    switch (options.vendor) {
      case 'eenvoudigfactureren':
        credentials = options.credentials ?? DEFAULT_SANDBOX_CREDENTIALS.eenvoudigfactureren;
        backend = createEenvoudigfacturenBackend(context, options.credentials ?? DEFAULT_SANDBOX_CREDENTIALS.eenvoudigfactureren, options.quirks ?? {});
        break;
      case 'factuursturen':
        credentials = options.credentials ?? DEFAULT_SANDBOX_CREDENTIALS.factuursturen;
        backend = await createFactuursturenBackend(context, options.credentials ?? DEFAULT_SANDBOX_CREDENTIALS.factuursturen, options.quirks ?? {});
        break;
      case 'billomat':
        credentials = options.credentials ?? DEFAULT_SANDBOX_CREDENTIALS.billomat;
        backend = createBillomatBackend(context, options.credentials ?? DEFAULT_SANDBOX_CREDENTIALS.billomat, options.quirks ?? {});
        break;
    }
  } catch (error) {
    await server.close();
    throw error;
  }

  const persister =
    options.persistFile === undefined ? undefined : createPersister(options.persistFile, vendor, () => backend.exportState(), () => new Date(clock.now()).toISOString());
  await persister?.flush();
  slot.pipeline = createPipeline({ backend, clock, log, faults, onWrite: () => persister?.touch() });

  return {
    vendor,
    url,
    port: server.port,
    credentials,
    clock,
    log,
    faults,
    store: backend.store,
    save: async () => persister?.flush(),
    async close() {
      persister?.stop();
      await server.close();
      await persister?.flush();
    },
  };
}
