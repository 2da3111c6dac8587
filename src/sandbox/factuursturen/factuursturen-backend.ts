import type { Credentials } from '../../vendors/types.js';
import { readBasicAuth, sameSecret } from '../auth.js';
import { createRateWindow } from '../rate-window.js';
import { withHeaders, type JsonRecord } from '../reply.js';
import { createRouter } from '../router.js';
import type { BackendContext, SimulatorStore, VendorBackend } from '../vendor-backend.js';
import { addFsRoutes } from './client-routes.js';
import { initialFsClient } from './client-writes.js';
import { loadFsCountryTable } from './countries.js';
import { addDirtyValues } from '../generate/dirty-values.js';
import { generateFactuursturenClients } from './factuursturen-generator.js';
import { createFsState, fsHasDocuments, type FsState } from './factuursturen-state.js';
import { createFsContext, type FactuursturenQuirks } from './fs-context.js';
import { fsError } from './fs-replies.js';

/** FactuurSturen credentials: Basic with the account's user name and an API key (VENDORS.md §2.1). */
export type FactuursturenCredentials = Extract<Credentials, { kind: 'basic' }>;

/** Default budget: an hourly budget (VENDORS.md §2.4), 1000 per clock hour (wire-decisions.md). */
export const FS_DEFAULT_RATE_LIMIT = { requests: 1000, windowMs: 3_600_000 } as const;

/** Builds the FactuurSturen simulator: https://www.factuursturen.nl/api/v1 behind the shared pipeline. */
export async function createFactuursturenBackend(context: BackendContext, credentials: FactuursturenCredentials, quirks: FactuursturenQuirks): Promise<VendorBackend> {
  const countries = await loadFsCountryTable();
  const state = createFsState(context.savedState);
  if (context.savedState === undefined) {
    const records = generateFactuursturenClients(context.clients, context.seed, countries);
    addDirtyValues('factuursturen', records, context.dirtyShare, context.seed);
    for (const record of records) state.clients.set(String(record.clientnr), record);
  }
  const fsContext = createFsContext(state, countries, context.clock, quirks);
  const router = createRouter();
  addFsRoutes(router, fsContext);
  const window = context.rateLimit === undefined ? undefined : createRateWindow(context.rateLimit, context.clock);
  const error = (status: number, message: string) => fsError(status, message, fsContext.errorFormat);

  return {
    vendor: 'factuursturen',
    basePath: '/api/v1',
    authenticate(request) {
      const basic = readBasicAuth(request.headers);
      if (basic !== undefined && basic.username === credentials.username && sameSecret(basic.password, credentials.password)) return undefined;
      return withHeaders(error(401, 'Authentication failed'), { 'WWW-Authenticate': 'Basic realm="FactuurSturen.nl API"' });
    },
    rateLimit() {
      const decision = window?.take();
      if (decision === undefined) return { headers: {} };
      // "Remaining allowed API calls (for this hour)" on every answer (VENDORS.md §2.4).
      const headers: Record<string, string> = { 'X-RateLimit-Remaining': String(decision.remaining) };
      if (fsContext.sendReset) headers['X-RateLimit-Reset'] = String(Math.floor(decision.resetAt / 1000));
      // Exhausted: 403 with X-RateLimit-Remaining: 0, not 429 (Factuursturen.NET, VENDORS.md §2.4).
      return decision.allowed ? { headers } : { headers, refusal: error(403, 'API rate limit exceeded') };
    },
    serverError: (status) => error(status, 'Internal Server Error'),
    handle(request) {
      const match = router.match(request.method, request.path);
      if (match.kind === 'found') return match.handler(request, match.params);
      return match.kind === 'not-found' ? error(404, 'Not found') : error(405, 'Method not allowed');
    },
    store: createFsStore(state, fsContext.timestamp),
    exportState: () => state.exportState(),
  };
}

function createFsStore(state: FsState, timestamp: () => string): SimulatorStore {
  return {
    list: () => structuredClone([...state.clients.ordered()]),
    get: (id) => structuredClone(state.clients.get(id)),
    count: () => state.clients.size,
    insert(raw) {
      const id = typeof raw.clientnr === 'string' && raw.clientnr !== '' ? raw.clientnr : state.nextClientnr();
      state.clients.set(id, { ...initialFsClient(id), timestamp: timestamp(), ...structuredClone(raw), clientnr: id });
      return id;
    },
    remove: (id) => state.clients.delete(id),
    markHasDocuments(id, hasDocuments = true) {
      const client = state.clients.get(id);
      if (client === undefined) throw new Error(`no client ${id}`);
      const lastinvoice: JsonRecord = { lastinvoice: hasDocuments ? timestamp().slice(0, 10) : '' };
      state.clients.set(id, { ...client, ...lastinvoice });
    },
    hasDocuments: (id) => {
      const client = state.clients.get(id);
      return client !== undefined && fsHasDocuments(client);
    },
  };
}
