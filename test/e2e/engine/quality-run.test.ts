import { afterAll, describe, expect, it } from 'vitest';
import { runPair } from '../../../src/sync/index.js';
import { pairSettings, simulated, tempStore, type SimulatedSide } from '../../helpers/pair.js';

/*
 * Issue 17 in a run: a FactuurSturen client whose `bankcode` holds a bank number, not an IBAN, and whose
 * VAT number is the placeholder "nvt", migrated to Billomat.
 */

const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

async function migrate(quality: 'warn' | 'strict', billomatChecks = false, placeholders?: { add?: string[]; remove?: string[] }) {
  const source = await simulated('factuursturen', 'source', { clients: 3, seed: 'quality-run', rateLimit: false });
  const target = await simulated('billomat', 'target', { clients: 0, rateLimit: false, quirks: { checkFormats: billomatChecks } });
  started.push(source, target);
  const [victim] = source.simulator.store.list();
  source.simulator.store.insert({ ...victim, bankcode: '123456789', taxnumber: 'nvt', address: 'Adres onbekend' });
  const { store } = tempStore();
  const result = await runPair({ pair: pairSettings({ name: 'p', quality, ...(placeholders === undefined ? {} : { placeholders }) }), from: await source.side(), to: await target.side(), store, command: 'migrate' });
  store.close();
  return { result, target, victim: `factuursturen:${String(victim?.clientnr)}` };
}

describe('a run with dirty values', () => {
  it('writes a value that fails a plausibility check, reads a placeholder as not set, and reports both (quality: warn)', async () => {
    const { result, target, victim } = await migrate('warn');
    expect(result.outcomes.filter((o) => o.status === 'created')).toHaveLength(3);
    const written = target.simulator.store.list().find((r) => r.bank_iban === '123456789');
    expect(written).toBeDefined();
    expect(written?.vat_number).toBe('');
    const read = result.quality?.sides.find((s) => s.connection === 'source' && s.stage === 'read');
    const findings = read?.rules.flatMap((r) => r.findings).filter((f) => f.record === victim).map((f) => [f.field.split(' ')[0], f.kind]);
    expect(findings).toEqual(expect.arrayContaining([['banking.iban', 'plausibility'], ['tax.vatNumber', 'placeholder']]));
  });

  it("reads placeholders as the pair's own list says: one taken off the list is written as a value, one added is read as not set", async () => {
    const { result, target, victim } = await migrate('warn', false, { remove: ['nvt'], add: ['adres onbekend'] });
    expect(result.outcomes.filter((o) => o.status === 'created')).toHaveLength(3);
    const written = target.simulator.store.list().find((r) => r.bank_iban === '123456789');
    expect(written?.vat_number).toBe('NVT');
    expect(written?.street ?? '').toBe('');
    const read = result.quality?.sides.find((s) => s.connection === 'source' && s.stage === 'read');
    const findings = read?.rules.flatMap((r) => r.findings).filter((f) => f.record === victim).map((f) => [f.field.split(' ')[0], f.kind]);
    expect(findings).toEqual(expect.arrayContaining([['tax.vatNumber', 'plausibility'], ['billingAddress.street', 'placeholder']]));
    expect(findings).not.toContainEqual(['tax.vatNumber', 'placeholder']);
  });

  it('refuses the record before any call when the pair sets quality: strict', async () => {
    const { result, target, victim } = await migrate('strict');
    const invalid = result.actions.filter((a) => a.kind === 'invalid');
    expect(invalid.map((a) => a.records)).toEqual([[victim]]);
    expect(invalid[0]?.issues?.[0]?.rule).toMatch(/^a valid IBAN .*quality: strict$/);
    expect(target.simulator.log.count({ method: 'POST', path: '/clients' })).toBe(2);
  });

  it('fails the one record with Billomat\'s own message when the account checks IBANs itself', async () => {
    const { result, target, victim } = await migrate('warn', true);
    const failed = result.outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => [o.records[0], o.error?.vendorMessage])).toEqual([[victim, expect.stringContaining('bank_iban') as string]]);
    expect(result.outcomes.filter((o) => o.status === 'created')).toHaveLength(2);
    expect(target.simulator.store.count()).toBe(2);
  });
});
