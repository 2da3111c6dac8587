import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../../src/mapping/compile.js';
import { BUILTIN_MAPPINGS_DIRECTORY, compileMappingText, loadMappings } from '../../../src/mapping/index.js';
import { mappingJsonSchema } from '../../../src/mapping/mapping-json-schema.js';
import type { Mapping } from '../../../src/mapping/mapping.js';
import { CHECK_FORMATS } from '../../../src/mapping/schema.js';
import { API_VENDOR_IDS, type VendorId } from '../../../src/vendors/ids.js';

/*
 * Issue 17: two kinds of value rule, each with its evidence. Vendor limits (`limit:`) refuse before any
 * call; plausibility checks (`check:`) make findings. The published JSON Schema documents both.
 */

let mappings: Record<VendorId, Mapping>;
beforeAll(async () => {
  mappings = await loadMappings();
});

describe('rule kinds in the shipped mappings', () => {
  it('name the source of every vendor limit and every plausibility check', () => {
    const unsourced: string[] = [];
    for (const vendor of API_VENDOR_IDS) {
      for (const rule of allRules(mappings[vendor].rules)) {
        if (rule.limit !== undefined && rule.limit.source === undefined) unsourced.push(`${vendor} ${rule.at} limit`);
        if (rule.check !== undefined && rule.check.source === undefined) unsourced.push(`${vendor} ${rule.at} check`);
      }
    }
    expect(unsourced).toEqual([]);
  });

  it('make no plausibility format a vendor limit: no vendor is known to refuse a failed IBAN, BIC, VAT or e-mail check', () => {
    const limits = API_VENDOR_IDS.flatMap((vendor) => [...allRules(mappings[vendor].rules)].filter((r) => r.limit?.format !== undefined && (CHECK_FORMATS as readonly string[]).includes(r.limit.format)).map((r) => `${vendor} ${r.at}`));
    expect(limits).toEqual([]);
  });

  it('check e-mail addresses, IBANs, BICs and VAT numbers in all three vendors', () => {
    for (const vendor of API_VENDOR_IDS) {
      const checked = [...allRules(mappings[vendor].rules)].filter((r) => r.check !== undefined).flatMap((r) => r.canonicalPaths);
      expect(checked, vendor).toEqual(expect.arrayContaining(['channels.email', 'banking.iban', 'banking.bic', 'tax.vatNumber']));
    }
  });
});

describe('the mapping grammar', () => {
  const file = path.join(BUILTIN_MAPPINGS_DIRECTORY, 'factuursturen.yaml');
  const original = readFileSync(file, 'utf8');

  it('refuses a check on a field that is not read', async () => {
    const from = '    readOnly: id of an e-mail text of this account (read-only, seed 002)\n';
    expect(original).toContain(from);
    const text = original.replace(from, `${from}    check: { format: email }\n`);
    await expect(compileMappingText(text, file, { directory: BUILTIN_MAPPINGS_DIRECTORY })).rejects.toThrow(/takes no transform, limit or check/);
  });

  it('refuses a plausibility check of an unknown format, naming it', async () => {
    const text = original.replace('check: { format: iban,', 'check: { format: swift,');
    await expect(compileMappingText(text, file, { directory: BUILTIN_MAPPINGS_DIRECTORY })).rejects.toThrow(/check\.format/);
  });

  it('accepts a limit without a source (mapping files written before rule sources keep loading)', async () => {
    const text = original.replace(/limit: \{ maxLength: 50, source: "[^"]*" \}/, 'limit: { maxLength: 50 }');
    await expect(compileMappingText(text, file, { directory: BUILTIN_MAPPINGS_DIRECTORY })).resolves.toBeDefined();
  });

  it('is published as mappings/mapping.schema.json, generated from the grammar, with both rule kinds documented', () => {
    const published = JSON.parse(readFileSync(path.join(BUILTIN_MAPPINGS_DIRECTORY, 'mapping.schema.json'), 'utf8')) as unknown;
    expect(published).toEqual(mappingJsonSchema());
    const text = JSON.stringify(published);
    expect(text).toContain('A vendor limit');
    expect(text).toContain('A plausibility check');
  });
});
