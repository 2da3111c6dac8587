import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../../src/store/index.js';
import { runPair } from '../../../src/sync/index.js';
import { pairSettings, simulated, tempStore, type SimulatedSide } from '../../helpers/pair.js';
import { contentKey, decodedClients } from '../../helpers/records.js';

const N = 1000;
const started: SimulatedSide[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.simulator.close()));
});

/** Runs the migration in a child process and SIGKILLs it once the target holds `killAt` clients. */
function runChildUntil(input: unknown, target: SimulatedSide, killAt: number | undefined): Promise<{ killed: boolean; heldAtKill: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/engine/migrate-child.ts', JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let heldAtKill = -1;
    const watch = killAt === undefined ? undefined : setInterval(() => {
      if (target.simulator.store.count() >= killAt && heldAtKill < 0) {
        heldAtKill = target.simulator.store.count();
        child.kill('SIGKILL');
      }
    }, 1);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (watch !== undefined) clearInterval(watch);
      if (signal === 'SIGKILL') resolve({ killed: true, heldAtKill });
      else if (code === 0) resolve({ killed: false, heldAtKill });
      else reject(new Error(`the child migration failed (${code}): ${stderr}`));
    });
  });
}

function assertExactlyOnce(source: SimulatedSide, target: SimulatedSide, sourceMapping: Parameters<typeof decodedClients>[1], targetMapping: Parameters<typeof decodedClients>[1]): void {
  const want = [...decodedClients(source.simulator, sourceMapping).values()].map(contentKey).sort();
  const have = [...decodedClients(target.simulator, targetMapping).values()].map(contentKey).sort();
  expect(have.length).toBe(want.length); // zero missing, zero duplicates …
  expect(have).toEqual(want); // … and each one the right one
}

describe('crash safety', () => {
  it('survives SIGKILL at ten points of a 1,000-client migration: zero duplicates, zero missing', { timeout: 540_000 }, async () => {
    const source = await simulated('factuursturen', 'fs', { clients: N, seed: 31, rateLimit: false });
    const target = await simulated('billomat', 'bm', { clients: 0, rateLimit: false });
    started.push(source, target);
    const { store, file } = tempStore();
    store.close();
    const input = {
      from: { name: 'fs', vendor: 'factuursturen', url: source.simulator.url, credentials: source.simulator.credentials },
      to: { name: 'bm', vendor: 'billomat', url: target.simulator.url, credentials: target.simulator.credentials },
      db: file,
      pair: 'fs-bm',
    };
    const kills: number[] = [];
    for (let k = 1; k <= 10; k++) {
      const { killed, heldAtKill } = await runChildUntil(input, target, k * 90);
      expect(killed).toBe(true);
      kills.push(heldAtKill);
    }
    expect(kills).toHaveLength(10);
    expect(new Set(kills).size).toBe(10);
    const last = await runChildUntil(input, target, undefined);
    expect(last.killed).toBe(false);
    assertExactlyOnce(source, target, (await source.side()).mapping, (await target.side()).mapping);
    // Kills landed between a create reaching the vendor and its link being stored: those records were
    // found again from the journal (by content: neither side keeps a marker here), not created twice.
    const journal = createSqliteStore({ file });
    const resolved = journal.journal({ pair: 'fs-bm' }).filter((e) => e.state === 'resolved');
    journal.close();
    expect(resolved.length).toBeGreaterThan(0);
  });

  it('completes a 1,000-client migration through 10 % injected faults (5xx, resets, commit-then-drop) with zero duplicates and zero missing', { timeout: 360_000 }, async () => {
    const source = await simulated('factuursturen', 'fs', { clients: N, seed: 32, rateLimit: false });
    const target = await simulated('billomat', 'bm', { clients: 0, rateLimit: false, faults: { rates: { error5xx: 0.034, reset: 0.033, commitThenDrop: 0.033 } } });
    started.push(source, target);
    const { store } = tempStore();
    const result = await runPair({ pair: pairSettings({ name: 'fs-bm' }), from: await source.side(), to: await target.side(), store, command: 'migrate' });
    expect(result.status).toBe('ok');
    const faulted = target.simulator.log.entries.filter((e) => e.fault !== undefined);
    expect(faulted.length).toBeGreaterThan(60);
    expect(faulted.filter((e) => e.fault === 'commitThenDrop' && e.method === 'POST').length).toBeGreaterThan(10);
    // Every lost create was found again by its content rather than created twice.
    expect(result.outcomes.filter((o) => o.recovered === 'fingerprint').length).toBeGreaterThan(10);
    assertExactlyOnce(source, target, (await source.side()).mapping, (await target.side()).mapping);
  });
});
