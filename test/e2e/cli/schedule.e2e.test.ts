import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, type CliRun } from './built-cli.js';
import { createWorkspace, leakedSecrets, type Workspace } from './workspace.js';

const CLIENTS = 16;

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface ReportFile { exitCode: number; result: { status: string; outcomes: { status: string }[] } }

function reports(workspace: Workspace): ReportFile[] {
  const directory = path.join(workspace.dir, '.client-sync', 'reports');
  return readdirSync(directory).filter((name) => name.endsWith('.json')).map((name) => JSON.parse(readFileSync(path.join(directory, name), 'utf8')) as ReportFile);
}

describe('client-sync sync --schedule', () => {
  let workspace: Workspace;
  let stopped: CliRun;
  let createdBeforeStop = 0;
  beforeAll(async () => {
    await ensureBuilt();
    // Slow creates (150 ms each) so that SIGTERM lands in the middle of a run.
    workspace = await createWorkspace({
      clients: { factuursturen: CLIENTS, billomat: 0, eenvoudigfactureren: 0 },
      faults: { billomat: { rates: { latency: 1 }, methods: ['POST'], latencyMs: 150 } },
    });
    workspace.writeConfig('\npairs:\n  nightly: { from: factuursturen, to: billomat }\n');
    const posts = (): number => workspace.sandbox.simulators.billomat.log.count({ method: 'POST' });
    stopped = await workspace.cli(['sync', '--schedule', '* * * * * *'], {
      onSpawn: (child) => {
        void until(() => posts() >= 3).then(() => child.kill('SIGTERM'));
      },
    });
    createdBeforeStop = workspace.sandbox.simulators.billomat.store.count();
  }, 60_000);
  afterAll(async () => workspace.close());

  it('stops on SIGTERM with exit code 0 and says so', () => {
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('SIGTERM received');
  });

  it('finishes the writes in flight: every create sent is in the target and linked', () => {
    expect(createdBeforeStop).toBe(workspace.sandbox.simulators.billomat.log.count({ method: 'POST', status: 201 }));
    expect(createdBeforeStop).toBeLessThan(CLIENTS);
  });

  it('reports the interrupted run as stopped, with the records it did not start', () => {
    const last = reports(workspace).find((report) => report.result.status === 'stopped');
    expect(last?.result.outcomes.some((o) => o.status === 'not-started')).toBe(true);
  });

  it('picks up where it stopped on the next run, without a duplicate', async () => {
    const run = await workspace.cli(['sync', '--once']);
    expect(run.code).toBe(0);
    expect(workspace.sandbox.simulators.billomat.store.count()).toBe(CLIENTS);
  });

  it('leaves no credential in any output or file', () => {
    expect(leakedSecrets(workspace)).toEqual([]);
  });
});
