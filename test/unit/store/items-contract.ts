import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../../src/store/index.js';
import { decideItems, decidedItems, handItem, itemId, markApplied, recordFindings, reopenItems, type Finding } from '../../../src/store/open-items.js';
import type { StoreBackend } from './store-contract.js';

/** The open items (conflicts, review candidates, invalid records, failed writes, decisions) on every backend. */
export function describeItemsContract(backend: StoreBackend): void {
  const open: StateStore[] = [];
  const storeOf = (): StateStore => {
    const store = backend.open();
    open.push(store);
    return store;
  };
  const conflict = (city: string): Finding => ({ kind: 'conflict', externalId: 'ef-1', field: 'billingAddress.city', detail: { base: 'Gent', from: city, to: 'Köln' } });
  const review: Finding = { kind: 'review', externalId: 'fs-7', detail: { candidates: [{ record: 'billomat:3', matchedOn: ['vat'] }] } };

  describe(`the ${backend.name} state store: open items`, () => {
    beforeEach(async () => {
      await backend.reset();
    });
    afterEach(() => {
      for (const store of open.splice(0)) store.close();
    });

    it('opens an item per finding with a stable id, and reads it back from another handle as written', () => {
      const store = storeOf();
      const { opened } = recordFindings(store, { pair: 'p', runId: 'run-1', findings: [conflict('Leuven'), review], now: 1_000 });
      expect(opened).toEqual([itemId('p', 'conflict', 'ef-1', 'billingAddress.city'), itemId('p', 'review', 'fs-7')]);
      expect(opened[0]).toMatch(/^c-[0-9a-f]{8}$/);
      const [item] = storeOf().items({ pair: 'p', ids: [opened[0] ?? ''] });
      expect(item).toEqual({
        id: opened[0], pair: 'p', kind: 'conflict', externalId: 'ef-1', field: 'billingAddress.city', state: 'open', detail: { base: 'Gent', from: 'Leuven', to: 'Köln' },
        decision: undefined, decidedBy: undefined, decidedAt: undefined, appliedRun: undefined, openedRun: 'run-1', openedAt: 1_000, closedAt: undefined, updatedAt: 1_000,
      });
      expect(store.items({ pair: 'other' })).toEqual([]);
      expect(store.items({ states: ['resolved'] })).toEqual([]);
      expect(store.items({ ids: [] })).toEqual([]);
    });

    it('keeps an item found again under its id with the newest detail, and closes one the data no longer produces', () => {
      const store = storeOf();
      recordFindings(store, { pair: 'p', runId: 'run-1', findings: [conflict('Leuven'), review], now: 1_000 });
      const second = recordFindings(store, { pair: 'p', runId: 'run-2', findings: [conflict('Brugge')], now: 2_000 });
      expect(second).toEqual({ opened: [], closed: [itemId('p', 'review', 'fs-7')] });
      const items = store.items({ pair: 'p' });
      expect(items.map((i) => [i.kind, i.state, i.openedRun, i.closedAt, i.detail.from ?? null])).toEqual([
        ['conflict', 'open', 'run-1', undefined, 'Brugge'],
        ['review', 'resolved', 'run-1', 2_000, null],
      ]);
    });

    it('writes nothing for an item found again exactly as it was', () => {
      const store = storeOf();
      recordFindings(store, { pair: 'p', runId: 'run-1', findings: [conflict('Leuven'), review], now: 1_000 });
      const written: number[] = [];
      const putItems = store.putItems.bind(store);
      store.putItems = (items) => {
        written.push(items.length);
        putItems(items);
      };
      recordFindings(store, { pair: 'p', runId: 'run-2', findings: [conflict('Leuven'), review], now: 2_000 });
      expect(written).toEqual([0]);
      expect(store.items({ pair: 'p' }).map((i) => [i.state, i.updatedAt])).toEqual([['open', 1_000], ['open', 1_000]]);
    });

    it('reopens a settled item that comes back, with the same id and without the old decision', () => {
      const store = storeOf();
      recordFindings(store, { pair: 'p', runId: 'run-1', findings: [conflict('Leuven')], now: 1_000 });
      const [item] = store.items({ pair: 'p' });
      decideItems(store, item === undefined ? [] : [item], { action: 'take', side: 'to' }, 'accountant', 1_500);
      markApplied(store, store.items({ pair: 'p' }), 'run-2', 2_000);
      expect(store.items({ pair: 'p' }).map((i) => [i.state, i.appliedRun])).toEqual([['resolved', 'run-2']]);
      const again = recordFindings(store, { pair: 'p', runId: 'run-3', findings: [conflict('Ieper')], now: 3_000 });
      expect(again.opened).toEqual([item?.id]);
      expect(store.items({ pair: 'p' }).map((i) => [i.state, i.decision, i.openedRun])).toEqual([['open', undefined, 'run-3']]);
    });

    it('holds a decision with who took it and when until a run carries it out', () => {
      const store = storeOf();
      recordFindings(store, { pair: 'p', runId: 'run-1', findings: [conflict('Leuven'), review], now: 1_000 });
      const [first, second] = store.items({ pair: 'p' });
      if (first === undefined || second === undefined) throw new Error('two items expected');
      decideItems(store, [first], { action: 'value', value: 'Antwerpen' }, 'accountant', 1_500);
      decideItems(store, [second], { action: 'accept', candidate: 'billomat:3' }, 'bookkeeper', 1_600);
      expect(decidedItems(storeOf(), 'p').map((i) => [i.id, i.state, i.decision, i.decidedBy, i.decidedAt])).toEqual([
        [first.id, 'open', { action: 'value', value: 'Antwerpen' }, 'accountant', 1_500],
        [second.id, 'open', { action: 'accept', candidate: 'billomat:3' }, 'bookkeeper', 1_600],
      ]);
      markApplied(store, [store.items({ ids: [first.id] })[0] ?? first], 'run-2', 2_000);
      expect(decidedItems(store, 'p').map((i) => i.id)).toEqual([second.id]);
    });

    it('keeps an ignored record dismissed while it is found again, until it is un-ignored', () => {
      const store = storeOf();
      recordFindings(store, { pair: 'p', runId: 'run-1', findings: [review], now: 1_000 });
      decideItems(store, store.items({ pair: 'p' }), { action: 'ignore' }, 'accountant', 1_500);
      recordFindings(store, { pair: 'p', runId: 'run-2', findings: [review], now: 2_000 });
      recordFindings(store, { pair: 'p', runId: 'run-3', findings: [], now: 3_000 });
      expect(store.items({ pair: 'p' }).map((i) => [i.state, i.decision?.action])).toEqual([['dismissed', 'ignore']]);
      expect(decidedItems(store, 'p')).toHaveLength(1);
      reopenItems(store, store.items({ pair: 'p' }), 4_000);
      recordFindings(store, { pair: 'p', runId: 'run-4', findings: [], now: 5_000 });
      expect(store.items({ pair: 'p' }).map((i) => [i.state, i.decision])).toEqual([['resolved', undefined]]);
    });

    it('reopens a record skipped until its source changes once it is found again', () => {
      const store = storeOf();
      const invalid: Finding = { kind: 'invalid', externalId: 'fs-9', detail: { issues: [{ field: 'name', rule: 'required' }] } };
      recordFindings(store, { pair: 'p', runId: 'run-1', findings: [invalid], now: 1_000 });
      decideItems(store, store.items({ pair: 'p' }), { action: 'skip' }, 'accountant', 1_500);
      recordFindings(store, { pair: 'p', runId: 'run-2', findings: [], now: 2_000 });
      expect(store.items({ pair: 'p' }).map((i) => i.state)).toEqual(['dismissed']);
      recordFindings(store, { pair: 'p', runId: 'run-3', findings: [invalid], now: 3_000 });
      expect(store.items({ pair: 'p' }).map((i) => [i.state, i.decision])).toEqual([['open', undefined]]);
    });

    it('keeps a link made by hand open until a run carries it out, whatever the runs find', () => {
      const store = storeOf();
      const link = handItem('p', 'link', 'from:12 to:34', { from: '12', to: '34' }, 1_000);
      store.putItems([link]);
      decideItems(store, [link], { action: 'link', from: '12', to: '34' }, 'accountant', 1_000);
      recordFindings(store, { pair: 'p', runId: 'run-1', findings: [], now: 2_000 });
      expect(store.items({ pair: 'p' }).map((i) => [i.id, i.kind, i.state])).toEqual([[link.id, 'link', 'open']]);
      markApplied(store, decidedItems(store, 'p'), 'run-2', 3_000);
      expect(store.items({ pair: 'p', states: ['resolved'] }).map((i) => i.appliedRun)).toEqual(['run-2']);
    });

    it('writes items inside a transaction all or nothing', () => {
      const store = storeOf();
      expect(() =>
        store.transaction(() => {
          recordFindings(store, { pair: 'p', runId: 'run-1', findings: [review], now: 1_000 });
          throw new Error('stop');
        }),
      ).toThrow('stop');
      expect(store.items()).toEqual([]);
    });
  });
}
