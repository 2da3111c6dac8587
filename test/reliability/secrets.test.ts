import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSyncError } from '../../src/errors/index.js';
import { FAULT_KINDS, type ScriptedFault } from '../../src/sandbox/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { runPair, type RunResult } from '../../src/sync/index.js';
import type { ApiVendorId } from '../../src/vendors/ids.js';
import { createConnector } from '../../src/vendors/registry.js';
import type { Credentials } from '../../src/vendors/types.js';
import { ensureBuilt } from '../e2e/cli/built-cli.js';
import { createWorkspace, leakedSecrets, type Workspace } from '../e2e/cli/workspace.js';
import { pairSettings, tempStore } from '../helpers/pair.js';
import { accountedRun, childSide, createCapturingLogger, dumpStateStore, leaks, secretFormsOf, startChild, startSide, until, type Side } from './support.js';

/*
 * Credentials never reach a log line, a report, an error message or the state store — not when
 * requests fail and are retried, not when a vendor echoes the key back in its error, not when the
 * key is wrong, not when a run is refused or killed. Every run here logs at debug level into one
 * capturing logger; afterwards every line, result, error and row is searched for every credential
 * in every form (as given, URL-encoded, Basic-auth token).
 */

const started: Side[] = [];
const lines: string[] = [];
const logger = createCapturingLogger(lines);
const results: RunResult[] = [];
const errors: string[] = [];
const stateFiles: string[] = [];
const childOutput: string[] = [];
const wrongCredentials: Credentials = { kind: 'billomat', apiKey: 'bm-wrong-secret-0d9e8f7a' };

function keep(outcome: { result?: RunResult | undefined; error?: { message: string; code: string } | undefined }): void {
  if (outcome.result !== undefined) results.push(outcome.result);
  if (outcome.error !== undefined) errors.push(`${outcome.error.code}: ${outcome.error.message}`);
}

/** A vendor answer that quotes the request's credentials back, as a careless error page might. */
function echoing(side: Side, status: number, times = 1): ScriptedFault[] {
  const forms = secretFormsOf(side.credentials).join(' / ');
  const body = JSON.stringify({ errors: { error: `Invalid request for key ${forms} (Authorization: Basic ${forms})` }, error: `key ${forms} refused` });
  return Array.from({ length: times }, () => ({ kind: 'rawBody' as const, body, contentType: 'application/json', status }));
}

async function scenarios(): Promise<void> {
  const everyKind = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0.06]));
  const side = (vendor: ApiVendorId, name: string, clients: number): Promise<Side> =>
    startSide(vendor, name, { clients, seed: `secrets/${name}`, timeScale: 1_000, faults: { rates: everyKind, latencyMs: 2 }, logger, tag: `secrets-${name}` });
  const ef = await side('eenvoudigfactureren', 'ef', 30);
  const fs = await side('factuursturen', 'fs', 30);
  const bm = await side('billomat', 'bm', 0);
  started.push(ef, fs, bm);
  const { store, file } = tempStore();
  stateFiles.push(file);

  // Faults of every kind, retries and lost creates, in both directions of two pairs.
  for (const [from, to] of [[ef, bm], [fs, bm], [bm, fs]] as const) keep(await accountedRun({ pair: pairSettings({ name: `${from.name}-${to.name}` }), from, to, store, logger }));

  // Vendors that echo the credentials back: a refused create, a listing that keeps failing, an auth refusal.
  fs.simulator.store.insert({ company: 'Echo BV' });
  bm.simulator.faults.script(echoing(bm, 400).map((fault) => ({ ...fault, method: 'POST', path: '/clients' })));
  keep(await accountedRun({ pair: pairSettings({ name: 'fs-bm' }), from: fs, to: bm, store, logger }));
  fs.simulator.faults.script(echoing(fs, 500, 4).map((fault) => ({ ...fault, method: 'GET', path: '/clients' })));
  keep(await accountedRun({ pair: pairSettings({ name: 'fs-bm' }), from: fs, to: bm, store, logger }));
  ef.simulator.faults.script(echoing(ef, 401).map((fault) => ({ ...fault, method: 'GET', path: '/clients' })));
  keep(await accountedRun({ pair: pairSettings({ name: 'ef-bm' }), from: ef, to: bm, store, logger }));

  // A wrong key.
  const wrong = { name: 'bm', connector: createConnector({ name: 'bm', vendor: 'billomat', baseUrl: bm.simulator.url, credentials: wrongCredentials, mapping: await bm.mapping(), logger }), mapping: await bm.mapping() };
  try {
    keep({ result: await runPair({ pair: pairSettings({ name: 'fs-bm' }), from: await fs.side(), to: wrong, store, command: 'migrate', logger }) });
  } catch (caught) {
    keep({ error: toSyncError(caught) });
  }

  // A run killed outright in another process; then a run refused while another holds the lock.
  const fresh = await side('factuursturen', 'fs2', 0);
  started.push(fresh);
  const shared = tempStore().file;
  stateFiles.push(shared);
  const child = startChild({ from: childSide(ef, 'eenvoudigfactureren'), to: childSide(fresh, 'factuursturen'), db: shared, pair: 'ef-fs', command: 'migrate' });
  await until(() => fresh.simulator.log.count({ method: 'POST' }) > 0);
  child.kill();
  const killed = await child.done;
  childOutput.push(killed.stdout, killed.stderr);
  const sharedStore = createSqliteStore({ file: shared });
  // The holder's creates come slowly, so the second run asks while it writes.
  fresh.simulator.faults.script(Array.from({ length: 40 }, () => ({ kind: 'latency' as const, latencyMs: 40, method: 'POST', path: '/clients' })));
  const posts = fresh.simulator.log.count({ method: 'POST' });
  const holder = runPair({ pair: pairSettings({ name: 'ef-fs' }), from: await ef.side(), to: await fresh.side(), store: sharedStore, command: 'migrate', logger });
  await until(() => fresh.simulator.log.count({ method: 'POST' }) > posts);
  try {
    await runPair({ pair: pairSettings({ name: 'ef-fs' }), from: await ef.side(), to: await fresh.side(), store: sharedStore, command: 'sync', logger });
  } catch (caught) {
    keep({ error: toSyncError(caught) });
  }
  keep({ result: await holder });
  sharedStore.close();
  store.close();
}

describe('credentials, after runs through faults, echoing vendors, a wrong key, a refused and a killed run', () => {
  let secrets: string[];
  beforeAll(async () => {
    await scenarios();
    secrets = [...started.flatMap((side) => secretFormsOf(side.credentials)), ...secretFormsOf(wrongCredentials)];
  }, 120_000);
  afterAll(async () => {
    await Promise.all(started.map((s) => s.simulator.close()));
  });

  it('are in no log line, the child processes’ included', () => {
    expect(lines.length).toBeGreaterThan(300);
    expect(lines.filter((line) => line.includes('retrying')).length).toBeGreaterThan(0);
    expect(leaks([...lines.map((text, i) => ({ where: `line ${i + 1}`, text })), ...childOutput.map((text, i) => ({ where: `child output ${i + 1}`, text }))], secrets)).toEqual([]);
  });

  it('are in no result and no error message, though vendors quoted them back', () => {
    expect(results.length).toBeGreaterThan(3);
    expect(errors.map((e) => e.split(':')[0])).toEqual(expect.arrayContaining(['VENDOR_UNAVAILABLE', 'VENDOR_AUTH', 'RUN_LOCKED']));
    const quoted = results.flatMap((r) => r.outcomes).filter((o) => o.error?.vendorMessage?.includes('Invalid request for key') === true);
    expect(quoted).toHaveLength(1);
    expect(leaks([...results.map((r, i) => ({ where: `result ${i + 1}`, text: JSON.stringify(r) })), ...errors.map((text, i) => ({ where: `error ${i + 1}`, text }))], secrets)).toEqual([]);
  });

  it('are in no row of any table of the state stores', () => {
    const rows = stateFiles.flatMap((file) => dumpStateStore(file).map((text) => ({ where: file, text })));
    expect(rows.filter((row) => row.text.startsWith('failures:')).length).toBeGreaterThan(0);
    expect(leaks(rows, secrets)).toEqual([]);
  });
});

describe('credentials, after a CLI migration at debug level through an echoing vendor', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: { factuursturen: 8, billomat: 0, eenvoudigfactureren: 0 } });
    workspace.writeConfig();
  }, 180_000);
  afterAll(async () => workspace.close());

  it('are in no line of its output, no report and no state file', async () => {
    const billomat = workspace.sandbox.simulators.billomat;
    // Billomat quotes its own key back (it cannot know the other vendors' keys).
    const key = workspace.sandbox.credentials.billomat.kind === 'billomat' ? workspace.sandbox.credentials.billomat.apiKey : '';
    const forms = `${key} ${encodeURIComponent(key)}`;
    billomat.faults.script([
      { kind: 'rawBody', method: 'POST', path: '/clients', status: 400, body: JSON.stringify({ errors: { error: `key ${forms} refused` } }), contentType: 'application/json' },
      { kind: 'error5xx', method: 'GET', path: '/clients' },
      { kind: 'commitThenDrop', method: 'POST', path: '/clients' },
    ]);

    const run = await workspace.cli(['--log-level', 'debug', 'migrate', '--from', 'factuursturen', '--to', 'billomat', '--json']);

    expect(run.stdout).toContain('refused');
    expect(run.stderr.length).toBeGreaterThan(0);
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
