import { describe, expect, it } from 'vitest';
import { createEenvoudigFacturerenProtocol } from '../../../src/vendors/eenvoudigfactureren/errors.js';
import { classifyAnswer, classifyNetworkFailure, toVendorError } from '../../../src/http/to-vendor-error.js';
import { createRedactor } from '../../../src/http/redact.js';
import type { VendorAnswer, VendorRequest } from '../../../src/http/vendor-protocol.js';
import { networkError } from '../../contract/support.js';

const protocol = createEenvoudigFacturerenProtocol(new Set());
const get: VendorRequest = { kind: 'get', method: 'GET', path: '/clients/1', retry: 'idempotent', byId: true };
const create: VendorRequest = { kind: 'create', method: 'POST', path: '/clients', retry: 'create' };
const remove: VendorRequest = { kind: 'delete', method: 'DELETE', path: '/clients/1', retry: 'idempotent', deletesClient: true };
const answer = (status: number, data: unknown = {}): VendorAnswer => ({ status, headers: {}, body: { format: 'json', data, text: JSON.stringify(data) } });
const code = (outcome: ReturnType<typeof classifyAnswer>): string => (outcome.ok ? 'ok' : outcome.code);

describe('classifyAnswer', () => {
  it.each([
    [200, 'ok'],
    [201, 'ok'],
    [302, 'VENDOR_RESPONSE_INVALID'],
    [400, 'VENDOR_REJECTED'],
    [401, 'VENDOR_AUTH'],
    [403, 'VENDOR_AUTH'],
    [404, 'VENDOR_NOT_FOUND'],
    [408, 'VENDOR_UNAVAILABLE'],
    [409, 'VENDOR_REJECTED'],
    [422, 'VENDOR_REJECTED'],
    [429, 'VENDOR_RATE_LIMITED'],
    [500, 'VENDOR_UNAVAILABLE'],
    [502, 'VENDOR_UNAVAILABLE'],
  ])('classifies HTTP %i on a read as %s', (status, expected) => {
    expect(code(classifyAnswer(answer(status), get, protocol, { succeededBefore: false }))).toBe(expected);
  });

  it('turns an ambiguous failure of a create into VENDOR_OUTCOME_UNKNOWN', () => {
    expect(code(classifyAnswer(answer(502), create, protocol, { succeededBefore: false }))).toBe('VENDOR_OUTCOME_UNKNOWN');
    expect(code(classifyAnswer(answer(400, { error: 'name required' }), create, protocol, { succeededBefore: false }))).toBe('VENDOR_REJECTED');
    expect(code(classifyAnswer(answer(429), create, protocol, { succeededBefore: false }))).toBe('VENDOR_RATE_LIMITED');
  });

  it('turns a refused client delete into VENDOR_DELETE_REFUSED', () => {
    expect(code(classifyAnswer(answer(409, { error: 'client has documents' }), remove, protocol, { succeededBefore: true }))).toBe('VENDOR_DELETE_REFUSED');
  });

  it('lets the vendor hook see an error inside an HTTP 200', () => {
    expect(code(classifyAnswer(answer(200, { code: 500, error: 'database gone' }), get, protocol, { succeededBefore: false }))).toBe('VENDOR_UNAVAILABLE');
  });
});

describe('classifyNetworkFailure', () => {
  it('tells a request that never left from one that may have arrived', () => {
    expect(classifyNetworkFailure(networkError('ECONNREFUSED'), create)).toMatchObject({ code: 'VENDOR_UNAVAILABLE', ambiguous: false });
    expect(classifyNetworkFailure(networkError('ECONNRESET'), create)).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN', ambiguous: true });
    expect(classifyNetworkFailure(networkError('ECONNABORTED'), get)).toMatchObject({ code: 'VENDOR_UNAVAILABLE', detail: 'timed out' });
    expect(classifyNetworkFailure(new Error('odd'), get)).toMatchObject({ network: 'ENETWORK' });
  });
});

describe('toVendorError', () => {
  it('builds a redacted error with the vendor message, status and connection', () => {
    const redactor = createRedactor(['k3y-123456']);
    const error = toVendorError(
      { ok: false, code: 'VENDOR_REJECTED', status: 400, detail: 'bad key k3y-123456', vendorMessage: 'bad key k3y-123456' },
      { method: 'POST', path: '/clients' },
      { vendor: 'eenvoudigfactureren', connection: 'ef', baseUrl: 'https://h.example/api?api_key=k3y-123456', redactor },
    );
    expect(error.message).toBe('eenvoudigfactureren (ef): POST /clients rejected (HTTP 400): bad key [REDACTED]');
    expect(error.toJSON()).toMatchObject({ code: 'VENDOR_REJECTED', kind: 'permanent', status: 400, vendorMessage: 'bad key [REDACTED]', context: { vendor: 'eenvoudigfactureren', connection: 'ef', method: 'POST', status: 400 } });
    expect(JSON.stringify(error)).not.toContain('k3y-123456');
    expect(error.url).not.toContain('k3y-123456');
  });
});

describe('an answer larger than client-sync reads', () => {
  it("is not retried on a read (VENDOR_RESPONSE_INVALID), and leaves a create's outcome unknown", async () => {
    const { createServer } = await import('node:http');
    const axios = (await import('axios')).default;
    const server = createServer((_, res) => res.end('x'.repeat(1000)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    // The real axios error for an answer over the limit (a small limit here; the connectors use MAX_ANSWER_BYTES).
    const error: unknown = await axios.get(`http://127.0.0.1:${String(port)}/`, { maxContentLength: 100, responseType: 'text' }).catch((caught: unknown) => caught);
    await new Promise((resolve) => server.close(resolve));
    expect(classifyNetworkFailure(error, get)).toMatchObject({ code: 'VENDOR_RESPONSE_INVALID', ambiguous: false, detail: 'the answer was larger than 256 MB' });
    expect(classifyNetworkFailure(error, create)).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN', ambiguous: true });
  });
});
