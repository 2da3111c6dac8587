import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MappingError } from '../../../src/errors/index.js';
import { BUILTIN_MAPPINGS_DIRECTORY, compileMappingText } from '../../../src/mapping/index.js';

const file = path.join(BUILTIN_MAPPINGS_DIRECTORY, 'factuursturen.yaml');
const original = readFileSync(file, 'utf8');

/** Replaces one exact piece of the FactuurSturen mapping and compiles the result. */
async function compileWith(from: string, to: string): Promise<MappingError> {
  expect(original).toContain(from);
  const text = original.replace(from, to);
  try {
    await compileMappingText(text, file, { directory: BUILTIN_MAPPINGS_DIRECTORY });
  } catch (error) {
    expect(error).toBeInstanceOf(MappingError);
    return error as MappingError;
  }
  throw new Error('the mapping compiled although it is broken');
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('the mapping loader', () => {
  it('accepts the shipped mapping unchanged', async () => {
    await expect(compileMappingText(original, file, { directory: BUILTIN_MAPPINGS_DIRECTORY })).resolves.toBeDefined();
  });

  it('rejects an unknown transform, naming file, line and field', async () => {
    const error = await compileWith('    transform: languageFs', '    transform: languageKlingon');
    expect(error.message).toContain(`${file}:${lineOf(original, 'transform: languageFs')}`);
    expect(error.message).toContain('(default_doclang).transform');
    expect(error.message).toContain("unknown transform 'languageKlingon'");
  });

  it('rejects an unknown canonical path', async () => {
    const error = await compileWith('    canonical: channels.mobile', '    canonical: channels.pager');
    expect(error.message).toContain(`${file}:${lineOf(original, 'canonical: channels.mobile')}`);
    expect(error.message).toContain('(mobile).canonical');
    expect(error.message).toContain("unknown canonical path 'channels.pager'");
  });

  it('rejects a documented field that is not accounted for', async () => {
    const error = await compileWith('  - vendor: default_email\n    readOnly: id of an e-mail text of this account (read-only, seed 002)\n', '');
    expect(error.message).toContain(file);
    expect(error.message).toContain("documented field 'default_email'");
    expect(error.message).toContain('seeds 002');
  });

  it('rejects two rules writing one vendor field', async () => {
    const error = await compileWith('  - vendor: mobile\n', '  - vendor: phone\n');
    expect(error.message).toContain(`${file}:${lineOf(original, '- vendor: mobile')}`);
    expect(error.message).toContain("two rules write vendor field 'phone'");
  });

  it('rejects an enum map that cannot be reversed for a written field', async () => {
    const error = await compileWith('        - { vendor: printcenter, canonical: printService }', '        - { vendor: printcenter, canonical: email }');
    const transformLine = lineOf(original, 'vendor: sendmethod') + 2;
    expect(original.split('\n')[transformLine - 1]).toContain('transform:');
    expect(error.message).toContain(`${file}:${transformLine}`);
    expect(error.message).toContain('(sendmethod).transform');
    expect(error.message).toContain('cannot be reversed');
  });

  it('accepts the same irreversible enum map on a read-only field', async () => {
    const text = original.replace('        - { vendor: printcenter, canonical: printService }', '        - { vendor: printcenter, canonical: email }').replace(
      '  - vendor: sendmethod\n    canonical: documentDefaults.deliveryMethod\n',
      '  - vendor: sendmethod\n    canonical: documentDefaults.deliveryMethod\n    readOnly: testing\n',
    );
    await expect(compileMappingText(text, file, { directory: BUILTIN_MAPPINGS_DIRECTORY })).resolves.toBeDefined();
  });

  it('rejects a transform on a canonical field of the wrong kind', async () => {
    const error = await compileWith('    canonical: documentDefaults.notesOnInvoice\n    transform: trueFalseString', '    canonical: documentDefaults.notesOnInvoice\n    transform: currencyCode');
    expect(error.message).toContain("transform 'currencyCode' cannot fill a canonical field of kind boolean");
  });

  it('rejects bad transform parameters', async () => {
    const error = await compileWith('transform: { type: countryId, table: factuursturen-countries }', 'transform: { type: countryId, tabel: factuursturen-countries }');
    expect(error.message).toContain("parameters of 'countryId'");
  });

  it('rejects a field with no decision and a key outside the grammar', async () => {
    const error = await compileWith('  - vendor: default_email\n    readOnly: id of an e-mail text of this account (read-only, seed 002)\n', '  - vendor: default_email\n    colour: blue\n');
    expect(error.message).toMatch(/Unrecognized key.*colour/);
  });

  it('reports YAML syntax errors with their line', async () => {
    const error = await compileWith('version: 1\n', 'version: 1\n  bad: [indent\n');
    expect(error.message).toMatch(new RegExp(`${file.replaceAll('/', '\\/')}:\\d+: yaml:`));
  });
});
