import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { parse } from 'yaml';
import { startSandbox, startSimulator, type Sandbox } from '../../src/sandbox/index.js';
import { call } from './sandbox-client.js';

let sandbox: Sandbox | undefined;
const directories: string[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'client-sync-sandbox-'));
  directories.push(directory);
  return directory;
}

interface ConfigShape {
  connections: Record<string, { vendor: string; base_url: string } & Record<string, string>>;
}

/** `${NAME}` → the value of NAME in env. */
const resolve = (value: string, env: Readonly<Record<string, string>>): string => value.replace(/\$\{(\w+)\}/g, (_, name: string) => env[name] ?? '');

describe('startSandbox', () => {
  it('starts the three simulators with seeded clients on one clock', async () => {
    sandbox = await startSandbox({ clients: { eenvoudigfactureren: 3, factuursturen: 2, billomat: 1 }, timeScale: 900 });
    expect(sandbox.simulators.eenvoudigfactureren.store.count()).toBe(3);
    expect(sandbox.simulators.factuursturen.store.count()).toBe(2);
    expect(sandbox.simulators.billomat.store.count()).toBe(1);
    expect(sandbox.simulators.billomat.clock).toBe(sandbox.clock);
    expect(sandbox.urls.billomat).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(sandbox.urls.factuursturen).toMatch(/\/api\/v1$/);
  });

  it('writes a config whose connections, with the exported environment, reach each simulator', async () => {
    sandbox = await startSandbox({ clients: 1 });
    const config = parse(sandbox.config) as ConfigShape;
    expect(Object.keys(config.connections)).toEqual(['eenvoudigfactureren', 'factuursturen', 'billomat']);
    expect(config.connections.billomat).toEqual({ vendor: 'billomat', base_url: sandbox.urls.billomat, api_key: '${BILLOMAT_API_KEY}' });
    expect(sandbox.config).not.toContain('sandbox-billomat-key');
    // client-sync's own config loader takes it as it is.
    const loaded = parseConfig(sandbox.config, { env: sandbox.env, directory: tmpdir() });
    expect(Object.keys(loaded.config.connections)).toEqual(['eenvoudigfactureren', 'factuursturen', 'billomat']);
    const ef = config.connections.eenvoudigfactureren!;
    const efResponse = await fetch(`${ef.base_url}/clients?take=1`, { headers: { 'X-API-Key': resolve(ef.api_key!, sandbox.env) } });
    expect(efResponse.status).toBe(200);
    const fs = config.connections.factuursturen!;
    const basic = Buffer.from(`${resolve(fs.username!, sandbox.env)}:${resolve(fs.api_key!, sandbox.env)}`).toString('base64');
    expect((await fetch(`${fs.base_url}/clients`, { headers: { Authorization: `Basic ${basic}` } })).status).toBe(200);
  });

  it('applies faults given for one vendor to that vendor only', async () => {
    sandbox = await startSandbox({ clients: 0, faults: { billomat: { script: [{ kind: 'html502' }] } } });
    expect((await call(sandbox.simulators.billomat, 'GET', '/clients')).status).toBe(502);
    expect((await call(sandbox.simulators.factuursturen, 'GET', '/clients')).status).toBe(200);
  });

  it('keeps its data across restarts in persistent mode, instead of seeding again', async () => {
    const persistDir = await temporaryDirectory();
    sandbox = await startSandbox({ clients: 2, persistDir });
    const created = await call(sandbox.simulators.eenvoudigfactureren, 'POST', '/clients', { body: { name: 'Rehearsal BV' } });
    const id = created.json<{ client_id: string }>().client_id;
    await call(sandbox.simulators.billomat, 'POST', '/clients', { body: { client: { name: 'Probe GmbH' } } });
    await sandbox.close();

    sandbox = await startSandbox({ clients: 50, persistDir });
    const ef = sandbox.simulators.eenvoudigfactureren;
    expect(ef.store.count()).toBe(3);
    const client = (await call(ef, 'GET', `/clients/${id}`)).json<{ name: string; uri: string }>();
    expect(client.name).toBe('Rehearsal BV');
    // The port changed; the URIs follow the new base URL.
    expect(client.uri).toBe(`${ef.url}/clients/${id}`);
    expect(sandbox.simulators.billomat.store.list().map((record) => record.name)).toContain('Probe GmbH');
    expect(sandbox.simulators.factuursturen.store.count()).toBe(2);
  });

  it('saves a simulator on demand to a file naming its vendor', async () => {
    const persistFile = path.join(await temporaryDirectory(), 'fs.json');
    const simulator = await startSimulator({ vendor: 'factuursturen', clients: 1, persistFile });
    try {
      await call(simulator, 'POST', '/clients', { body: { company: 'Saved B.V.' } });
      await simulator.save();
      const saved = JSON.parse(await readFile(persistFile, 'utf8')) as { vendor: string; state: { clients: { company: string }[] } };
      expect(saved.vendor).toBe('factuursturen');
      expect(saved.state.clients.map((client) => client.company)).toContain('Saved B.V.');
    } finally {
      await simulator.close();
    }
  });

  it('refuses a saved file of another vendor', async () => {
    const persistFile = path.join(await temporaryDirectory(), 'state.json');
    await (await startSimulator({ vendor: 'billomat', persistFile })).close();
    await expect(startSimulator({ vendor: 'eenvoudigfactureren', persistFile })).rejects.toThrow(/billomat/);
  });
});
