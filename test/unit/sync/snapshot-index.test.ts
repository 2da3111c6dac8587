import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/store/index.js';
import type { StateStore } from '../../../src/store/types.js';
import { readSnapshotIndex, summaryOf } from '../../../src/sync/snapshot-index.js';
import { fingerprint } from '../../../src/sync/fields.js';

const FIELDS = ['name', 'customValues'];

function storeWith(count: number): StateStore {
  const store = createSqliteStore({ file: ':memory:' });
  store.transaction(() => {
    for (let i = 0; i < count; i++) {
      const values = i === 3 ? { name: `C${i}`, customValues: [{ name: 'kvk', value: '1' }] } : { name: `C${i}` };
      store.putSnapshot({ pair: 'p', connection: 'bm', externalId: `fs-${String(i).padStart(3, '0')}`, record: { values, fields: FIELDS, ...(i === 4 ? { provisional: true, written: ['name'] } : {}) }, fingerprint: `f${i}` });
    }
    store.putSnapshot({ pair: 'p', connection: 'bm', externalId: 'odd', record: { name: 'not a base' }, fingerprint: 'fo' });
  });
  return store;
}

/** Counts the pages and the single snapshots read through `store`. */
function counting(store: StateStore): { reader: Pick<StateStore, 'snapshotPage' | 'snapshot'>; pages: number[]; single: string[] } {
  const out = { pages: [] as number[], single: [] as string[] };
  return Object.assign(out, {
    reader: {
      snapshotPage: (pair: string, connection: string, page: { after?: string | undefined; limit: number }) => {
        const rows = store.snapshotPage(pair, connection, page);
        out.pages.push(rows.length);
        return rows;
      },
      snapshot: (pair: string, connection: string, externalId: string) => {
        out.single.push(externalId);
        return store.snapshot(pair, connection, externalId);
      },
    },
  });
}

describe('the snapshot index of a run', () => {
  it('reads the snapshots a page at a time and keeps their summaries, reading none whole', () => {
    const store = storeWith(25);
    const reads = counting(store);
    const index = readSnapshotIndex(reads.reader, 'p', 'bm', 10);
    expect(reads.pages).toEqual([10, 10, 6]);
    expect(index.size).toBe(26);
    expect(index.summary('fs-001')).toEqual({ fingerprint: 'f1', base: true, provisional: false, fields: FIELDS, customValues: undefined });
    expect(index.summary('fs-003')?.customValues).toBe(fingerprint({ customValues: [{ name: 'kvk', value: '1' }] }));
    expect(index.summary('fs-004')?.provisional).toBe(true);
    expect(index.summary('odd')).toMatchObject({ fingerprint: 'fo', base: false });
    // One shared list of tracked fields for all of them.
    expect(index.summary('fs-001')?.fields).toBe(index.summary('fs-024')?.fields);
    expect(reads.single).toEqual([]);
  });

  it('reads a snapshot whole only when asked for, once, and keeps it as it was before the run', () => {
    const store = storeWith(5);
    const reads = counting(store);
    const index = readSnapshotIndex(reads.reader, 'p', 'bm');
    expect(index.get('missing')).toBeUndefined();
    index.pin('fs-002');
    store.putSnapshot({ pair: 'p', connection: 'bm', externalId: 'fs-002', record: { values: { name: 'new' }, fields: FIELDS }, fingerprint: 'new' });
    expect(index.get('fs-002')).toMatchObject({ fingerprint: 'f2', record: { values: { name: 'C2' } } });
    expect(index.get('fs-001')?.record).toEqual({ values: { name: 'C1' }, fields: FIELDS });
    expect(index.get('fs-001')?.fingerprint).toBe('f1');
    expect(reads.single).toEqual(['fs-002', 'fs-001']);
  });

  it('gives the same summary for a snapshot held in a plain map', () => {
    const store = storeWith(5);
    const index = readSnapshotIndex(store, 'p', 'bm');
    const all = store.snapshots('p', 'bm');
    for (const id of ['fs-000', 'fs-003', 'fs-004', 'odd', 'missing']) expect(summaryOf(all, id)).toEqual(index.summary(id));
  });
});
