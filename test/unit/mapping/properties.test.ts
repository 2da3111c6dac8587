import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CustomerSchema, type Customer } from '../../../src/canonical/customer.js';
import { loadMappings } from '../../../src/mapping/index.js';
import { lossinessBetween } from '../../../src/mapping/lossiness.js';
import type { Mapping } from '../../../src/mapping/mapping.js';
import { VENDOR_IDS, type VendorId } from '../../../src/vendors/ids.js';
import { buildCustomer, fieldPlans, getPath, recordArb } from '../../helpers/arbitraries.js';

let mappings: Record<VendorId, Mapping>;
beforeAll(async () => {
  mappings = await loadMappings();
});

/** Lists stay lists; everything else is a flat path. */
function toCustomer(record: Record<string, unknown>, vendor: VendorId): Customer {
  const flat: Record<string, unknown> = {};
  const lists: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 'contacts' || k === 'customValues') lists[k] = v;
    else flat[k] = v;
  }
  return { ...buildCustomer(flat, vendor), ...Object.fromEntries(Object.entries(lists).filter(([, v]) => v !== undefined)) };
}

/** The value at a path, with `[]` meaning "the field of every item". */
function valueAt(customer: Customer, path: string): unknown {
  const bracket = path.indexOf('[]');
  if (bracket < 0) return path.startsWith('extensions.') ? getPath(customer, path.split('.').slice(0, 2).join('.'))?.[path.split('.').slice(2).join('.') as never] : getPath(customer, path);
  const items = getPath(customer, path.slice(0, bracket));
  return Array.isArray(items) ? items.map((item) => getPath(item, path.slice(bracket + 3))) : undefined;
}

describe('property: decode(encode(c)) == c for every field a vendor maps losslessly', () => {
  for (const vendor of VENDOR_IDS) {
    it(`holds for ${vendor}`, () => {
      const mapping = mappings[vendor];
      const lossless = [...mapping.fields.values()].filter((f) => f.writes && f.lossless).map((f) => f.path);
      expect(lossless.length).toBeGreaterThan(20);
      // A field the vendor requires is always generated, even when it is not itself lossless (EF's name).
      const required = [...mapping.fields.values()].filter((f) => f.writes && !f.lossless && f.rule.limit?.required === true).map((f) => f.path).slice(0, 1);
      const checked = fieldPlans(lossless, mapping, [mapping]);
      const plans = [...checked, ...fieldPlans(required, mapping, [mapping]).map((p) => ({ ...p, required: true }))];
      expect(checked.length).toBeGreaterThan(20);
      fc.assert(
        fc.property(recordArb(plans), (record) => {
          const customer = toCustomer(record, vendor);
          expect(CustomerSchema.safeParse(customer).success).toBe(true);
          const encoded = mapping.encode(customer, 'property', { mode: 'create' });
          expect(encoded.issues).toEqual([]);
          const decoded = mapping.decode(encoded.body, 'property');
          expect(decoded.issues).toEqual([]);
          for (const plan of checked) expect(valueAt(decoded.customer, plan.path)).toEqual(valueAt(customer, plan.path));
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('property: what the lossiness matrix calls "survives" survives source → canonical → target → canonical', () => {
  for (const from of VENDOR_IDS) {
    for (const to of VENDOR_IDS.filter((v) => v !== from)) {
      it(`holds from ${from} to ${to}`, () => {
        const source = mappings[from];
        const target = mappings[to];
        const direction = lossinessBetween(source, target);
        const survivors = direction.entries.filter((e) => e.fate === 'survives').map((e) => e.path);
        expect(survivors.length).toBeGreaterThan(10);
        const writable = [...source.fields.values()].filter((f) => f.writes).map((f) => f.path);
        const plans = fieldPlans(writable, source, [source, ...(writable.length > 0 ? [target] : [])].filter((m, i, all) => all.indexOf(m) === i)).map((plan) =>
          survivors.includes(plan.path) ? plan : { ...plan, arbitrary: fieldPlans([plan.path], source, [source])[0]?.arbitrary ?? plan.arbitrary },
        );
        fc.assert(
          fc.property(recordArb(plans), (record) => {
            const original = toCustomer(record, from);
            const sourceRaw = source.encode(original, 'property', { mode: 'create' });
            expect(sourceRaw.issues).toEqual([]);
            const inSource = source.decode(sourceRaw.body, 'property');
            expect(inSource.issues).toEqual([]);
            const targetRaw = target.encode(inSource.customer, 'property', { mode: 'create' });
            const failed = new Set([...targetRaw.issues, ...targetRaw.dropped].map((i) => i.field.split(' ')[0]));
            const inTarget = target.decode(targetRaw.body, 'property');
            expect(inTarget.issues).toEqual([]);
            for (const path of survivors) {
              if ([...failed].some((f) => f !== undefined && path.startsWith(f.replace(/\[\d+\]/, '[]')))) continue;
              expect(valueAt(inTarget.customer, path), path).toEqual(valueAt(inSource.customer, path));
            }
          }),
          { numRuns: 100 },
        );
      });
    }
  }
});
