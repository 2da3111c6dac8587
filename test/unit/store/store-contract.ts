import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunLockedError } from '../../../src/errors/index.js';
import type { StateStore } from '../../../src/store/index.js';

/** How the contract reaches one backend. */
export interface StoreBackend {
  /** Shown in the suite's name: "SQLite", "PostgreSQL". */
  readonly name: string;
  /** Makes the next `open` land on a new, empty store (a new file, an emptied database). */
  readonly reset: () => void | Promise<void>;
  /** Opens (another handle on) the current store, as another process would. */
  readonly open: (options?: { now?: () => number; pid?: number }) => StateStore;
}

/**
 * What every state store does, whatever holds it: the suite `sqlite-store.test.ts` and
 * `postgres-store.test.ts` both run. What only one backend can show (WAL, pid-based stale locks;
 * advisory locks freed with a dead connection) stays in that backend's file.
 */
export function describeStoreContract(backend: StoreBackend): void {
  const open: StateStore[] = [];
  const storeOf = (options?: { now?: () => number; pid?: number }): StateStore => {
    const store = backend.open(options);
    open.push(store);
    return store;
  };

  describe(`the ${backend.name} state store (contract)`, () => {
    beforeEach(async () => {
      await backend.reset();
    });
    afterEach(() => {
      for (const store of open.splice(0)) store.close();
    });

    describe('run locks', () => {
      it('lets one run at a time work on a pair, and names the running one to the second', () => {
        const first = storeOf();
        const run = first.beginRun('fs->bm', 'migrate');
        const second = storeOf();
        expect(() => second.beginRun('fs->bm', 'sync')).toThrow(RunLockedError);
        expect(() => second.beginRun('fs->bm', 'sync')).toThrow(new RegExp(`run ${run.id} \\("client-sync migrate", process ${process.pid}`));
        expect(second.beginRun('ef<->bm', 'sync').status).toBe('running');
        first.finishRun(run.id, 'ok', { created: 1 });
        expect(second.beginRun('fs->bm', 'sync').status).toBe('running');
      });

      it('refuses a second run on a pair to the process that already runs it', () => {
        const store = storeOf();
        const run = store.beginRun('fs->bm', 'sync');
        expect(() => store.beginRun('fs->bm', 'sync')).toThrow(new RegExp(`run ${run.id}`));
      });

      it('excludes runs of different pairs that share a lock key, naming the pair that holds it', () => {
        const first = storeOf();
        first.beginRun('fs->bm', 'sync', 'conn:bm');
        const second = storeOf();
        expect(() => second.beginRun('ef->bm', 'sync', 'conn:bm')).toThrow(/ef->bm \(through pair fs->bm\)/);
      });

      it('records how a run ended, with its summary and report, newest run first', () => {
        let t = 1_000;
        const store = storeOf({ now: () => t });
        const first = store.beginRun('p', 'migrate');
        store.heartbeat(first.id);
        t = 2_000;
        store.finishRun(first.id, 'partial', { created: 3, failed: 1 }, 'reports/one.md');
        const second = store.beginRun('p', 'sync');
        expect(store.runs({ pair: 'p' }).map((r) => [r.id, r.status, r.finishedAt, r.summary, r.report])).toEqual([
          [second.id, 'running', undefined, undefined, undefined],
          [first.id, 'partial', 2_000, { created: 3, failed: 1 }, 'reports/one.md'],
        ]);
        expect(store.runs({ limit: 1 }).map((r) => r.id)).toEqual([second.id]);
      });

      it('orders runs begun in the same millisecond by when they began', () => {
        const store = storeOf({ now: () => 5_000 });
        const ids = ['a', 'b', 'c', 'd'].map((pair) => store.beginRun(pair, 'sync').id);
        expect(store.runs().map((r) => r.id)).toEqual(ids.reverse());
      });
    });

    describe('links and snapshots', () => {
      it('keeps one link per native record: a newer external id replaces the older one', () => {
        const store = storeOf();
        store.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '100', markerWritten: false });
        store.putLink({ connection: 'bm', externalId: 'fs-2', nativeId: '100', markerWritten: true });
        expect(store.links('bm').map((l) => [l.externalId, l.nativeId, l.markerWritten])).toEqual([['fs-2', '100', true]]);
        expect(store.link('bm', 'fs-1')).toBeUndefined();
      });

      it('updates a link in place and removes it', () => {
        const store = storeOf({ now: () => 7_000 });
        store.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '100', markerWritten: false });
        store.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '101', markerWritten: true });
        expect(store.link('bm', 'fs-1')).toEqual({ connection: 'bm', externalId: 'fs-1', nativeId: '101', markerWritten: true, createdAt: 7_000 });
        store.removeLink('bm', 'fs-1');
        expect(store.links('bm')).toEqual([]);
      });

      it('stores snapshots per pair and side', () => {
        const store = storeOf({ now: () => 9_000 });
        store.putSnapshot({ pair: 'p', connection: 'bm', externalId: 'fs-1', record: { name: 'A' }, fingerprint: 'f1' });
        store.putSnapshot({ pair: 'p', connection: 'fs', externalId: 'fs-1', record: { name: 'A' }, fingerprint: 'f2' });
        expect([...store.snapshots('p', 'bm').values()].map((s) => [s.externalId, s.record, s.fingerprint, s.syncedAt])).toEqual([['fs-1', { name: 'A' }, 'f1', 9_000]]);
        store.removeSnapshot('p', 'bm', 'fs-1');
        expect(store.snapshots('p', 'bm').size).toBe(0);
      });

      it('reads back thousands of links and snapshots, record for record as written', () => {
        const store = storeOf();
        const record = (i: number): Record<string, unknown> => ({ name: `Client ${i}`, vat: null, tags: ['a', 'ü'], address: { city: 'Gent', zip: `90${i % 100}` }, discount: i / 7 });
        store.transaction(() => {
          for (let i = 0; i < 2_000; i++) {
            store.putLink({ connection: 'bm', externalId: `fs-${i}`, nativeId: String(10_000 + i), markerWritten: i % 2 === 0 });
            store.putSnapshot({ pair: 'p', connection: 'bm', externalId: `fs-${i}`, record: record(i), fingerprint: `f${i}` });
          }
        });
        const links = store.links('bm');
        expect(links).toHaveLength(2_000);
        expect(links.find((l) => l.externalId === 'fs-1234')).toMatchObject({ nativeId: '11234', markerWritten: true });
        const snapshots = store.snapshots('p', 'bm');
        expect(snapshots.size).toBe(2_000);
        expect(snapshots.get('fs-1999')?.record).toEqual(record(1999));
        expect(JSON.stringify(snapshots.get('fs-7')?.record)).toBe(JSON.stringify(record(7)));
      });

      it('reads the snapshots of a pair a page at a time in external-id order, each one once, and one by its external id', () => {
        const store = storeOf();
        store.transaction(() => {
          for (let i = 0; i < 25; i++) store.putSnapshot({ pair: 'p', connection: 'bm', externalId: `fs-${String(i).padStart(2, '0')}`, record: { values: { name: `C${i}` }, fields: ['name'] }, fingerprint: `f${i}` });
          store.putSnapshot({ pair: 'p', connection: 'fs', externalId: 'fs-00', record: { values: {}, fields: [] }, fingerprint: 'other side' });
          store.putSnapshot({ pair: 'q', connection: 'bm', externalId: 'fs-00', record: { values: {}, fields: [] }, fingerprint: 'other pair' });
        });
        const pages: string[][] = [];
        let after: string | undefined;
        for (;;) {
          const page = store.snapshotPage('p', 'bm', { after, limit: 10 });
          pages.push(page.map((s) => s.externalId));
          if (page.length < 10) break;
          after = page.at(-1)?.externalId;
        }
        expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
        expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `fs-${String(i).padStart(2, '0')}`));
        expect(store.snapshot('p', 'bm', 'fs-07')).toMatchObject({ pair: 'p', connection: 'bm', externalId: 'fs-07', record: { values: { name: 'C7' }, fields: ['name'] }, fingerprint: 'f7' });
        expect(store.snapshot('p', 'bm', 'fs-99')).toBeUndefined();
        expect(store.snapshot('q', 'bm', 'fs-00')?.fingerprint).toBe('other pair');
      });

      it('reads the snapshots of a pair with one shared copy of each distinct list of tracked fields', () => {
        const store = storeOf();
        const fields = (i: number): string[] => (i % 10 === 0 ? ['name', 'status'] : ['name', 'channels.email', 'status']);
        store.transaction(() => {
          for (let i = 0; i < 100; i++) store.putSnapshot({ pair: 'p', connection: 'bm', externalId: `fs-${i}`, record: { values: { name: `C${i}` }, fields: fields(i) }, fingerprint: `f${i}` });
        });
        const snapshots = [...store.snapshots('p', 'bm').values()];
        expect(snapshots.map((s) => s.record.fields)).toEqual(snapshots.map((s) => fields(Number(s.externalId.slice(3)))));
        expect(new Set(snapshots.map((s) => s.record.fields)).size).toBe(2);
        expect(snapshots.every((s) => s.pair === 'p' && s.connection === 'bm')).toBe(true);
      });
    });

    it("stores values with quotes, backslashes, placeholders and SQL in them as they are, in a transaction or not", () => {
      const store = storeOf();
      const awkward = "O'Brien \\ $1 $2; DROP TABLE links; -- \nE'x' ü 🙂";
      const record = { name: awkward, notes: '\\x00 $$ ${}' };
      store.transaction(() => {
        store.putLink({ connection: 'bm', externalId: awkward, nativeId: `n-${awkward}`, markerWritten: true });
        store.putSnapshot({ pair: 'p', connection: 'bm', externalId: awkward, record, fingerprint: awkward });
        store.recordFailure({ pair: 'p', externalId: awkward, connection: 'bm', code: 'VENDOR_REJECTED', message: awkward });
      });
      store.putLink({ connection: 'fs', externalId: awkward, nativeId: awkward, markerWritten: false });
      expect(store.link('bm', awkward)?.nativeId).toBe(`n-${awkward}`);
      expect(store.link('fs', awkward)?.nativeId).toBe(awkward);
      expect(store.snapshots('p', 'bm').get(awkward)).toMatchObject({ record, fingerprint: awkward });
      expect(store.failures('p')[0]?.message).toBe(awkward);
    });

    describe('the journal', () => {
      it('journals intents and finds the ones whose outcome was never recorded', () => {
        const store = storeOf();
        const run = store.beginRun('p', 'migrate');
        const done = store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'fs-1', expected: { name: 'A' } });
        store.journalOutcome(done, 'done', { nativeId: '7' });
        store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'fs-2', expected: { name: 'B' } });
        const unknown = store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'fs-3' });
        store.journalOutcome(unknown, 'unknown', { detail: 'connection reset' });
        // Another pair's open write is neither pair p's open intent nor in pair p's journal.
        const other = store.beginRun('q', 'migrate');
        const elsewhere = store.journalIntent({ runId: other.id, pair: 'q', operation: 'create', connection: 'bm', externalId: 'fs-9' });
        expect(store.openIntents('p').map((e) => [e.externalId, e.state, e.expected])).toEqual([
          ['fs-2', 'intent', { name: 'B' }],
          ['fs-3', 'unknown', undefined],
        ]);
        expect(store.openIntents('q').map((e) => e.id)).toEqual([elsewhere]);
        expect(store.journal({ runId: run.id })[0]?.nativeId).toBe('7');
        expect(store.journal({ pair: 'p' }).map((e) => e.externalId)).toEqual(['fs-1', 'fs-2', 'fs-3']);
        expect(store.journal().map((e) => e.externalId)).toEqual(['fs-1', 'fs-2', 'fs-3', 'fs-9']);
      });

      it('keeps what an open create leaves behind until its outcome is recorded, and through an unknown outcome', () => {
        const store = storeOf();
        const run = store.beginRun('p', 'migrate');
        const leaves = { links: [{ connection: 'fs', nativeId: '12', markerWritten: false }], snapshots: { fs: { name: 'A' }, bm: { name: 'A' } }, fields: ['name'], provisional: ['bm'] };
        const lost = store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'fs-12', expected: { name: 'A' }, leaves });
        const done = store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'fs-13', leaves });
        expect(store.openIntents('p').map((e) => e.leaves)).toEqual([leaves, leaves]);
        store.journalOutcome(lost, 'unknown', { detail: 'connection reset' });
        store.journalOutcome(done, 'done', { nativeId: '7' });
        expect(store.openIntents('p').map((e) => [e.externalId, e.leaves])).toEqual([['fs-12', leaves]]);
        // Closed, it is no longer needed: the links and snapshots themselves were stored.
        expect(store.journal({ pair: 'p' }).find((e) => e.externalId === 'fs-13')?.leaves).toBeUndefined();
        store.journalOutcome(lost, 'resolved', { nativeId: '8' });
        expect(store.journal({ pair: 'p' }).map((e) => e.leaves)).toEqual([undefined, undefined]);
      });

      it('keeps what taking a write back needs, as it was given, next to the write', () => {
        const store = storeOf();
        const run = store.beginRun('p', 'sync');
        const undo = {
          replaced: { name: "O'Brien BV", 'billingAddress.city': 'Gent', contacts: [{ firstName: 'Jan' }] },
          wrote: { name: 'Brien BV' },
          links: { bm: { nativeId: '7', markerWritten: true }, fs: null },
          snapshots: { bm: { record: { values: { name: "O'Brien BV" }, fields: ['name'] }, fingerprint: 'f1' }, fs: null },
        };
        const id = store.journalIntent({ runId: run.id, pair: 'p', operation: 'update', connection: 'bm', externalId: 'fs-1', nativeId: '7', undo });
        store.journalOutcome(id, 'done');
        const plain = store.journalIntent({ runId: run.id, pair: 'p', operation: 'marker', connection: 'bm', externalId: 'fs-2', nativeId: '8' });
        store.journalOutcome(plain, 'done');
        expect(store.journal({ runId: run.id }).map((e) => [e.externalId, e.state, e.undo])).toEqual([
          ['fs-1', 'done', undo],
          ['fs-2', 'done', undefined],
        ]);
      });

      it('prunes closed entries older than the cut-off and keeps open ones whatever their age', () => {
        let t = 1000;
        const store = storeOf({ now: () => t });
        const run = store.beginRun('p', 'sync');
        const closed = store.journalIntent({ runId: run.id, pair: 'p', operation: 'update', connection: 'bm', externalId: 'a' });
        store.journalOutcome(closed, 'done');
        store.journalIntent({ runId: run.id, pair: 'p', operation: 'create', connection: 'bm', externalId: 'b' });
        t = 5000;
        const recent = store.journalIntent({ runId: run.id, pair: 'p', operation: 'update', connection: 'bm', externalId: 'c' });
        store.journalOutcome(recent, 'done');
        const other = store.journalIntent({ runId: run.id, pair: 'other', operation: 'update', connection: 'bm', externalId: 'd' });
        t = 1000;
        store.journalOutcome(other, 'done');
        expect(store.pruneJournal('p', 2000)).toBe(1);
        expect(store.journal().map((e) => e.externalId)).toEqual(['b', 'c', 'd']);
        // Another pair's old entries wait for that pair's own run.
        t = 5000;
        expect(store.pruneJournal('other', 9000)).toBe(1);
        expect(store.journal().map((e) => e.externalId)).toEqual(['b', 'c']);
      });
    });

    describe('failures', () => {
      it('counts attempts of a failing record until it succeeds', () => {
        let t = 1000;
        const store = storeOf({ now: () => t });
        store.recordFailure({ pair: 'p', externalId: 'fs-1', connection: 'bm', code: 'VENDOR_REJECTED', message: 'name too long' });
        t = 2000;
        store.recordFailure({ pair: 'p', externalId: 'fs-1', connection: 'bm', code: 'VENDOR_REJECTED', message: 'name too long' });
        expect(store.failures('p')).toEqual([{ pair: 'p', externalId: 'fs-1', connection: 'bm', code: 'VENDOR_REJECTED', message: 'name too long', attempts: 2, firstAt: 1000, lastAt: 2000 }]);
        store.clearFailure('p', 'fs-1');
        expect(store.failures()).toEqual([]);
      });
    });

    describe('transactions', () => {
      it('rolls back a failed transaction as a whole', () => {
        const store = storeOf();
        expect(() =>
          store.transaction(() => {
            store.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '1', markerWritten: false });
            throw new Error('boom');
          }),
        ).toThrow('boom');
        expect(store.links('bm')).toEqual([]);
      });

      it('commits a transaction and returns what its work returned; another handle sees it', () => {
        const store = storeOf();
        const result = store.transaction(() => {
          store.putLink({ connection: 'bm', externalId: 'fs-1', nativeId: '1', markerWritten: false });
          store.putSnapshot({ pair: 'p', connection: 'bm', externalId: 'fs-1', record: { name: 'A' }, fingerprint: 'f' });
          return 42;
        });
        expect(result).toBe(42);
        const other = storeOf();
        expect(other.link('bm', 'fs-1')?.nativeId).toBe('1');
        expect(other.snapshots('p', 'bm').size).toBe(1);
      });

      it('reads its own writes inside a transaction, also after a nested one that read and failed', () => {
        const store = storeOf();
        store.transaction(() => {
          store.putLink({ connection: 'bm', externalId: 'a', nativeId: '1', markerWritten: false });
          store.putSnapshot({ pair: 'p', connection: 'bm', externalId: 'a', record: { name: 'A' }, fingerprint: 'fa' });
          expect(store.link('bm', 'a')?.nativeId).toBe('1');
          expect(store.snapshots('p', 'bm').get('a')?.fingerprint).toBe('fa');
          expect(() =>
            store.transaction(() => {
              store.putLink({ connection: 'bm', externalId: 'b', nativeId: '2', markerWritten: false });
              expect(store.links('bm')).toHaveLength(2);
              store.removeLink('bm', 'a');
              throw new Error('inner');
            }),
          ).toThrow('inner');
          store.clearFailure('p', 'a');
          expect(store.links('bm').map((l) => l.externalId)).toEqual(['a']);
        });
        expect(store.links('bm').map((l) => l.externalId)).toEqual(['a']);
        expect(store.snapshots('p', 'bm').size).toBe(1);
      });

      it('rolls back only a nested transaction that fails when the outer one carries on', () => {
        const store = storeOf();
        store.transaction(() => {
          store.putLink({ connection: 'bm', externalId: 'kept', nativeId: '1', markerWritten: false });
          expect(() =>
            store.transaction(() => {
              store.putLink({ connection: 'bm', externalId: 'dropped', nativeId: '2', markerWritten: false });
              throw new Error('inner');
            }),
          ).toThrow('inner');
        });
        expect(store.links('bm').map((l) => l.externalId)).toEqual(['kept']);
      });
    });
  });
}
