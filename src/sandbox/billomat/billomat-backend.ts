import type { Credentials } from '../../vendors/types.js';
import { headerValue, sameSecret } from '../auth.js';
import { createRateWindow } from '../rate-window.js';
import type { JsonRecord, Reply, SimRequest } from '../reply.js';
import { createRouter } from '../router.js';
import type { BackendContext, SimulatorStore, VendorBackend } from '../vendor-backend.js';
import { BILLOMAT_DEFAULT_PROPERTIES, createBillomatContext, withDerivedFields, type BillomatQuirks } from './billomat-context.js';
import { addDirtyValues } from '../generate/dirty-values.js';
import { generateBillomatAccount } from './billomat-generator.js';
import { billomatErrors } from './billomat-replies.js';
import { createBillomatState, type BillomatState } from './billomat-state.js';
import { addBillomatClientRoutes, BILLOMAT_PORTAL_HOST, initialBillomatClient } from './client-routes.js';
import { addBillomatContactRoutes } from './contact-routes.js';
import { addBillomatPropertyRoutes } from './property-routes.js';

/** Billomat credentials: the API key, and a registered app's id and secret (VENDORS.md §3.1). */
export type BillomatCredentials = Extract<Credentials, { kind: 'billomat' }>;

/** 300 requests per fixed 15-minute window without a registered app (VENDORS.md §3.4). */
export const BILLOMAT_DEFAULT_RATE_LIMIT = { requests: 300, windowMs: 900_000 } as const;

/** Builds the Billomat simulator: https://{id}.billomat.net/api behind the shared pipeline. */
export function createBillomatBackend(context: BackendContext, credentials: BillomatCredentials, quirks: BillomatQuirks): VendorBackend {
  const state = createBillomatState(quirks.clientProperties ?? BILLOMAT_DEFAULT_PROPERTIES, context.savedState);
  if (context.savedState === undefined && context.clients > 0) {
    let contactId = Number(state.nextContactId());
    const account = generateBillomatAccount({
      count: context.clients,
      seed: context.seed,
      firstClientId: Number(state.nextClientId()),
      properties: state.properties,
      nextContactId: () => String(contactId++),
      nextPropertyValueId: state.nextPropertyValueId,
    });
    addDirtyValues('billomat', account.clients, context.dirtyShare, context.seed);
    for (const client of account.clients) state.putClient(client);
    for (const contact of account.contacts) state.putContact(contact);
    for (const id of account.documents) state.documents.add(id);
  }
  const bmContext = createBillomatContext(state, context.baseUrl, context.clock, quirks);
  const router = createRouter();
  addBillomatClientRoutes(router, bmContext);
  addBillomatContactRoutes(router, bmContext);
  addBillomatPropertyRoutes(router, bmContext);
  const window = context.rateLimit === undefined ? undefined : createRateWindow(context.rateLimit, context.clock);

  return {
    vendor: 'billomat',
    basePath: '/api',
    authenticate: (request) => authenticate(request, credentials),
    rateLimit() {
      const decision = window?.take();
      if (decision === undefined || window === undefined) return { headers: {} };
      // On every answer: remaining requests and the epoch second the next window starts (VENDORS.md §3.4).
      const headers = { 'X-Rate-Limit-Remaining': String(decision.remaining), 'X-Rate-Limit-Reset': String(Math.floor(decision.resetAt / 1000)) };
      if (decision.allowed) return { headers };
      const { requests, windowMs } = window.limit;
      const wait = Math.max(1, Math.ceil((decision.resetAt - context.clock.now()) / 1000));
      const message = `Maximum number of requests (${String(requests)} per ${String(Math.round(windowMs / 60_000))} minutes) reached. Try again in ${String(wait)} seconds.`;
      return { headers, refusal: billomatErrors(429, message) };
    },
    // Billomat's own errors are short messages (VENDORS.md §3.5); a 5xx keeps its error envelope.
    serverError: (status) => billomatErrors(status, 'Internal Server Error'),
    handle(request) {
      const match = router.match(request.method, request.path);
      if (match.kind === 'found') return match.handler(request, match.params);
      return billomatErrors(match.kind === 'not-found' ? 404 : 405, match.kind === 'not-found' ? 'Not found' : 'Method not allowed');
    },
    store: createBillomatStore(state, bmContext.timestamp),
    exportState: () => state.exportState(),
  };
}

function authenticate(request: SimRequest, credentials: BillomatCredentials): Reply | undefined {
  // X-BillomatApiKey or ?api_key= (VENDORS.md §3.1).
  const key = headerValue(request.headers, 'x-billomatapikey') ?? request.query.get('api_key') ?? undefined;
  if (!sameSecret(key, credentials.apiKey)) return billomatErrors(401, 'Unauthorized');
  // A registered app sends X-AppId and X-AppSecret; wrong ones are refused like a wrong key.
  const appId = headerValue(request.headers, 'x-appid');
  if (appId !== undefined && credentials.appId !== undefined) {
    if (appId !== credentials.appId || !sameSecret(headerValue(request.headers, 'x-appsecret'), credentials.appSecret ?? '')) return billomatErrors(401, 'Unauthorized');
  }
  return undefined;
}

function createBillomatStore(state: BillomatState, timestamp: () => string): SimulatorStore {
  return {
    list: () => structuredClone([...state.clients.ordered()]),
    get: (id) => structuredClone(state.clients.get(id)),
    count: () => state.clients.size,
    insert(raw) {
      const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : state.nextClientId();
      const now = timestamp();
      const record: JsonRecord = { ...initialBillomatClient(), created: now, updated: now, ...structuredClone(raw), id };
      if (record.number === '') record.number = String(state.nextNumber());
      state.putClient(withDerivedFields(record, BILLOMAT_PORTAL_HOST));
      return id;
    },
    remove: (id) => state.removeClient(id),
    markHasDocuments(id, hasDocuments = true) {
      if (!state.clients.has(id)) throw new Error(`no client ${id}`);
      if (hasDocuments) state.documents.add(id);
      else state.documents.delete(id);
    },
    hasDocuments: (id) => state.documents.has(id),
  };
}
