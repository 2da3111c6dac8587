import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import { readBody, type RequestListener } from './http-server.js';
import type { Fault, FaultInjector, FaultKind } from './fault-injector.js';
import { negotiateFormat } from './negotiation.js';
import { withHeaders, type Reply, type ResponseFormat, type SimRequest } from './reply.js';
import type { RequestLog } from './request-log.js';
import type { VendorBackend } from './vendor-backend.js';
import { toXmlDocument } from './xml-codec.js';

/** What the pipeline needs besides the vendor. */
export interface PipelineParts {
  readonly backend: VendorBackend;
  readonly clock: Clock;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  /** Called after a write was handled (persistent mode saves soon after). */
  readonly onWrite: () => void;
}

/**
 * The order in which a request meets the vendor: injected network faults first (a load balancer
 * answers before the application), then authentication (a wrong key is refused before it is
 * counted, since the account is unknown), then the rate budget, then the route. A
 * commit-then-drop fault lets the route run (and store) and then tears the connection down.
 */
export function createPipeline(parts: PipelineParts): RequestListener {
  const { backend, clock, log, faults } = parts;
  return (incoming, response) => {
    handle(incoming, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  };

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = clock.now();
    const url = new URL(incoming.url ?? '/', 'http://sandbox.local');
    const method = (incoming.method ?? 'GET').toUpperCase();
    const inside = url.pathname === backend.basePath || url.pathname.startsWith(`${backend.basePath}/`);
    const path = inside ? url.pathname.slice(backend.basePath.length) || '/' : url.pathname;
    const finish = (status: number, fault?: FaultKind): void =>
      log.record(fault === undefined ? { method, path, query: url.search.slice(1), status, at } : { method, path, query: url.search.slice(1), status, at, fault });
    const rawBody = await readBody(incoming);
    if (!inside) {
      send(response, { status: 404, body: { kind: 'text', text: 'Not Found', contentType: 'text/plain; charset=utf-8' } }, 'xml', method);
      finish(404);
      return;
    }
    const request: SimRequest = { method, path, query: url.searchParams, headers: incoming.headers, rawBody, format: negotiateFormat(url.searchParams, incoming.headers) };

    const fault = faults.draw(method, path);
    if (fault?.kind === 'latency') await delay(fault.latencyMs ?? 200);
    if (fault?.kind === 'reset') {
      incoming.socket.destroy();
      finish(0, 'reset');
      return;
    }
    if (fault?.kind === 'html502') {
      send(response, badGatewayPage(), request.format, method);
      finish(502, 'html502');
      return;
    }
    if (fault?.kind === 'error5xx') {
      const status = fault.status ?? 500;
      send(response, backend.serverError(status, request.format), request.format, method);
      finish(status, 'error5xx');
      return;
    }

    const refusal = backend.authenticate(request);
    if (refusal !== undefined) {
      send(response, refusal, request.format, method);
      finish(refusal.status);
      return;
    }
    const limit = backend.rateLimit(request);
    if (limit.refusal !== undefined) {
      send(response, withHeaders(limit.refusal, limit.headers), request.format, method);
      finish(limit.refusal.status);
      return;
    }

    const reply = await backend.handle(request);
    if (method !== 'GET' && method !== 'HEAD') parts.onWrite();
    if (fault?.kind === 'commitThenDrop') {
      // The write is stored; the answer never arrives (the client sees a reset or a hang-up).
      incoming.socket.destroy();
      finish(0, 'commitThenDrop');
      return;
    }
    if (fault?.kind === 'rawBody') {
      // The write is stored; what arrives instead of the answer is the scripted body.
      const status = fault.status ?? reply.status;
      sendRaw(response, status, fault, () => incoming.socket.destroy());
      finish(status, 'rawBody');
      return;
    }
    send(response, reply.noRateHeaders === true ? reply : withHeaders(reply, limit.headers), request.format, method);
    finish(reply.status, fault?.kind);
  }
}

/** Writes a reply in the negotiated format. */
export function send(response: ServerResponse, reply: Reply, format: ResponseFormat, method: string): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  let payload: string | Buffer | undefined;
  const body = reply.body;
  if (body.kind === 'data') {
    payload = format === 'json' ? (body.jsonBytes?.() ?? JSON.stringify(body.json)) : toXmlDocument(typeof body.xml === 'function' ? body.xml() : body.xml);
    headers['Content-Type'] = format === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8';
  } else if (body.kind === 'text') {
    payload = body.text;
    headers['Content-Type'] = body.contentType;
  }
  const bytes = payload === undefined || Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  headers['Content-Length'] = bytes?.length ?? 0;
  response.writeHead(reply.status, headers);
  response.end(method === 'HEAD' ? undefined : bytes);
}

/** Sends a scripted body as the answer; with `cutAfterBytes`, only its start, then `hangUp`. */
function sendRaw(response: ServerResponse, status: number, fault: Extract<Fault, { kind: 'rawBody' }>, hangUp: () => void): void {
  const bytes = Buffer.isBuffer(fault.body) ? fault.body : Buffer.from(fault.body, 'utf8');
  response.writeHead(status, { 'Content-Type': fault.contentType, 'Content-Length': bytes.length });
  if (fault.cutAfterBytes === undefined) {
    response.end(bytes);
    return;
  }
  response.write(bytes.subarray(0, fault.cutAfterBytes), hangUp);
}

/** What a load balancer in front of the vendor answers when the application is gone (VENDORS.md §3.5). */
function badGatewayPage(): Reply {
  const text =
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
  return { status: 502, body: { kind: 'text', text, contentType: 'text/html' } };
}
