import { parseBody } from '../body-parser.js';
import { asText } from '../field-checks.js';
import { emptyReply, textReply, type JsonRecord, type Reply, type SimRequest } from '../reply.js';
import type { Router } from '../router.js';
import { FS_FIELDS } from './client-fields.js';
import { applyFsClientWrite, initialFsClient } from './client-writes.js';
import { fsHasDocuments } from './factuursturen-state.js';
import type { FsContext } from './fs-context.js';
import { fsClient, fsError, fsList } from './fs-replies.js';

/**
 * The Clients API (https://www.factuursturen.nl/docs/developer/v1/clients-api.html, seed 002), the
 * search API and the country list (VENDORS.md §2.2–2.7, wire-decisions.md).
 */
export function addFsRoutes(router: Router, context: FsContext): void {
  const { state } = context;
  const error = (status: number, message: string): Reply => fsError(status, message, context.errorFormat);
  const withClient = (id: string, action: (client: JsonRecord) => Reply): Reply => {
    const client = state.clients.get(id);
    return client === undefined ? error(404, 'Client not found') : action(client);
  };
  router
    .add('GET', '/clients', (request) => {
      // No parameters: every client in one array; `count` and `start` page (api_v1 PDF).
      const start = readCount(request.query.get('start') ?? request.query.get('offset'));
      const count = readCount(request.query.get('count'));
      if (start === null || count === null) return error(400, 'Invalid value for count or start');
      const all = state.clients.ordered();
      return fsList(all.slice(start ?? 0, count === undefined ? undefined : (start ?? 0) + count), 'clients', context.json);
    })
    .add('GET', '/clients/:id', (_request, { id = '' }) => withClient(id, fsClient))
    .add('POST', '/clients', (request) => createClient(request, context))
    .add('PUT', '/clients/:id', (request, { id = '' }) =>
      withClient(id, (client) => {
        const body = readFsBody(request, context);
        if ('reply' in body) return body.reply;
        const result = applyFsClientWrite(body.value, client, context.putSemantics, context.countries);
        if (!result.ok) return error(400, result.error);
        state.clients.set(id, { ...result.value, timestamp: context.timestamp() });
        // Every SDK ignores the update answer (VENDORS.md §2.6); an empty 200 it is.
        return emptyReply(200);
      }),
    )
    .add('DELETE', '/clients/:id', (_request, { id = '' }) =>
      withClient(id, (client) => {
        // Seed 002: a client with documents cannot be deleted, "HTTP code 403". Without the rate
        // header, so it is not mistaken for the rate-limit 403 (wire-decisions.md).
        if (fsHasDocuments(client)) return { ...error(403, 'Client has documents and cannot be deleted'), noRateHeaders: true };
        state.clients.delete(id);
        return emptyReply(200);
      }),
    )
    .add('GET', '/search/clients/:field/:value', (_request, { field = '', value = '' }) => {
      // GET /search/{area}/{field}/{query}: case-insensitive, `all` searches every field (search-api.html).
      if (field !== 'all' && field !== 'clientnr' && !FS_FIELDS.some((known) => known.name === field)) return error(400, `Unknown search field: ${field}`);
      const needle = value.toLowerCase();
      const hits = state.clients.ordered().filter((client) =>
        (field === 'all' ? Object.values(client) : [client[field]]).some((candidate) => typeof candidate === 'string' && candidate.toLowerCase().includes(needle)),
      );
      return fsList(hits);
    })
    .add('GET', '/countrylist', () => fsList(context.countries.list('nl'), 'countrylist'))
    .add('GET', '/countrylist/:language', (_request, { language = 'nl' }) => fsList(context.countries.list(language), 'countrylist'));
}

function readCount(raw: string | null): number | undefined | null {
  if (raw === null || raw === '') return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

function readFsBody(request: SimRequest, context: FsContext): { value: JsonRecord } | { reply: Reply } {
  const parsed = parseBody(request.rawBody, request.headers['content-type']);
  if (parsed.kind === 'none') return { value: {} };
  if (parsed.kind !== 'ok') return { reply: fsError(400, 'Invalid request body', context.errorFormat) };
  let value = parsed.value;
  if (parsed.format === 'xml' && typeof value === 'object' && value !== null && 'client' in value) value = (value as JsonRecord).client;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { reply: fsError(400, 'Invalid request body', context.errorFormat) };
  return { value: value as JsonRecord };
}

function createClient(request: SimRequest, context: FsContext): Reply {
  const body = readFsBody(request, context);
  if ('reply' in body) return body.reply;
  // `clientnr` is client-settable (fs_api's test creates {"clientnr":2}); a taken one is refused.
  let clientnr = context.state.nextClientnr();
  if ('clientnr' in body.value && body.value.clientnr !== '' && body.value.clientnr !== null) {
    const given = asText(body.value.clientnr);
    if (!/^[1-9]\d{0,9}$/.test(given)) return fsError(400, "'clientnr' has an invalid value", context.errorFormat);
    if (context.state.clients.has(given)) return fsError(400, `Client number ${given} already exists`, context.errorFormat);
    clientnr = given;
  }
  const result = applyFsClientWrite(body.value, initialFsClient(clientnr), 'partial', context.countries);
  if (!result.ok) return fsError(400, result.error, context.errorFormat);
  context.state.clients.set(clientnr, { ...result.value, timestamp: context.timestamp() });
  // 201 and the new clientnr as plain text, not JSON (VENDORS.md §2.6).
  return textReply(201, clientnr);
}
