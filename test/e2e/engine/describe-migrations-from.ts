import { afterAll, describe, expect, it } from 'vitest';
import { lossinessBetween } from '../../../src/mapping/lossiness.js';
import { createPlaceholderMatcher } from '../../../src/mapping/placeholders.js';
import { listCalls } from '../../../src/sync/cost.js';
import { runPair } from '../../../src/sync/index.js';
import { API_VENDOR_IDS, type ApiVendorId } from '../../../src/vendors/ids.js';
import { pairSettings, simulated, tempStore, type SimulatedSide } from '../../helpers/pair.js';
import { contentKey, decodedClients, valueAt } from '../../helpers/records.js';

const N = 1000;
/** Share of the source's clients holding dirty-but-real values (issue 17): placeholders, sentinels, unchecked IBANs. */
const DIRTY = 0.1;
const PLAUSIBILITY = /a valid (IBAN|BIC|VAT number|e-mail address|Belgian structured message)/;
const placeholders = createPlaceholderMatcher();

const otherCalls = (vendor: ApiVendorId): number => (vendor === 'factuursturen' ? 1 : 0); // FactuurSturen's /countrylist, once per connector

/*
 * A migration of 1,000 clients in each direction out of one vendor: one test file per source vendor
 * (migrate-from-*.test.ts), so the six directions run side by side on the suite's two workers.
 */
export function describeMigrationsFrom(from: ApiVendorId): void {
  const started: SimulatedSide[] = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.simulator.close()));
  });
  describe.each(API_VENDOR_IDS.filter((to) => to !== from))(`a migration of 1,000 clients from ${from} to %s`, (to) => {
    it('creates every client the target can hold exactly once (10 % with dirty values: none refused for a plausibility check, every finding reported), with every surviving field equal, at the minimum of calls; a second run writes no record', { timeout: 540_000 }, async () => {
      const source = await simulated(from, 'source', { clients: N, seed: 21, rateLimit: false, dirtyShare: DIRTY });
      const target = await simulated(to, 'target', { clients: 0, rateLimit: false });
      started.push(source, target);
      const { store } = tempStore();
      const pair = pairSettings({ name: `${from}-${to}` });
      const sourceSide = await source.side();
      const targetSide = await target.side();

      const first = await runPair({ pair, from: sourceSide, to: targetSide, store, command: 'migrate' });

      // Exactly the source's clients: created once, or refused before any call with the limit named.
      const created = first.outcomes.filter((o) => o.status === 'created');
      const invalid = first.actions.filter((a) => a.kind === 'invalid');
      expect(created.length + invalid.length).toBe(N);
      expect(invalid.length).toBeLessThan(N * 0.05);
      for (const action of invalid) expect(action.issues?.[0]?.rule).toMatch(/characters|valid|required/);
      // Issue 17: no record is refused for a plausibility rule; every record with a finding as read is in the report.
      const refusedForPlausibility = invalid.filter((a) => (a.issues ?? []).some((i) => PLAUSIBILITY.test(i.rule)));
      expect(refusedForPlausibility).toEqual([]);
      const sourceRead = source.simulator.store.list().map((raw) => sourceSide.mapping.decode(raw, undefined, { placeholders }));
      const withFindings = sourceRead.filter((d) => d.findings.length > 0).length;
      const readSide = first.quality?.sides.find((s) => s.connection === 'source' && s.stage === 'read');
      const reportedRecords = new Set(readSide?.rules.flatMap((r) => r.findings.map((f) => f.record)) ?? []);
      expect(withFindings).toBeGreaterThan(N * DIRTY * 0.5);
      expect(reportedRecords.size).toBe(withFindings);
      expect(readSide?.rules.reduce((sum, r) => sum + r.findings.length, 0)).toBe(sourceRead.reduce((sum, d) => sum + d.findings.length, 0));
      // The closing note's figures: records and findings per side and rule, and what was refused for which limit.
      const refusedFor = new Map<string, number>();
      for (const action of invalid) {
        const rule = `${action.issues?.[0]?.field.split(' ')[0] ?? '?'} ${action.issues?.[0]?.rule ?? '?'}`;
        refusedFor.set(rule, (refusedFor.get(rule) ?? 0) + 1);
      }
      const perRule = (first.quality?.sides ?? []).map((s) => `${s.connection}/${s.stage}: ${s.rules.map((r) => `${r.rule} ${String(r.findings.length)} findings in ${String(r.records)} records`).join(', ')}`).join('; ');
      console.info(`[issue 17] ${from} → ${to}: ${N} clients, ${withFindings} with findings as read (${first.quality?.findings ?? 0} findings in ${first.quality?.records ?? 0} records in all; ${perRule}), created ${created.length}, refused ${invalid.length} (${[...refusedFor].map(([rule, n]) => `${rule}: ${String(n)}`).join(', ') || 'none'}; for a plausibility rule: ${refusedForPlausibility.length})`);
      expect(first.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
      const targetClients = decodedClients(target.simulator, targetSide.mapping);
      expect(targetClients.size).toBe(created.length);
      const keys = [...targetClients.values()].map(contentKey);
      expect(new Set(keys).size).toBe(keys.length);

      // The minimum of calls: the source's list pages, one list call on the empty target, the creates;
      // for Billomat one call per custom value it can hold plus one look at its client properties; for
      // an empty EenvoudigFactureren account, one refused create per custom field it turns out not to
      // define (nothing tells them before), sent again without it.
      const sourceHasCustomValues = [...decodedClients(source.simulator, sourceSide.mapping, { placeholders }).values()].some((c) => (c.customValues?.length ?? 0) > 0);
      const propertyWrites = target.simulator.log.count({ method: 'POST', path: '/client-property-values' });
      const propertyLookups = target.simulator.log.count({ method: 'GET', path: '/client-properties' });
      const refusedFields = target.simulator.log.count({ method: 'POST', path: '/clients', status: 400 });
      expect(propertyLookups).toBe(to === 'billomat' && sourceHasCustomValues ? 1 : 0);
      expect(refusedFields).toBeLessThanOrEqual(to === 'eenvoudigfactureren' ? 3 : 0);
      expect(first.calls.source?.calls).toBe(listCalls(sourceSide.connector, N) + otherCalls(from));
      expect(first.calls.target?.calls).toBe(1 + otherCalls(to) + created.length + propertyWrites + propertyLookups + refusedFields);
      expect(target.simulator.log.entries.length).toBe(first.calls.target?.calls);
      expect(target.simulator.log.entries.filter((e) => e.method === 'GET' && /^\/clients\/\d+$/.test(e.path))).toEqual([]);

      // A second run writes no record (deferred markers fill spare budget, and are counted apart).
      target.simulator.log.clear();
      const second = await runPair({ pair, from: await source.side(), to: await target.side(), store, command: 'migrate' });
      const recordWrites = target.simulator.log.entries.filter((e) => e.method !== 'GET' && !e.path.endsWith('/customfield'));
      expect(recordWrites).toEqual([]);
      expect(second.outcomes.filter((o) => o.status === 'created' || o.status === 'updated' || o.status === 'archived')).toEqual([]);
      expect(second.plan.counts.skip).toBe(created.length);

      // After the second run (deferred markers written), every value the source holds in a field the lossiness matrix says survives arrives unchanged,
      // unless this record reported it dropped. (A field the source leaves empty may hold the target's
      // own default, such as FactuurSturen's stddiscount "0".)
      const survivors = lossinessBetween(sourceSide.mapping, targetSide.mapping).entries.filter((e) => e.fate === 'survives').map((e) => e.path);
      const sourceClients = decodedClients(source.simulator, sourceSide.mapping, { placeholders });
      const targetClientsAfter = decodedClients(target.simulator, targetSide.mapping);
      let compared = 0;
      for (const link of store.links('target')) {
        const sourceId = store.links('source').find((l) => l.externalId === link.externalId)?.nativeId;
        const before = sourceClients.get(sourceId ?? '');
        const after = targetClientsAfter.get(link.nativeId);
        expect(before).toBeDefined();
        expect(after).toBeDefined();
        if (before === undefined || after === undefined) continue;
        const outcome = first.outcomes.find((o) => o.externalId === link.externalId);
        // Custom values the target account does not define are left out and reported (EF refuses them).
        const refusedParts = (outcome?.dropped ?? []).some((d) => /custom_?values/i.test(d.field));
        const dropped = new Set((outcome?.dropped ?? []).map((d) => d.field.split(' ')[0]?.replace(/\[\d+\]/, '[]')));
        for (const path of survivors) {
          // Contacts are synced only when a pair asks for them (off by default).
          if (path.startsWith('contacts[]') || (refusedParts && path.startsWith('customValues[]'))) continue;
          if ([...dropped].some((d) => d !== undefined && (d === path || path.startsWith(d.split('[]')[0] ?? '\0')))) continue;
          const value = valueAt(before, path);
          if (value === undefined || (Array.isArray(value) && value.every((v) => v === undefined))) continue;
          expect(valueAt(after, path), `${link.externalId} ${path}`).toEqual(value);
          compared += 1;
        }
      }
      expect(compared).toBeGreaterThan(created.length * 5);

      // And once markers are in, a third run makes list calls only.
      target.simulator.log.clear();
      await runPair({ pair, from: await source.side(), to: await target.side(), store, command: 'migrate' });
      expect(target.simulator.log.entries.filter((e) => e.method !== 'GET')).toEqual([]);
      store.close();
    });
  });
}
