import type { Credentials } from '../../vendors/types.js';
import { headerValue, readBasicAuth, sameSecret } from '../auth.js';
import { createRateWindow } from '../rate-window.js';
import type { JsonRecord, Reply, SimRequest } from '../reply.js';
import { createRouter } from '../router.js';
import type { BackendContext, SimulatorStore, VendorBackend } from '../vendor-backend.js';
import { EF_COUNTERS } from './client-fields.js';
import { counterValue, efHasDocuments, orderEfClient } from './client-record.js';
import { addEfClientRoutes } from './client-routes.js';
import { initialClient } from './client-writes.js';
import { addEfContactRoutes } from './contact-routes.js';
import { createEfState } from './eenvoudigfactureren-state.js';
import { EF_DEFAULT_CUSTOM_FIELDS, createEfContext, type EenvoudigfacturenQuirks } from './ef-context.js';
import { efError } from './ef-replies.js';
import { addDirtyValues } from '../generate/dirty-values.js';
import { generateEenvoudigfacturenClients } from './eenvoudigfactureren-generator.js';

/** EF credentials: an API key (`X-API-Key`) or e-mail and password (Basic), VENDORS.md §1.1. */
export type EenvoudigfacturenCredentials = Extract<Credentials, { kind: 'apiKey' } | { kind: 'basic' }>;

/** Default rate budget: VENDORS.md §1.4 found no numbers; wire-decisions.md settles 600 per minute. */
export const EF_DEFAULT_RATE_LIMIT = { requests: 600, windowMs: 60_000 } as const;

/** Builds the EF simulator: https://eenvoudigfactureren.be/api/v1 behind the shared pipeline. */
export function createEenvoudigfacturenBackend(context: BackendContext, credentials: EenvoudigfacturenCredentials, quirks: EenvoudigfacturenQuirks): VendorBackend {
  const state = createEfState(quirks.customFields ?? EF_DEFAULT_CUSTOM_FIELDS, context.baseUrl, context.savedState);
  if (context.savedState === undefined && context.clients > 0) {
    const records = generateEenvoudigfacturenClients({
      count: context.clients,
      seed: context.seed,
      baseUrl: context.baseUrl,
      customFields: state.customFields,
      firstClientId: Number(state.nextClientId()),
      nextContactId: state.nextContactId,
    });
    addDirtyValues('eenvoudigfactureren', records, context.dirtyShare, context.seed);
    for (const record of records) state.put(record);
  }
  const efContext = createEfContext(state, context.baseUrl, context.clock, quirks);
  const router = createRouter();
  addEfClientRoutes(router, efContext);
  addEfContactRoutes(router, efContext);
  const window = context.rateLimit === undefined ? undefined : createRateWindow(context.rateLimit, context.clock);

  return {
    vendor: 'eenvoudigfactureren',
    basePath: '/api/v1',
    authenticate: (request) => authenticate(request, credentials),
    rateLimit() {
      const decision = window?.take();
      if (decision === undefined || decision.allowed) return { headers: {} };
      // Unknown in VENDORS.md §1.4; wire-decisions.md: 429 with Retry-After, no other headers.
      const seconds = Math.max(1, Math.ceil((decision.resetAt - context.clock.now()) / 1000));
      return { headers: {}, refusal: { ...efError(429, 'Too many requests'), headers: { 'Retry-After': String(seconds) } } };
    },
    serverError: (status) => efError(status, 'Internal server error'),
    handle(request) {
      const match = router.match(request.method, request.path);
      if (match.kind === 'found') return match.handler(request, match.params);
      return match.kind === 'not-found' ? efError(404, 'domain unknown') : efError(405, 'method not allowed');
    },
    store: createEfStore(state, efContext.timestamp, context.baseUrl),
    exportState: () => state.exportState(context.baseUrl),
  };
}

function authenticate(request: SimRequest, credentials: EenvoudigfacturenCredentials): Reply | undefined {
  const ok =
    credentials.kind === 'apiKey'
      ? sameSecret(headerValue(request.headers, 'x-api-key'), credentials.apiKey)
      : (() => {
          const basic = readBasicAuth(request.headers);
          return basic !== undefined && basic.username === credentials.username && sameSecret(basic.password, credentials.password);
        })();
  if (!ok) return efError(401, 'Authentication failed');
  // X-AccountId picks one of several accounts (VENDORS.md §1.1); another account is not ours.
  const account = headerValue(request.headers, 'x-accountid');
  if (account !== undefined && credentials.accountId !== undefined && account !== credentials.accountId) return efError(403, 'access denied');
  return undefined;
}

function createEfStore(state: ReturnType<typeof createEfState>, timestamp: () => string, baseUrl: string): SimulatorStore {
  return {
    list: () => structuredClone([...state.clients.ordered()]),
    get: (id) => structuredClone(state.clients.get(id)),
    count: () => state.clients.size,
    insert(raw) {
      const id = typeof raw.client_id === 'string' && raw.client_id !== '' ? raw.client_id : state.nextClientId();
      const record: JsonRecord = { ...initialClient(state.customFields), client_id: id, uri: `${baseUrl}/clients/${id}`, last_activity: timestamp() };
      for (const counter of EF_COUNTERS) record[counter] = counterValue(0);
      state.put(orderEfClient({ ...record, ...structuredClone(raw), client_id: id }));
      return id;
    },
    remove: (id) => state.remove(id),
    markHasDocuments(id, hasDocuments = true) {
      const client = state.clients.get(id);
      if (client === undefined) throw new Error(`no client ${id}`);
      const counters: JsonRecord = {};
      for (const counter of EF_COUNTERS) counters[counter] = counterValue(0);
      if (hasDocuments) counters.invoice_count = counterValue(1);
      state.put({ ...client, ...counters });
    },
    hasDocuments: (id) => {
      const client = state.clients.get(id);
      return client !== undefined && efHasDocuments(client);
    },
  };
}
