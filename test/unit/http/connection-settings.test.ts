import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../src/errors/index.js';
import { resolveConnectionSettings } from '../../../src/http/connection-settings.js';
import { loadVendorDefaults, VENDOR_DEFAULTS_FILE } from '../../../src/http/vendor-defaults.js';
import { loadMapping } from '../../../src/mapping/index.js';
import type { ConnectionOptions } from '../../../src/vendors/types.js';

const mapping = await loadMapping('billomat');
const billomat = (extra: Partial<ConnectionOptions> = {}): ConnectionOptions => ({
  name: 'bm',
  vendor: 'billomat',
  baseUrl: 'https://acme.billomat.net/api/',
  credentials: { kind: 'billomat', apiKey: 'k' },
  mapping,
  ...extra,
});

describe('config/vendors.yaml', () => {
  it('holds valid defaults for every vendor', () => {
    const defaults = loadVendorDefaults();
    expect(Object.keys(defaults)).toEqual(['eenvoudigfactureren', 'factuursturen', 'billomat']);
    expect(defaults.billomat.rateBudget).toEqual({ requests: 300, windowMs: 900_000 });
    expect(defaults.factuursturen.pageSize).toBeNull();
  });

  it('says where each vendor block comes from in a comment', () => {
    const text = readFileSync(VENDOR_DEFAULTS_FILE, 'utf8');
    for (const key of ['baseUrl', 'pageSize', 'rateBudget']) {
      const lines = text.split('\n');
      lines.forEach((line, index) => {
        if (line.trim().startsWith(`${key}:`)) expect(lines[index - 1]?.trim().startsWith('#'), `${key} at line ${index + 1}`).toBe(true);
      });
    }
  });
});

describe('resolveConnectionSettings', () => {
  it('takes the vendor defaults and trims the base URL', () => {
    const settings = resolveConnectionSettings(billomat());
    expect(settings).toMatchObject({ baseUrl: 'https://acme.billomat.net/api', pageSize: 1000, budget: { requests: 300, windowMs: 900_000 }, fixedBudget: false, timeoutMs: 30_000 });
  });

  it('applies the connection overrides and fixes a budget the user set', () => {
    const settings = resolveConnectionSettings(billomat({ rateBudget: { requests: 100, windowMs: 900_000 }, pageSize: 250, timeoutMs: 5000 }));
    expect(settings).toMatchObject({ pageSize: 250, budget: { requests: 100 }, fixedBudget: true, timeoutMs: 5000 });
  });

  it('refuses a Billomat connection without its own base URL, naming the key', () => {
    const { baseUrl: _omit, ...rest } = billomat();
    expect(() => resolveConnectionSettings(rest)).toThrow(ConfigError);
    expect(() => resolveConnectionSettings(rest)).toThrow(/connections\.bm\.baseUrl/);
  });

  it('refuses a page size above what the vendor returns', () => {
    expect(() => resolveConnectionSettings(billomat({ pageSize: 5000 }))).toThrow(/at most 1000/);
  });

  it('refuses a budget that is not a positive whole number', () => {
    expect(() => resolveConnectionSettings(billomat({ rateBudget: { requests: 0, windowMs: 1000 } }))).toThrow(/rateBudget/);
  });

  it('refuses a rate budget group that is not a plain name', () => {
    expect(() => resolveConnectionSettings(billomat({ rateBudgetGroup: 'acme account' }))).toThrow(/connections\.bm\.rateBudgetGroup/);
    expect(() => resolveConnectionSettings(billomat({ rateBudgetGroup: 'billomat-acme' }))).not.toThrow();
  });
});
