import { describe, expect, it } from 'vitest';
import { loadMappings } from '../../../src/mapping/index.js';

describe('the built-in mappings', () => {
  it('load and account for every documented field of all three vendors', async () => {
    const mappings = await loadMappings();
    expect(Object.keys(mappings).sort()).toEqual(['billomat', 'eenvoudigfactureren', 'factuursturen']);
    expect(mappings.eenvoudigfactureren.fields.get('name')?.writes).toBe(true);
    expect(mappings.factuursturen.identity.externalIdSlot).toBeUndefined();
    expect(mappings.billomat.identity.externalIdSlot).toBe('customfield');
  });
});
