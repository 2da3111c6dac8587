import { isValidBIC, isValidIBAN } from 'ibantools';
import { checkVAT, countries } from 'jsvat';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type JsonRecord, type VendorSimulator } from '../../src/sandbox/index.js';
import { generateClientProfile, createPrng } from '../../src/sandbox/index.js';
import { call } from './sandbox-client.js';

let simulator: VendorSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
  vi.restoreAllMocks();
});

const profiles = (count: number, seed: string, home: 'BE' | 'NL' | 'DE') =>
  Array.from({ length: count }, (_, index) => generateClientProfile(createPrng(`${seed}/${String(index)}`), index, home));

/** Belgian mod 97: the last two digits are the first ten modulo 97, or 97 for 0. */
function isStructuredMessage(digits: string): boolean {
  const remainder = Number(BigInt(digits.slice(0, 10)) % 97n);
  return /^\d{12}$/.test(digits) && Number(digits.slice(10)) === (remainder === 0 ? 97 : remainder);
}

describe('seed data generator', () => {
  it('generates the same clients for the same seed and other clients for another seed', async () => {
    const a = await startSimulator({ vendor: 'billomat', clients: 20, seed: 'same' });
    const b = await startSimulator({ vendor: 'billomat', clients: 20, seed: 'same' });
    const c = await startSimulator({ vendor: 'billomat', clients: 20, seed: 'other' });
    try {
      expect(b.store.list()).toEqual(a.store.list());
      expect(c.store.list().map((client) => client.name)).not.toEqual(a.store.list().map((client) => client.name));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('never calls Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    profiles(200, 'no-random', 'BE');
    expect(random).not.toHaveBeenCalled();
  });

  it('gives every generated VAT number a valid check digit', () => {
    const vats = [...profiles(300, 'vat', 'BE'), ...profiles(300, 'vat', 'NL'), ...profiles(300, 'vat', 'DE')].flatMap((p) => (p.vat === undefined ? [] : [p.vat.vatNumber]));
    expect(vats.length).toBeGreaterThan(400);
    expect(vats.filter((vat) => !checkVAT(vat, countries).isValid)).toEqual([]);
  });

  it('gives every generated IBAN and BIC a valid form and check digits', () => {
    const banks = [...profiles(300, 'iban', 'BE'), ...profiles(300, 'iban', 'NL'), ...profiles(300, 'iban', 'DE')].flatMap((p) => (p.bank === undefined ? [] : [p.bank]));
    expect(banks.filter((bank) => !isValidIBAN(bank.iban) || !isValidBIC(bank.bic))).toEqual([]);
    expect(new Set(banks.map((bank) => bank.iban.slice(0, 2)))).toEqual(new Set(['BE', 'NL', 'DE', 'FR', 'LU', 'AT', 'CH']));
  });

  it('gives Belgian clients structured messages that pass the modulo 97 check', () => {
    const messages = profiles(300, 'ogm', 'BE').flatMap((p) => (p.structuredMessage === '' ? [] : [p.structuredMessage]));
    expect(messages.length).toBeGreaterThan(30);
    expect(messages.filter((message) => !isStructuredMessage(message))).toEqual([]);
  });

  it('writes names with diacritics and characters outside the Basic Multilingual Plane', async () => {
    simulator = await startSimulator({ vendor: 'eenvoudigfactureren', clients: 200, seed: 'unicode' });
    const names = simulator.store.list().map((client) => String(client.name));
    expect(names.some((name) => /[À-ž]/.test(name))).toBe(true);
    expect(names.some((name) => [...name].length < name.length)).toBe(true);
  });

  it('fills some values to exactly the documented maximum length', async () => {
    simulator = await startSimulator({ vendor: 'eenvoudigfactureren', clients: 100, seed: 'max' });
    const clients = simulator.store.list();
    expect(clients.some((client) => [...String(client.name)].length === 75)).toBe(true);
    expect(clients.some((client) => [...String(client.street)].length === 150)).toBe(true);
    expect(clients.some((client) => String(client.external_client_id).length === 50)).toBe(true);
  });

  it('seeds contacts, custom values, HTML notes and clients with documents', async () => {
    simulator = await startSimulator({ vendor: 'eenvoudigfactureren', clients: 100, seed: 'rich' });
    const clients = simulator.store.list() as (JsonRecord & { contacts: unknown[]; custom_values: { value: string }[] })[];
    expect(clients.some((client) => client.contacts.length > 1)).toBe(true);
    expect(clients.some((client) => client.custom_values.some((value) => value.value !== ''))).toBe(true);
    expect(clients.some((client) => String(client.private_note_html).includes('<strong>'))).toBe(true);
    expect(clients.filter((client) => simulator!.store.hasDocuments(String(client.client_id))).length).toBeGreaterThan(10);
  });

  it('seeds EenvoudigFactureren clients the simulator itself accepts as writes', async () => {
    simulator = await startSimulator({ vendor: 'eenvoudigfactureren', clients: 30, seed: 'valid' });
    const sim = simulator;
    const seeded = sim.store.list();
    for (const client of seeded) {
      const { client_id: _id, uri: _uri, ...body } = client;
      const contacts = (body.contacts as JsonRecord[]).map(({ contact_id: _c, uri: _u, ...rest }) => rest);
      const response = await call(sim, 'POST', '/clients', { body: { ...body, number: '', contacts } });
      expect(response.status, `${String(client.client_id)}: ${response.text}`).toBe(201);
    }
  });

  it('seeds FactuurSturen clients the simulator itself accepts as writes', async () => {
    simulator = await startSimulator({ vendor: 'factuursturen', clients: 30, seed: 'valid' });
    const sim = simulator;
    for (const client of sim.store.list()) {
      const response = await call(sim, 'POST', '/clients', { body: { ...client, clientnr: '' } });
      expect(response.status, `${String(client.clientnr)}: ${response.text}`).toBe(201);
    }
  });

  it('seeds Billomat clients the simulator itself accepts as writes', async () => {
    simulator = await startSimulator({ vendor: 'billomat', clients: 30, seed: 'valid', rateLimit: false });
    const sim = simulator;
    for (const client of sim.store.list()) {
      const response = await call(sim, 'POST', '/clients', { body: { client: { ...client, number: '' } } });
      expect(response.status, `${String(client.id)}: ${response.text}`).toBe(201);
    }
  });

  it('nests Billomat property values as object, array or empty string', async () => {
    simulator = await startSimulator({ vendor: 'billomat', clients: 60, seed: 'nesting' });
    const shapes = new Set(
      simulator.store.list().map((client) => {
        const nested = client['client-property-values'];
        if (nested === '') return 'empty';
        return Array.isArray((nested as JsonRecord)['client-property-value']) ? 'array' : 'object';
      }),
    );
    expect(shapes).toEqual(new Set(['empty', 'object', 'array']));
  });
});
