import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, type CliRun } from './built-cli.js';
import { createWorkspace, leakedSecrets, type Workspace } from './workspace.js';

const CLIENTS = 40;

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
    // Slow creates (150 ms each, two at a time: a run of about 3 s) so that the next tick, a second
    // later, comes while the run is going, and SIGTERM, sent when that tick is skipped, lands mid-run.
    workspace = await createWorkspace({
      clients: { factuursturen: CLIENTS, billomat: 0, eenvoudigfactureren: 0 },
      faults: { billomat: { rates: { latency: 1 }, methods: ['POST'], latencyMs: 150 } },
    });
    workspace.writeConfig('\npairs:\n  nightly: { from: factuursturen, to: billomat }\n');
    stopped = await workspace.cli(['sync', '--schedule', '* * * * * *'], {
      onSpawn: (child) => {
        // SIGTERM once a tick was skipped and the run is writing (a busy machine may still be reading then).
        let skipped = false;
        child.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('this tick is skipped')) skipped = true;
        });
        const writing = setInterval(() => {
          if (!skipped || workspace.sandbox.simulators.billomat.log.count({ method: 'POST' }) < 3) return;
          clearInterval(writing);
          child.kill('SIGTERM');
        }, 10);
        child.on('exit', () => clearInterval(writing));
      },
    });
    createdBeforeStop = workspace.sandbox.simulators.billomat.store.count();
  }, 60_000);
  afterAll(async () => workspace.close());

  it('stops on SIGTERM with exit code 0 and says so', () => {
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('SIGTERM received');
  });

  it('skips a tick that comes while the run is going instead of starting another', () => {
    expect(stopped.stderr).toContain('the previous run of this pair is still going: this tick is skipped');
    expect(reports(workspace)).toHaveLength(1);
  });

  it('finishes the writes in flight: every create sent is in the target', () => {
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
