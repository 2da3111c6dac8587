import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/store/index.js';
import { lockKeyOf } from '../../../src/sync/index.js';
import { ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

const MIGRATE = ['migrate', '--from', 'factuursturen', '--to', 'billomat'];

interface RunsJson {
  exitCode: number;
  runs: { result: { status: string; error?: { code: string }; outcomes: { status: string; error?: { vendorMessage?: string } }[] } }[];
}
const runsOf = (stdout: Record<string, unknown>): RunsJson => stdout as unknown as RunsJson;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('exit codes of the built CLI, one per failure class', () => {
  const workspaces: Workspace[] = [];
  beforeAll(ensureBuilt, 120_000);
  afterEach(async () => {
    for (const workspace of workspaces.splice(0)) {
      expect(leakedSecrets(workspace)).toEqual([]);
      await workspace.close();
    }
  });
  async function workspace(): Promise<Workspace> {
    const created = await createWorkspace({ clients: { factuursturen: 8, billomat: 0, eenvoudigfactureren: 0 } });
    created.writeConfig();
    workspaces.push(created);
    return created;
  }

  it('exits 3 when a record failed, with the vendor message in the result, and copies the others', async () => {
    const ws = await workspace();
    ws.sandbox.simulators.billomat.faults.script([{ kind: 'error5xx', status: 400, method: 'POST', path: '/clients' }]);
    const run = await ws.cli([...MIGRATE, '--json']);
    const result = runsOf(parseJson(run)).runs[0]?.result;
    expect(run.code).toBe(3);
    expect(result?.status).toBe('partial');
    const failed = result?.outcomes.filter((o) => o.status === 'failed') ?? [];
    expect(failed).toHaveLength(1);
    expect(typeof failed[0]?.error?.vendorMessage).toBe('string');
    expect(ws.sandbox.simulators.billomat.store.count()).toBe(7);
  });

  it('exits 4 when the vendor refuses the credentials, before any write', async () => {
    const ws = await workspace();
    const run = await ws.cli([...MIGRATE, '--json'], { env: { BILLOMAT_API_KEY: 'not-the-key' } });
    expect(run.code).toBe(4);
    expect(runsOf(parseJson(run)).runs[0]?.result.error?.code).toBe('VENDOR_AUTH');
    expect(ws.sandbox.simulators.factuursturen.log.count((e) => e.method !== 'GET') + ws.sandbox.simulators.billomat.log.count((e) => e.method !== 'GET')).toBe(0);
  });

  it('exits 5 when a vendor cannot be reached', async () => {
    const ws = await workspace();
    const file = path.join(ws.dir, 'client-sync.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(ws.sandbox.urls.billomat, `http://127.0.0.1:${await closedPort()}/api`));
    const run = await ws.cli(MIGRATE);
    expect(run.code).toBe(5);
  });

  it('exits 6 while another run holds the pair', async () => {
    const ws = await workspace();
    const store = createSqliteStore({ file: path.join(ws.dir, '.client-sync', 'state.db') });
    const holder = store.beginRun('nightly', 'sync', lockKeyOf('factuursturen', 'billomat'));
    try {
      const run = await ws.cli(MIGRATE);
      expect(run.code).toBe(6);
      expect(run.stderr).toContain('nightly');
    } finally {
      store.finishRun(holder.id, 'ok', {});
      store.close();
    }
  });

  it('exits 7 rather than archive more than the pair allows, and goes ahead when allowed', async () => {
    const ws = await workspace();
    expect((await ws.cli(MIGRATE)).code).toBe(0);
    const fs = ws.sandbox.simulators.factuursturen.store;
    for (const client of fs.list().slice(0, 3)) fs.remove(String(client.clientnr));
    const bmWrites = (): number => ws.sandbox.simulators.billomat.log.count((e) => e.method !== 'GET');
    const before = bmWrites();
    const stopped = await ws.cli(MIGRATE);
    expect(stopped.code).toBe(7);
    expect(bmWrites()).toBe(before);
    expect((await ws.cli([...MIGRATE, '--allow-mass-archive'])).code).toBe(0);
    expect(ws.sandbox.simulators.billomat.store.list().filter((client) => client.archived === '1')).toHaveLength(3);
  });
});
