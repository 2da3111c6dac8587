import type { ChildProcess } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../e2e/cli/built-cli.js';
import { startFleet, until } from '../e2e/cli/worker-fleet.js';
import { freshDatabase } from '../helpers/postgres.js';

/*
 * A Kubernetes rollout: three `client-sync schedule` and three `client-sync worker` processes (the
 * built CLI) start at the same instant on an empty PostgreSQL, which none of them has set up yet —
 * 20 times, each on a database of its own. Starting pg-boss, creating the queue and migrating the
 * state store race each other; before the setup lock, one such start in about twenty ended with
 * "internal error: deadlock detected". Counted: internal errors (0), and jobs per pair and tick (1).
 */

const ROUNDS = Number(process.env.CONCURRENT_START_ROUNDS ?? 20);
const PAIRS = 2;
const JOB_FLAGS = ['--job-expiry', '30s', '--retry-delay', '1s'];
const WORKER_FLAGS = ['--expiry-check', '1s', '--log-level', 'info'];

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

describe('three schedulers and three workers started at the same instant', () => {
  it(`${ROUNDS} times: no internal error, each pair enqueued once per tick and every job completed`, { timeout: 1_200_000 }, async () => {
    const internalErrors: string[] = [];
    let ticks = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const fleet = await startFleet({ url: await freshDatabase(`start_${round}`), pairs: PAIRS, clients: 3, prefix: `start${round}` });
      try {
        const schedulerChildren: ChildProcess[] = [];
        const workers = [0, 1, 2].map(() => fleet.startWorker(WORKER_FLAGS));
        const schedulers = [0, 1, 2].map(() => fleet.cli(['schedule', '--schedule', '* * * * * *', '--json', '--store', fleet.url, ...JOB_FLAGS], (child) => schedulerChildren.push(child)));
        await until(async () => new Set((await fleet.ticks()).map((job) => job.tick)).size >= 2, 60_000, `round ${round}: two ticks enqueued`, 100);
        for (const child of schedulerChildren) child.kill('SIGTERM');
        const scheduled = await Promise.all(schedulers);
        await until(async () => (await fleet.jobs()).every((job) => job.state === 'completed'), 90_000, `round ${round}: every job completed`, 100);
        for (const worker of workers) worker.child.kill('SIGTERM');
        const worked = await Promise.all(workers.map((worker) => worker.done));

        const outputs = [...scheduled, ...worked].map((run) => `${run.stdout}\n${run.stderr}`);
        internalErrors.push(...outputs.flatMap((text) => text.split('\n')).filter((line) => /internal error|"code":"INTERNAL"/.test(line)).map((line) => `round ${round}: ${line.slice(0, 600)}`));
        expect([...scheduled, ...worked].map((run) => run.code), `round ${round}: ${outputs.join('\n---\n').slice(-4000)}`).toEqual([0, 0, 0, 0, 0, 0]);
        const jobs = await fleet.ticks();
        const byTick = new Map<string, typeof jobs>();
        for (const job of jobs) byTick.set(job.tick, [...(byTick.get(job.tick) ?? []), job]);
        for (const [tick, those] of byTick) expect(those.map((job) => job.pair), `round ${round}, tick ${tick}`).toEqual(fleet.tenants.map((t) => t.pair));
        ticks += byTick.size;
      } finally {
        await fleet.close();
      }
    }
    expect(internalErrors).toEqual([]);
    console.log(`concurrent start: ${ROUNDS} rounds of 3 schedulers + 3 workers, ${ticks} ticks, ${PAIRS} pairs, 0 internal errors`);
  });
});
