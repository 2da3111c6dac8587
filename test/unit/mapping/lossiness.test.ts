import { beforeAll, describe, expect, it } from 'vitest';
import { loadMappings } from '../../../src/mapping/index.js';
import { lossinessBetween, lossinessMatrix } from '../../../src/mapping/lossiness.js';
import type { Mapping } from '../../../src/mapping/mapping.js';
import type { VendorId } from '../../../src/vendors/ids.js';

let mappings: Record<VendorId, Mapping>;
beforeAll(async () => {
  mappings = await loadMappings();
});

const fateOf = (from: VendorId, to: VendorId, path: string): string | undefined => lossinessBetween(mappings[from], mappings[to]).entries.find((e) => e.path === path)?.fate;

describe('the lossiness matrix, derived from the mapping files', () => {
  it('has the twelve directions between the three vendors and a spreadsheet', () => {
    expect(lossinessMatrix(mappings).map((d) => `${d.from}>${d.to}`)).toEqual([
      'eenvoudigfactureren>factuursturen', 'eenvoudigfactureren>billomat', 'eenvoudigfactureren>spreadsheet',
      'factuursturen>eenvoudigfactureren', 'factuursturen>billomat', 'factuursturen>spreadsheet',
      'billomat>eenvoudigfactureren', 'billomat>factuursturen', 'billomat>spreadsheet',
      'spreadsheet>eenvoudigfactureren', 'spreadsheet>factuursturen', 'spreadsheet>billomat',
    ]);
  });

  it('says every field a vendor holds survives an export to a spreadsheet, vendor-only fields included', () => {
    for (const vendor of ['eenvoudigfactureren', 'factuursturen', 'billomat'] as const) {
      const written = [...mappings[vendor].fields.values()].filter((field) => field.reads && field.writes).map((field) => field.path);
      const fates = new Map(lossinessBetween(mappings[vendor], mappings.spreadsheet).entries.map((e) => [e.path, e.fate]));
      for (const path of written) expect(fates.get(path), `${vendor} ${path}`).toBe('survives');
    }
    expect(fateOf('billomat', 'spreadsheet', 'extensions.billomat.price_group')).toBe('survives');
    expect(fateOf('spreadsheet', 'factuursturen', 'extensions.billomat.price_group')).toBe('dropped');
  });

  it('says a field survives where both vendors map it losslessly', () => {
    expect(fateOf('factuursturen', 'billomat', 'billingAddress.countryCode')).toBe('survives');
    expect(fateOf('eenvoudigfactureren', 'billomat', 'tax.vatRegistrationPending')).toBe('dropped');
    expect(fateOf('billomat', 'eenvoudigfactureren', 'banking.iban')).toBe('survives');
  });

  it('says a field is transformed where the target writes it in a form that does not read back exactly', () => {
    expect(fateOf('eenvoudigfactureren', 'billomat', 'channels.website')).toBe('transformed'); // www without scheme
    expect(fateOf('billomat', 'factuursturen', 'contactPerson.firstName')).toBe('transformed'); // one contact string
    expect(fateOf('billomat', 'factuursturen', 'tax.regime')).toBe('transformed'); // standard reads back as "not set"
  });

  it('says a field is dropped where the target has nowhere to keep it, vendor-only fields included', () => {
    expect(fateOf('eenvoudigfactureren', 'factuursturen', 'deliveryAddress.street')).toBe('dropped');
    expect(fateOf('factuursturen', 'eenvoudigfactureren', 'channels.mobile')).toBe('dropped');
    expect(fateOf('billomat', 'eenvoudigfactureren', 'extensions.billomat.price_group')).toBe('dropped');
  });

  it("says a contact person is dropped into EenvoudigFactureren, whose one name field holds a person's name only for a client without a name", () => {
    for (const from of ['factuursturen', 'billomat', 'spreadsheet'] as const) {
      for (const path of ['contactPerson.firstName', 'contactPerson.lastName']) {
        const entry = lossinessBetween(mappings[from], mappings.eenvoudigfactureren).entries.find((e) => e.path === path);
        expect(entry, `${from} ${path}`).toEqual({ path, fate: 'dropped', notes: ['written only in place of name when the record has none'] });
      }
    }
    // The encoder that builds the body says the same: the person's name is written only when there is no name.
    const person = { firstName: 'Jan', lastName: 'Peeters' };
    const company = mappings.eenvoudigfactureren.encode({ name: 'Bakkerij Peeters', contactPerson: person }, 'test', { mode: 'create' });
    expect(company.body.name).toBe('Bakkerij Peeters');
    expect([...company.written].filter((p) => p.startsWith('contactPerson.') || p === 'name')).toEqual(['name']);
    const privateClient = mappings.eenvoudigfactureren.encode({ contactPerson: person }, 'test', { mode: 'create' });
    expect(privateClient.body.name).toBe('Jan Peeters');
    expect([...privateClient.written].filter((p) => p.startsWith('contactPerson.') || p === 'name').sort()).toEqual(['contactPerson.firstName', 'contactPerson.lastName']);
  });

  it('leaves read-only facts out and notes shorter limits in the target', () => {
    const direction = lossinessBetween(mappings.eenvoudigfactureren, mappings.factuursturen);
    expect(direction.entries.some((e) => e.path.startsWith('facts.'))).toBe(false);
    expect(direction.entries.find((e) => e.path === 'name')?.notes).toEqual(['target holds at most 50 characters (source 75)']);
    expect(direction.counts.survives + direction.counts.transformed + direction.counts.dropped).toBe(direction.entries.length);
  });
});
