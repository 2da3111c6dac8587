import { describe, expect, it } from 'vitest';
import { loadMapping } from '../../../src/mapping/index.js';
import { DEFAULT_SANDBOX_CREDENTIALS } from '../../../src/sandbox/index.js';
import { project } from '../../../src/sync/fields.js';
import { resolvePairSettings, type SyncSide } from '../../../src/sync/index.js';
import { createPlanContext } from '../../../src/sync/plan-context.js';
import { planRun } from '../../../src/sync/plan.js';
import { reconcile } from '../../../src/sync/reconcile.js';
import { toSideRecord } from '../../../src/sync/side-records.js';
import type { ApiVendorId } from '../../../src/vendors/ids.js';
import { createConnector } from '../../../src/vendors/registry.js';

/** An invented FactuurSturen client, as the connector lists one. */
const RAW = {
  clientnr: '7', contact: 'Anna de Vries', showcontact: 'true', company: 'Bakkerij Voorbeeld', address: 'Dorpsstraat 1', zipcode: '1234 AB', city: 'Utrecht',
  phone: '030 1234567', email: 'info@voorbeeld.nl', active: 'true', currency: 'EUR', top: '14', timestamp: '2020-01-02 10:00:00',
};

/** A side whose connector is never called: planning asks it only for its capabilities. */
async function offlineSide(name: string, vendor: ApiVendorId): Promise<SyncSide> {
  const mapping = await loadMapping(vendor);
  let decodes = 0;
  const counted = { ...mapping, decode: (...args: Parameters<typeof mapping.decode>) => ((decodes += 1), mapping.decode(...args)) };
  const connector = createConnector({ name, vendor, baseUrl: 'http://127.0.0.1:9/api', credentials: DEFAULT_SANDBOX_CREDENTIALS[vendor], mapping: counted });
  return Object.assign({ name, connector, mapping: counted }, { decodes: () => decodes });
}

describe('a planned create', () => {
  it('works out what the target should read back from its body only when asked, also on a copy of the step', async () => {
    const from = await offlineSide('fs', 'factuursturen');
    const to = (await offlineSide('bm', 'billomat')) as SyncSide & { decodes: () => number };
    const settings = resolvePairSettings({ name: 'fs-bm', mode: 'one-way' });
    const isLinked = (): boolean => false;
    const record = toSideRecord(from, RAW, new Map());
    if (record === undefined) throw new Error('the record did not decode');
    const context = createPlanContext({ settings, from, to, isLinked, linkedCount: 0, fromSnapshots: new Map(), toSnapshots: new Map() });
    const plan = planRun(context, reconcile({ from: [record], to: [], settings, isLinked, fromConnection: 'fs', toConnection: 'bm' }));
    const step = plan.steps.find((s) => s.op === 'create');
    if (step?.body === undefined) throw new Error('no create planned');
    // Planning did not decode the body it built: nothing keeps the result through the apply.
    expect(to.decodes()).toBe(0);

    const held = project(to.mapping.decode(step.body, record.label).customer, context.tracked);
    expect(Object.keys(held).length).toBeGreaterThan(3);
    expect(step.state?.snapshots.to).toEqual(held);
    expect(step.state?.snapshots.from).toEqual(project(record.customer ?? {}, context.tracked));
    expect(step.state?.provisional).toEqual(['to']);
    expect(step.expected).toEqual(project(to.mapping.decode(step.body, record.label).customer, context.createFields.toTo));
    // A copy (as a decision or a marker makes one) carries the values, not a getter that lost its step.
    const copy = { ...step };
    expect(copy.expected).toEqual(step.expected);
    expect(copy.state).toEqual(step.state);
  });
});
