import { describe, expect, it } from 'vitest';
import { loadMappings } from '../../../src/mapping/index.js';

describe('the built-in mappings', () => {
  it('load and account for every documented field of all three vendors and the spreadsheet layout', async () => {
    const mappings = await loadMappings();
    expect(Object.keys(mappings).sort()).toEqual(['billomat', 'eenvoudigfactureren', 'factuursturen', 'spreadsheet']);
    expect(mappings.spreadsheet.identity.externalIdSlot).toBe('external_client_id');
    expect(mappings.eenvoudigfactureren.fields.get('name')?.writes).toBe(true);
    expect(mappings.factuursturen.identity.externalIdSlot).toBeUndefined();
    expect(mappings.billomat.identity.externalIdSlot).toBe('customfield');
  });
});
