import { afterAll, describe, expect, it } from 'vitest';
import { isVendorError } from '../../../src/errors/index.js';
import type { RawRecord } from '../../../src/mapping/record-codec.js';
import type { ApiVendorId } from '../../../src/vendors/ids.js';
import { createConnector } from '../../../src/vendors/registry.js';
import type { Credentials } from '../../../src/vendors/types.js';
import { simulated, type SimulatedSide } from '../../helpers/pair.js';

/*
 * The connectors against the simulators, over real HTTP, for every vendor: the operations the engine
 * relies on, end to end (the contract tests pin the exact requests with nock; these prove the two
 * halves of the product agree).
 */

const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

const CREATE: Record<ApiVendorId, RawRecord> = {
  eenvoudigfactureren: { name: 'Bakkerij Test', city: 'Gent', country_code: 'BE', email_address: 'info@bakkerij.be', external_client_id: 'crm-42' },
  factuursturen: { company: 'Bakkerij Test', city: 'Utrecht', country: 146, email: 'info@bakkerij.nl' },
  billomat: { name: 'Bäckerei Test', city: 'Köln', country_code: 'DE', email: 'info@baeckerei.de', customfield: 'crm-42' },
};
const UPDATE: Record<ApiVendorId, [RawRecord, string, string]> = {
  eenvoudigfactureren: [{ city: 'Leuven' }, 'city', 'Leuven'],
  factuursturen: [{ company: 'Bakkerij Test', city: 'Zwolle', country: 146, email: 'info@bakkerij.nl' }, 'city', 'Zwolle'],
  billomat: [{ city: 'Bonn' }, 'city', 'Bonn'],
};
const ARCHIVED: Record<ApiVendorId, [string, string]> = { eenvoudigfactureren: ['state', 'archived'], factuursturen: ['active', 'false'], billomat: ['archived', '1'] };
const ID: Record<ApiVendorId, string> = { eenvoudigfactureren: 'client_id', factuursturen: 'clientnr', billomat: 'id' };

describe.each(['eenvoudigfactureren', 'factuursturen', 'billomat'] as const)('the %s connector against its simulator', (vendor) => {
  it('lists, gets, creates, updates, archives and deletes clients, and is refused deleting one with documents', async () => {
    const sim = await simulated(vendor, 'sim', { clients: 250, seed: 81, rateLimit: false });
    started.push(sim);
    const { connector } = await sim.side();

    const listed: RawRecord[] = [];
    for await (const client of connector.listClients()) listed.push(client);
    expect(listed).toHaveLength(250);
    expect(new Set(listed.map((c) => String(c[ID[vendor]]))).size).toBe(250);

    const first = listed[0];
    const got = await connector.getClient(String(first?.[ID[vendor]]));
    expect(got?.[ID[vendor]]).toBe(first?.[ID[vendor]]);
    expect(await connector.getClient('999999999')).toBeUndefined();

    const created = await connector.createClient(CREATE[vendor]);
    expect(sim.simulator.store.get(created.id)).toBeDefined();
    const [update, field, value] = UPDATE[vendor];
    await connector.updateClient(created.id, update);
    expect(sim.simulator.store.get(created.id)?.[field]).toBe(value);

    await connector.archiveClient(created.id);
    const [archivedField, archivedValue] = ARCHIVED[vendor];
    expect(sim.simulator.store.get(created.id)?.[archivedField]).toBe(archivedValue);

    const withDocuments = String(listed[1]?.[ID[vendor]]);
    sim.simulator.store.markHasDocuments(withDocuments);
    const refusal = await connector.deleteClient(withDocuments).then(() => undefined, (error: unknown) => error);
    expect(isVendorError(refusal) && refusal.code).toBe('VENDOR_DELETE_REFUSED');
    expect(sim.simulator.store.get(withDocuments)).toBeDefined();

    await connector.deleteClient(created.id);
    expect(sim.simulator.store.get(created.id)).toBeUndefined();
  });

  it('finds a client by its external id where the vendor has a slot, and writes one', async () => {
    const sim = await simulated(vendor, 'sim', { clients: 20, seed: 82, rateLimit: false });
    started.push(sim);
    const { connector } = await sim.side();
    if (!connector.capabilities.externalIdSlot) {
      expect(await connector.findByExternalId('crm-42')).toEqual([]);
      return;
    }
    const created = await connector.createClient(CREATE[vendor]);
    if (!created.externalIdStored) await connector.setExternalId(created.id, 'crm-42');
    const found = await connector.findByExternalId('crm-42');
    expect(found.map((c) => String(c[ID[vendor]]))).toEqual([created.id]);
    await connector.setExternalId(created.id, 'crm-43');
    expect((await connector.findByExternalId('crm-43')).map((c) => String(c[ID[vendor]]))).toEqual([created.id]);
    expect(await connector.findByExternalId('crm-42')).toEqual([]);
  });

  it('reads and writes contacts where the vendor has them', async () => {
    const sim = await simulated(vendor, 'sim', { clients: 5, seed: 83, rateLimit: false });
    started.push(sim);
    const { connector, mapping } = await sim.side();
    if (vendor === 'factuursturen') return; // a single `contact` field, mapped as the contact person
    const created = await connector.createClient(mapping.encode({ name: 'Contactrijk BV', billingAddress: { countryCode: 'BE' }, contacts: [{ name: 'Jan Peeters', email: 'jan@contactrijk.be' }] }, 'test', { mode: 'create' }).body, { includeContacts: true });
    const read = await connector.getClient(created.id, { includeContacts: true });
    expect(mapping.decode(read ?? {}).customer.contacts).toEqual([{ name: 'Jan Peeters', email: 'jan@contactrijk.be' }]);
    const changed = mapping.encode({ contacts: [{ name: 'Jan Peeters', email: 'jan.peeters@contactrijk.be' }, { name: 'An Claes', phone: '0470 12 34 56' }] }, 'test', { mode: 'update', changed: new Set(['contacts[].name', 'contacts[].email', 'contacts[].phone']) }).body;
    await connector.updateClient(created.id, changed, { includeContacts: true, current: read });
    const after = mapping.decode((await connector.getClient(created.id, { includeContacts: true })) ?? {}).customer.contacts;
    expect(after).toEqual([{ name: 'Jan Peeters', email: 'jan.peeters@contactrijk.be' }, { name: 'An Claes', phone: '0470 12 34 56' }]);
  });

  it('tells a wrong key from a working one with one cheap call', async () => {
    const sim = await simulated(vendor, 'sim', { clients: 1, rateLimit: false });
    started.push(sim);
    const { connector, mapping } = await sim.side();
    sim.simulator.log.clear();
    expect((await connector.check()).outcome).toBe('ok');
    expect(sim.simulator.log.entries).toHaveLength(1);
    const wrong: Credentials =
      sim.simulator.credentials.kind === 'basic' ? { ...sim.simulator.credentials, password: 'wrong-key' } : { ...sim.simulator.credentials, apiKey: 'wrong-key' };
    const impostor = createConnector({ name: 'sim', vendor, baseUrl: sim.simulator.url, credentials: wrong, mapping });
    expect((await impostor.check()).outcome).toBe('wrong-credentials');
    const lost = createConnector({ name: 'sim', vendor, baseUrl: `${sim.simulator.url}/nowhere`, credentials: sim.simulator.credentials, mapping });
    expect((await lost.check()).outcome).toBe('wrong-url');
  });
});
