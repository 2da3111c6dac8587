import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redactUrl, secretForms } from '../../../src/http/redact.js';
import { createRedactingLogger } from '../../../src/http/redacting-logger.js';
import type { Logger } from '../../../src/logging/logger.js';

describe('redaction', () => {
  it('removes api_key from a query string and user info from a URL', () => {
    expect(redactUrl('https://user:pw@x.billomat.net/api/clients?api_key=abc123&page=2')).toBe(`https://${REDACTED}@x.billomat.net/api/clients?api_key=${REDACTED}&page=2`);
  });

  it('knows a secret raw, URL-encoded and inside a Basic header', () => {
    const redactor = createRedactor(secretForms(['k3y/with+chars'], { username: 'user', password: 'k3y/with+chars' }));
    const basic = Buffer.from('user:k3y/with+chars').toString('base64');
    const text = redactor.text(`a k3y/with+chars b ${encodeURIComponent('k3y/with+chars')} c ${basic}`);
    expect(text).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  it('redacts nested log bindings and credential header names', () => {
    const redactor = createRedactor(['s3cr3t-value']);
    expect(redactor.value({ headers: { 'X-BillomatApiKey': 'anything', accept: 'application/json' }, note: ['s3cr3t-value'] })).toEqual({
      headers: { 'X-BillomatApiKey': REDACTED, accept: 'application/json' },
      note: [REDACTED],
    });
  });

  it('makes a logger scrub messages, bindings and child bindings', () => {
    const lines: unknown[] = [];
    const sink = (bindings: Record<string, unknown>): Logger => {
      const log = (first: unknown, message?: string): void => {
        lines.push([bindings, first, message]);
      };
      return { debug: log, info: log, warn: log, error: log, child: (more) => sink({ ...bindings, ...more }) };
    };
    const logger = createRedactingLogger(sink({}), createRedactor(['s3cr3t-value'])).child({ connection: 'x s3cr3t-value' });
    logger.warn({ detail: 'key s3cr3t-value' }, 'message s3cr3t-value');
    logger.info('plain s3cr3t-value');
    expect(JSON.stringify(lines)).not.toContain('s3cr3t-value');
    expect(lines).toHaveLength(2);
  });
});
