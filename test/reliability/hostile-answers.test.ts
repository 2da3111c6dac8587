import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault, JsonRecord } from '../../src/sandbox/index.js';
import type { StateStore } from '../../src/store/index.js';
import { runPair, type RunResult } from '../../src/sync/index.js';
import { API_VENDOR_IDS, type ApiVendorId } from '../../src/vendors/ids.js';
import { pairSettings, tempStore } from '../helpers/pair.js';
import { accountedRun, expectEveryClientOnce, expectEveryRequestAccountedFor, startSide, type Side } from './support.js';

/*
 * Answers no vendor should send, and one day will: malformed and truncated JSON and XML, an
 * entity-expansion bomb, an external entity, the wrong shape, an empty body, a transfer torn off
 * mid-way, a very large body. A listing that cannot be read stops the run before any write and says
 * which vendor, connection and call; a create whose answer cannot be read is looked up, never sent
 * twice. Nothing crashes the process.
 */

const started: Side[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [',
  ' <!ENTITY lol "lol">',
  ...Array.from({ length: 8 }, (_, i) => ` <!ENTITY lol${i + 2} "${`&lol${i === 0 ? '' : String(i + 1)};`.repeat(10)}">`),
  ']>',
  '<clients><client><client_id>1</client_id><clientnr>1</clientnr><id>1</id><name>&lol9;</name><company>&lol9;</company></client></clients>',
].join('\n');
const XXE = '<?xml version="1.0"?><!DOCTYPE clients [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><clients><client><client_id>1</client_id><clientnr>1</clientnr><id>1</id><name>&xxe;</name></client></clients>';

const json = (body: string): Fault => ({ kind: 'rawBody', body, contentType: 'application/json; charset=utf-8' });
const xml = (body: string): Fault => ({ kind: 'rawBody', body, contentType: 'application/xml' });

const UNREADABLE_LISTINGS = {
  'malformed JSON': json('[{"client_id": "1", "name": }]'),
  'JSON cut short': json('[{"client_id":"1","name":"Acme"},{"client_id":"2","na'),
  'malformed XML': xml('<clients><client><name>A</client></clients>'),
  'XML cut short': xml('<?xml version="1.0"?><clients><client><client_id>1</client_id><name>A'),
  'an entity-expansion bomb': xml(BILLION_LAUGHS),
  'an external entity': xml(XXE),
  'an object where a list belongs': json('{"clients": 3}'),
  'an empty body': json(''),
  'a record without an id': json('[{"name":"No id"}]'),
} satisfies Record<string, Fault>;

/** Where each vendor's listing is migrated to, and where each vendor's creates come from. */
const READ_INTO: Readonly<Record<ApiVendorId, ApiVendorId>> = { eenvoudigfactureren: 'billomat', factuursturen: 'eenvoudigfactureren', billomat: 'factuursturen' };
const CREATE_FROM: Readonly<Record<ApiVendorId, ApiVendorId>> = { eenvoudigfactureren: 'factuursturen', factuursturen: 'billomat', billomat: 'eenvoudigfactureren' };
/** A raw record with just a company name, as each vendor spells it. */
const NAME_OF: Readonly<Record<ApiVendorId, (name: string) => JsonRecord>> = {
  eenvoudigfactureren: (name) => ({ name }),
  factuursturen: (name) => ({ company: name }),
  billomat: (name) => ({ name }),
};

describe.each(API_VENDOR_IDS)('a %s listing that cannot be read', (from) => {
  let source: Side;
  let target: Side;
  let store: StateStore;
  const pair = pairSettings({ name: 'p' });
  beforeAll(async () => {
    source = await startSide(from, 'source', { clients: 5, seed: `answers/${from}` });
    target = await startSide(READ_INTO[from], 'target', { clients: 0 });
    started.push(source, target);
    store = tempStore().store;
  });

  it.each(Object.keys(UNREADABLE_LISTINGS) as (keyof typeof UNREADABLE_LISTINGS)[])('(%s) stops the run before any write, naming vendor, connection and call; the next run completes', async (name) => {
    source.simulator.faults.script([{ ...UNREADABLE_LISTINGS[name], method: 'GET', path: '/clients' }]);
    source.simulator.store.insert({ ...NAME_OF[from](`Waiting for ${name}`) });
    const writesBefore = target.simulator.log.count((e) => e.method !== 'GET');

    const failed = await accountedRun({ pair, from: source, to: target, store });

    expect(failed.result).toBeUndefined();
    expect(failed.error?.code).toBe('VENDOR_RESPONSE_INVALID');
    expect(failed.error?.message).toMatch(new RegExp(`^${from} \\(source\\): GET /clients answer not understood \\(HTTP 200\\)`));
    expect(target.simulator.log.count((e) => e.method !== 'GET')).toBe(writesBefore);
    expect(store.runs({ pair: 'p' })[0]).toMatchObject({ status: 'failed' });

    const next = await accountedRun({ pair, from: source, to: target, store });
    expect(next.error).toBeUndefined();
    await expectEveryClientOnce({ source, target, store });
  });
});

describe('a listing transfer torn off mid-way', () => {
  it('is retried as the network failure it is, counted as a retry, and the run completes', async () => {
    const source = await startSide('billomat', 'source', { clients: 8, seed: 'torn' });
    const target = await startSide('factuursturen', 'target', { clients: 0 });
    started.push(source, target);
    const { store } = tempStore();
    source.simulator.faults.script([{ kind: 'rawBody', method: 'GET', path: '/clients', body: JSON.stringify({ clients: { client: [{ id: '1' }] } }), contentType: 'application/json', cutAfterBytes: 12 }]);

    const run = await accountedRun({ pair: pairSettings({ name: 'p' }), from: source, to: target, store });

    expect(run.result?.status).toBe('ok');
    expect(expectEveryRequestAccountedFor({ run, side: source, store })).toMatchObject({ failed: 1, retried: 1 });
    await expectEveryClientOnce({ source, target, store });
  });
});

describe('a very large answer', () => {
  it('of 32 MB (a listing padded with whitespace and a client with a 4 MB note) is read, and the note carried whole', { timeout: 180_000 }, async () => {
    const source = await startSide('factuursturen', 'source', { clients: 0 });
    const target = await startSide('billomat', 'target', { clients: 0 });
    started.push(source, target);
    const note = 'Lorem ipsum dolor sit amet. '.repeat(150_000);
    const body = `[${JSON.stringify({ clientnr: '7', company: 'Big Note BV', notes: note })}${' '.repeat(28 * 1024 * 1024)}]`;
    source.simulator.store.insert({ clientnr: '7', company: 'Big Note BV', notes: note });
    source.simulator.faults.script([{ kind: 'rawBody', method: 'GET', path: '/clients', body, contentType: 'application/json' }]);
    const { store } = tempStore();

    const result = await runPair({ pair: pairSettings({ name: 'p' }), from: await source.side(), to: await target.side(), store, command: 'migrate' });

    expect(result.status).toBe('ok');
    expect(target.simulator.store.list().map((r) => r.note)).toEqual([note.trim()]);
  });
});

const UNREADABLE_CREATE_ANSWERS = {
  'JSON cut short': json('{"client":{"id":"35'),
  'malformed XML': xml('<client><id>1</client>'),
  'an HTML page with status 200': { kind: 'rawBody', body: '<html><head><title>Login</title></head></html>', contentType: 'text/html' },
  'an empty body': json(''),
  'an id of the wrong type': json('{"client":{"id":{"n":1}},"client_id":{"n":1}}'),
  'a transfer torn off mid-way': { kind: 'rawBody', body: '{"client":{"id":"3527529","name":"x"}}', contentType: 'application/json', cutAfterBytes: 10 },
} satisfies Record<string, Fault>;

describe.each(API_VENDOR_IDS)('a %s create whose answer cannot be read', (to) => {
  let source: Side;
  let target: Side;
  let store: StateStore;
  const pair = pairSettings({ name: 'p' });
  beforeAll(async () => {
    source = await startSide(CREATE_FROM[to], 'source', { clients: 3, seed: `create-answers/${to}` });
    target = await startSide(to, 'target', { clients: 0 });
    started.push(source, target);
    store = tempStore().store;
    await accountedRun({ pair, from: source, to: target, store });
  });

  it.each(Object.keys(UNREADABLE_CREATE_ANSWERS) as (keyof typeof UNREADABLE_CREATE_ANSWERS)[])('(%s) is looked up and found, never created twice', async (name) => {
    source.simulator.store.insert({ ...NAME_OF[CREATE_FROM[to]](`Created through ${name}`) });
    target.simulator.faults.script([{ ...UNREADABLE_CREATE_ANSWERS[name], method: 'POST', path: '/clients' }]);

    const run = await accountedRun({ pair, from: source, to: target, store });

    expect(recovered(run.result)).toHaveLength(1);
    expect(expectEveryRequestAccountedFor({ run, side: target, store }).lostCreates).toEqual({ all: 1, stored: 1 });
    await expectEveryClientOnce({ source, target, store });
  });
});

function recovered(result: RunResult | undefined): RunResult['outcomes'] {
  return result?.outcomes.filter((o) => o.recovered !== undefined) ?? [];
}
