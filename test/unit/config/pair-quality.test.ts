import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors/index.js';
import { resolvePairSettings } from '../../../src/sync/index.js';

const base = `
connections:
  ef: { vendor: eenvoudigfactureren, sandbox: { clients: 3, dirty_share: 0.2 } }
  bm: { vendor: billomat, sandbox: true }
pairs:
  office:
    from: ef
    to: bm
`;

const parse = (extra: string) => parseConfig(`${base}${extra}`, { env: {}, directory: '/tmp', file: '/tmp/client-sync.yaml' });

describe('a pair\'s data-quality settings', () => {
  it('default to findings (warn) and the built-in placeholder list', () => {
    const { config } = parse('');
    const settings = resolvePairSettings({ ...config.pairs.office?.settings, name: 'office' });
    expect(settings.quality).toBe('warn');
    expect(settings.placeholders).toEqual({});
    expect(config.connections.ef?.sandbox?.dirtyShare).toBe(0.2);
    expect(config.connections.bm?.sandbox?.dirtyShare).toBe(0);
  });

  it('read quality: strict and the placeholder list changes', () => {
    const { config } = parse('    quality: strict\n    placeholders: { add: ["onbekend adres"], remove: ["x"] }\n');
    const settings = resolvePairSettings({ ...config.pairs.office?.settings, name: 'office' });
    expect(settings.quality).toBe('strict');
    expect(settings.placeholders).toEqual({ add: ['onbekend adres'], remove: ['x'] });
  });

  it('refuse an unknown quality mode and a dirty share above 1, naming the key', () => {
    expect(() => parse('    quality: lenient\n')).toThrow(ConfigError);
    expect(() => parse('    quality: lenient\n')).toThrow(/pairs\.office\.quality/);
    expect(() => parseConfig(base.replace('dirty_share: 0.2', 'dirty_share: 2'), { env: {}, directory: '/tmp', file: '/tmp/client-sync.yaml' })).toThrow(/dirty_share/);
  });
});
