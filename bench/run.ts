/*
 * `npm run bench`: the benchmarks of issue 7 (DESIGN §8, §10 tier 4). Runs the scenarios at each
 * size against the sandbox simulators, the engine-only phases from cached listings, and renders
 * BENCHMARKS.md from what it measured. Not part of `npm test`: it takes about half an hour and its
 * numbers depend on the machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuAccount, machineInfo } from './machine.js';
import { renderReport } from './report/render.js';
import type { BenchResults, SizeResults } from './results.js';
import { engineOnlySuite, type EngineOnlyMeasurement } from './scenarios/engine-only.js';
import { migrationSuite } from './scenarios/migration.js';
import { SETUP_SCALE, twoWaySuite } from './scenarios/two-way.js';
import type { RunMeasurement } from './measure-run.js';

const SUITES = ['migration', 'two-way', 'engine-only'] as const;
type Suite = (typeof SUITES)[number];
const DEFAULT_SIZES = [1000, 10_000, 100_000];
/**
 * Vendor time runs this much faster than real time: a Billomat window passes in 1.5 s. At 900 (one
 * second) the engine's ~2.5 ms of CPU per create left too little room on a shared 2-core machine
 * and full windows fell below 270 calls; at 600 the rate limit binds.
 */
const DEFAULT_TIME_SCALE = 600;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    quick: { type: 'boolean', default: false },
    suites: { type: 'string' },
    'time-scale': { type: 'string' },
    out: { type: 'string' },
    json: { type: 'string' },
    'cpu-prof': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const sizes = values.quick ? [1000] : (values.sizes?.split(',').map((s) => Number(s.trim())) ?? DEFAULT_SIZES);
if (sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--sizes takes whole numbers of at least 2, got ${values.sizes ?? ''}`);
const suites = new Set<Suite>((values.suites?.split(',').map((s) => s.trim()) ?? SUITES).map((s) => {
  if (!(SUITES as readonly string[]).includes(s)) throw new Error(`--suites takes ${SUITES.join(', ')}; got ${s}`);
  return s as Suite;
}));
const timeScale = values['time-scale'] === undefined ? DEFAULT_TIME_SCALE : Number(values['time-scale']);
if (!(timeScale > 0)) throw new Error('--time-scale takes a positive number');
const fullSet = !values.quick && values.sizes === undefined && values.suites === undefined && values['time-scale'] === undefined;
// Only the full default set speaks for the project in BENCHMARKS.md; a subset prints, or goes to --out.
const out = values.out ?? (fullSet ? 'BENCHMARKS.md' : undefined);
const child = values['cpu-prof'] === undefined ? undefined : { cpuProfileDir: path.resolve(values['cpu-prof']) };

const args = process.argv.slice(2);
const command = `npm run bench${args.length === 0 ? '' : ` -- ${args.join(' ')}`}`;
const started = performance.now();
const startedAt = new Date().toISOString();
const progress = (line: string): void => {
  const elapsed = Math.round((performance.now() - started) / 1000);
  process.stderr.write(`[${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}] ${line}\n`);
};

const machine = machineInfo();
const cpuStart = cpuAccount();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'client-sync-bench-'));
progress(`${command}: sizes ${sizes.join(', ')}; ${[...suites].join(', ')}; time scale ${String(timeScale)}; scratch ${tmp}`);

async function runSize(clients: number): Promise<SizeResults> {
  const options = { clients, timeScale, tmp, child, progress };
  let migration: RunMeasurement[] = [];
  let twoWay: RunMeasurement[] = [];
  let twoWaySetup: RunMeasurement[] = [];
  const engineOnly: EngineOnlyMeasurement[] = [];
  if (suites.has('migration')) {
    const result = await migrationSuite(options);
    migration = result.runs;
    try {
      if (suites.has('engine-only')) {
        const { fs, bm, db } = result.migrated;
        engineOnly.push(
          ...(await engineOnlySuite({
            clients, tmp, child, progress, pair: 'fs-bm', mode: 'one-way', from: fs, to: bm, db, initial: true,
            labels: { initial: 'Initial migration: FactuurSturen → empty Billomat', rerun: 'Re-run: FactuurSturen → Billomat, every client linked' },
          })),
        );
      }
    } finally {
      await result.migrated.close();
    }
  }
  if (suites.has('two-way')) {
    const result = await twoWaySuite(options);
    twoWay = result.runs;
    twoWaySetup = result.setup;
    try {
      if (suites.has('engine-only')) {
        const { ef, bm, db } = result.synced;
        engineOnly.push(
          ...(await engineOnlySuite({
            clients, tmp, child, progress, pair: 'ef-bm', mode: 'two-way', from: ef, to: bm, db, initial: false,
            labels: { initial: '', rerun: 'Two-way re-run: EenvoudigFactureren ↔ Billomat, every client linked' },
          })),
        );
      }
    } finally {
      await result.synced.close();
    }
  }
  return { clients, migration, twoWay, twoWaySetup, engineOnly };
}

try {
  const results: SizeResults[] = [];
  for (const clients of sizes) results.push(await runSize(clients));
  const report: BenchResults = {
    command, startedAt, wallS: (performance.now() - started) / 1000, timeScale, setupScale: SETUP_SCALE, sizes: results,
    machine, loadAtEnd: os.loadavg().map((n) => Math.round(n * 100) / 100), cpu: { start: cpuStart, end: cpuAccount() },
  };
  const markdown = renderReport(report);
  process.stdout.write(`${markdown}\n`);
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(report, null, 2));
  if (out !== undefined) {
    writeFileSync(out, markdown);
    progress(`wrote ${out}`);
  }
} finally {
  if (!values.keep) rmSync(tmp, { recursive: true, force: true });
}
