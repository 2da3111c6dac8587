import { describe, expect, it } from 'vitest';
import { isInStep } from '../../../src/cli/commands/verify.js';
import { EXIT, exitCodeForCode, worstExitCode } from '../../../src/cli/exit-codes.js';
import { redactorFor } from '../../../src/cli/redactor-for.js';
import { parseConfig } from '../../../src/config/index.js';
import { createPinoLogger } from '../../../src/logging/pino-logger.js';
import type { VerifyResult } from '../../../src/sync/types.js';

const { config } = parseConfig(
  `connections:\n  fs: { vendor: factuursturen, username: bakker, api_key: \${FS_KEY} }\n  bm: { vendor: billomat, base_url: https://a.billomat.net/api, api_key: \${BM_KEY}, app_id: app, app_secret: \${BM_SECRET} }\n`,
  { env: { FS_KEY: 'fs-secret-123', BM_KEY: 'bm-secret-456', BM_SECRET: 'bm-app-secret-789' }, directory: '/tmp' },
);

function logLines(level: 'debug' | 'info' = 'info') {
  const lines: string[] = [];
  const logger = createPinoLogger({ level, pretty: false, write: (line) => lines.push(line), redactor: redactorFor(config) });
  return { logger, lines };
}

describe('the CLI logger', () => {
  it('writes JSON lines without a terminal', () => {
    const { logger, lines } = logLines();
    logger.info({ pair: 'nightly' }, 'run finished');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 30, pair: 'nightly', msg: 'run finished' });
  });

  it('scrubs a configured secret from messages and bindings, even base64 in a Basic header', () => {
    const { logger, lines } = logLines();
    const basic = Buffer.from('bakker:fs-secret-123').toString('base64');
    logger.warn({ answer: 'echoed bm-secret-456 back', header: `Basic ${basic}` }, 'vendor said bm-app-secret-789');
    const text = lines.join('\n');
    for (const secret of ['fs-secret-123', 'bm-secret-456', 'bm-app-secret-789', basic]) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
  });

  it('censors credential keys whatever their value', () => {
    const { logger, lines } = logLines();
    logger.info({ request: { apiKey: 'something-else', headers: { 'x-billomatapikey': 'another' } } }, 'request');
    expect(lines[0]).not.toMatch(/something-else|another/);
  });

  it('logs nothing below its level', () => {
    const { logger, lines } = logLines('info');
    logger.debug('details');
    expect(lines).toEqual([]);
  });
});

describe('exit codes of several runs', () => {
  it('picks the most severe one', () => {
    expect(worstExitCode([EXIT.ok, EXIT.recordFailures, EXIT.auth, EXIT.unavailable])).toBe(EXIT.auth);
  });

  it('lets an interruption outrank record failures', () => {
    expect(worstExitCode([EXIT.recordFailures, 143])).toBe(143);
  });

  it('ranks a state store that cannot be reached above a busy one and below a vendor that is down', () => {
    expect(exitCodeForCode('STATE_STORE_UNAVAILABLE')).toBe(9);
    expect(worstExitCode([EXIT.storeBusy, EXIT.storeUnavailable, EXIT.locked])).toBe(EXIT.storeUnavailable);
    expect(worstExitCode([EXIT.storeUnavailable, EXIT.unavailable])).toBe(EXIT.unavailable);
  });

  it('is 0 when every run was fine', () => {
    expect(worstExitCode([EXIT.ok, EXIT.ok])).toBe(EXIT.ok);
  });
});

describe('verify', () => {
  const result = (onlyInTo: number): VerifyResult => ({
    pair: 'p', from: { connection: 'fs', vendor: 'factuursturen', count: 2 }, to: { connection: 'bm', vendor: 'billomat', count: 2 + onlyInTo }, matched: 2,
    onlyInFrom: [], onlyInTo: Array.from({ length: onlyInTo }, (_, i) => ({ externalId: `bm-${i}`, record: `billomat:${i}` })), differences: [], duplicateSuspects: [], unreadable: [], calls: {},
  });

  it('does not hold the clients a one-way target had before against it', () => {
    expect(isInStep(result(3), 'one-way')).toBe(true);
  });

  it('counts clients only in the target as drift for a two-way pair', () => {
    expect(isInStep(result(3), 'two-way')).toBe(false);
  });
});
