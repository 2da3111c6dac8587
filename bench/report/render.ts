import { BILLOMAT_BUDGET, type RunMeasurement } from '../measure-run.js';
import { extraCalls, ratioOf, runRatio, type BenchResults, type SizeResults } from '../results.js';
import type { EngineOnlyMeasurement } from '../scenarios/engine-only.js';
import { count, megabytes, percent, ratio, seconds, sizeLabel, table, yesNo } from './format.js';
import { phase, reconcilePlan, verdicts } from './targets.js';
import { renderSetup } from './setup.js';

/*
 * BENCHMARKS.md, rendered from one run's results only: every number below comes from the command
 * named at the top. Edit this file, not BENCHMARKS.md.
 */

function windowCells(run: RunMeasurement): string[] {
  const windows = run.connections.find((c) => c.windows !== undefined)?.windows;
  if (windows === undefined) return ['–', '–'];
  const full = windows.meanPerFull === undefined ? '–' : `${windows.meanPerFull.toFixed(1)} / ${String(windows.minPerFull)} / ${String(windows.maxPerFull)} (${percent(windows.meanPerFull / BILLOMAT_BUDGET.requests)})`;
  return [windows.fullWindows === 0 ? `${String(windows.writeWindows)} (none full)` : `${String(windows.writeWindows)} (${String(windows.fullWindows)} full)`, `${full}; busiest ${String(windows.maxAny)}`];
}

function callsTable(runs: readonly RunMeasurement[]): string {
  const rows = runs.flatMap((run) => [
    ...run.connections.map((c) => [
      sizeLabel(run.clients),
      `${c.connection} (${c.vendor})`,
      `${count(c.recordsBefore)} → ${count(c.recordsAfter)}`,
      count(c.counted),
      `${count(c.minimum.list)} + ${count(c.minimum.other)} + ${count(c.minimum.writes)} = ${count(c.minimum.list + c.minimum.other + c.minimum.writes)}`,
      ratio(ratioOf(c)),
      count(c.logged.markers),
      count(c.logged.limitResponses),
      c.stats.calls === c.logged.total ? `${count(c.stats.calls)} = log` : `**${count(c.stats.calls)} ≠ log ${count(c.logged.total)}**`,
    ]),
  ]);
  return table(['clients', 'connection', 'clients before → after', 'calls', 'minimum (list + other + writes)', 'ratio', 'markers (apart)', 'limit answers', 'connector count'], rows, ['r', 'l']);
}

function costTable(runs: readonly RunMeasurement[]): string {
  const rows = runs.map((run) => {
    const p = (name: string): string => seconds(phase(run.child.phases, name)?.cpuMs ?? 0);
    const { ratio: all } = runRatio(run);
    return [
      sizeLabel(run.clients),
      ratio(all),
      ...windowCells(run),
      seconds(run.child.total.cpuMs),
      `${p('open')} / ${p('read')} / ${p('reconcile+plan')} / ${p('apply')} / ${p('markers')}`,
      megabytes(run.child.total.peakRssKb),
      seconds(run.child.total.wallMs),
      seconds(run.simulatorCpuMs),
    ];
  });
  return table(
    ['clients', 'calls ÷ minimum', 'Billomat windows with record writes', 'calls per full window: mean / min / max (of 300)', 'engine CPU s', 'CPU s: open / read / reconcile+plan / apply / markers', 'peak RSS MB', 'wall s', 'simulators CPU s'],
    rows,
  );
}

function notes(runs: readonly RunMeasurement[]): string[] {
  const out: string[] = [];
  for (const run of runs) {
    for (const c of run.connections) {
      const extra = extraCalls(c);
      if (extra.length > 0) {
        const others = Object.entries(c.logged.otherPaths).map(([path, n]) => `${path} ×${String(n)}`).join(', ');
        out.push(`${sizeLabel(run.clients)}, ${c.connection}: ${extra.map((e) => `${e.count > 0 ? '+' : ''}${String(e.count)} ${e.kind}`).join(', ')} against the minimum${others === '' ? '' : ` (other calls: ${others})`}.`);
      }
    }
    for (const check of run.checks.filter((k) => !k.ok)) out.push(`${sizeLabel(run.clients)}: check failed: ${check.name} (${check.detail}).`);
    for (const event of run.child.events) {
      const first = Object.entries(event.first).filter(([k]) => ['connection', 'code', 'status', 'path', 'method', 'externalId'].includes(k)).map(([k, v]) => `${k} ${String(v)}`).join(', ');
      out.push(`${sizeLabel(run.clients)}: logged ${String(event.count)}× "${event.message}" (first: ${first}).`);
    }
  }
  return out.map((line) => `- ${line}`);
}

function scenarioSection(title: string, runs: readonly RunMeasurement[], about: string): string {
  if (runs.length === 0) return '';
  const lines = notes(runs);
  return [`### ${title}`, '', about, '', callsTable(runs), '', costTable(runs), '', ...(lines.length === 0 ? ['Nothing logged beyond the calls: no warnings, no failed calls.'] : ['Notes from the run:', '', ...lines]), ''].join('\n');
}

function engineTable(measurements: readonly EngineOnlyMeasurement[]): string {
  const rows = measurements.map((m) => {
    const p = (name: string): string => seconds(phase(m.output.phases, name)?.cpuMs ?? 0);
    const rss = (name: string): string => megabytes(phase(m.output.phases, name)?.peakRssKb ?? 0);
    const rp = reconcilePlan(m.output);
    const decode = phase(m.output.phases, 'decode')?.cpuMs ?? 0;
    return [
      sizeLabel(m.clients),
      `${count(m.output.records.from)} / ${count(m.output.records.to)}`,
      Object.entries(m.output.planCounts).map(([k, n]) => `${k} ${count(n)}`).join(', '),
      `${p('load')} / ${p('state')}`,
      p('decode'),
      p('reconcile'),
      p('plan'),
      `**${seconds(rp.cpuMs)}**`,
      seconds(decode + rp.cpuMs),
      `${megabytes(m.output.baselineRssKb)} / ${rss('load')} / ${rss('decode')} / ${rss('reconcile')} / **${rss('plan')}**`,
    ];
  });
  return table(
    ['clients', 'records from / to', 'plan', 'CPU s: read cache / state store', 'decode', 'reconcile', 'plan', 'reconcile + plan', 'decode + reconcile + plan', 'peak RSS MB: loaded / records read / decoded / reconciled / planned'],
    rows,
  );
}

function linearity(sizes: readonly SizeResults[]): string {
  const rows: string[][] = [];
  const runsOf = (pick: (s: SizeResults) => readonly RunMeasurement[]): Map<string, RunMeasurement[]> => {
    const byId = new Map<string, RunMeasurement[]>();
    for (const size of sizes) for (const run of pick(size)) byId.set(run.id, [...(byId.get(run.id) ?? []), run]);
    return byId;
  };
  for (const runs of [...runsOf((s) => s.migration).values(), ...runsOf((s) => s.twoWay).values()]) {
    rows.push([
      runs[0]?.title ?? '',
      runs.map((r) => `${sizeLabel(r.clients)}: ${(runRatio(r).counted / r.clients).toFixed(3)}`).join(' · '),
      runs.map((r) => `${sizeLabel(r.clients)}: ${(r.child.total.cpuMs / r.clients).toFixed(3)}`).join(' · '),
      runs.map((r) => `${sizeLabel(r.clients)}: ${megabytes(r.child.total.peakRssKb)}`).join(' · '),
    ]);
  }
  const engine = new Map<string, EngineOnlyMeasurement[]>();
  for (const size of sizes) for (const m of size.engineOnly) engine.set(m.id, [...(engine.get(m.id) ?? []), m]);
  for (const ms of engine.values()) {
    rows.push([
      `engine-only: ${ms[0]?.title ?? ''}`,
      '–',
      ms.map((m) => `${sizeLabel(m.clients)}: ${(m.output.total.cpuMs / m.clients).toFixed(3)}`).join(' · '),
      ms.map((m) => `${sizeLabel(m.clients)}: ${megabytes(m.output.total.peakRssKb)}`).join(' · '),
    ]);
  }
  return table(['scenario', 'calls per client', 'engine CPU ms per client', 'peak RSS MB'], rows, ['l', 'l', 'l', 'l']);
}

function machineSection(results: BenchResults): string {
  const { machine, cpu } = results;
  const busy = cpu.end.machineBusyS - cpu.start.machineBusyS;
  const own = cpu.end.ownS - cpu.start.ownS;
  return [
    '## How these numbers were made',
    '',
    `- Command: \`${results.command}\`, started ${results.startedAt}, took ${(results.wallS / 60).toFixed(1)} minutes.`,
    `- Machine: ${machine.cpuModel}, ${String(machine.cores)} cores, ${String(machine.memoryGb)} GB, ${machine.os}; Node ${machine.node}; commit ${machine.commit}.`,
    `- Load: load average ${machine.loadAverage.join(' / ')} (1 / 5 / 15 min) at the start, ${results.loadAtEnd.join(' / ')} at the end. Over the whole command the machine was busy ${busy.toFixed(0)} CPU-s, of which the bench's own processes ${own.toFixed(0)}: other work took ${Math.max(0, busy - own).toFixed(0)} CPU-s (${percent(Math.max(0, busy - own) / (results.wallS * machine.cores))} of the machine).`,
    `- Busy at the start: ${machine.busyProcesses.length === 0 ? 'nothing else above 5 % of a core' : machine.busyProcesses.join('; ')}.`,
    `- Vendors: the sandbox simulators (\`src/sandbox\`) with their real rate limits, in the bench's own process. Each measured run is \`runPair\` in a fresh child process (\`node --import tsx\`) with the vendor defaults of \`config/vendors.yaml\`, exactly as the CLI opens a connection: Billomat 300 requests per fixed 15-minute window, 1,000 per page, 2 in flight; EenvoudigFactureren 100 per page; FactuurSturen one call for the whole list. CPU is the child's own (\`process.cpuUsage\`) from after its modules were loaded; peak RSS is the child's high-water mark (VmHWM in /proc/self/status: \`process.resourceUsage().maxRSS\` would carry over the bench process's RSS at fork, 400 MB at 100,000 clients), its modules included; "simulators CPU" is the bench process's meanwhile.`,
    `- Time: vendor time runs ${count(results.timeScale)} times faster than real time, so a 15-minute Billomat window passes in ${(BILLOMAT_BUDGET.windowMs / results.timeScale / 1000).toFixed(2)} s and the engine must carry 300 calls in that time: chosen so the rate limit, not the CPU, binds (see the CPU per call below). The first two-way setup run uses ${count(results.setupScale)}, where no window ever fills: it is CPU-bound and not judged. Every measured run starts at the top of a Billomat window. Wall times are real seconds at that scale; at the real limit a run takes its number of windows × 15 minutes.`,
    '',
  ].join('\n');
}

export function renderReport(results: BenchResults): string {
  const targetRows = verdicts(results).map((v) => [v.target, yesNo(v.ok), v.result]);
  const all = (pick: (s: SizeResults) => readonly RunMeasurement[]): RunMeasurement[] => results.sizes.flatMap(pick);
  const byId = (id: string, pick: (s: SizeResults) => readonly RunMeasurement[]): RunMeasurement[] => all(pick).filter((r) => r.id === id);
  const engine = results.sizes.flatMap((s) => s.engineOnly);
  const engineIds = [...new Set(engine.map((m) => m.id))];
  return [
    '# Benchmarks',
    '',
    '> Generated by `npm run bench` (bench/run.ts). Do not edit by hand: run the command again. What the',
    '> scenarios are and how the minimum is counted: "About the scenarios", at the end.',
    '',
    machineSection(results),
    '## Targets (issue 7)',
    '',
    table(['target', 'verdict', 'measured'], targetRows, ['l', 'l', 'l']),
    '',
    '## HTTP scenarios against the sandbox',
    '',
    'Calls are counted from the simulators\' request logs and checked against the connectors\' own counts. "Markers" are the deferred external-id writes (`PUT /clients/{id}/customfield`) that runs make only with budget left over in the current window (DESIGN §6): they are not record writes and are not counted against the minimum.',
    '',
    scenarioSection('Initial migration FactuurSturen → Billomat', byId('initial', (s) => s.migration), 'FactuurSturen holds the clients, Billomat none. Minimum: FactuurSturen one list call and one `/countrylist`; Billomat one list call and one create per client it can hold (FactuurSturen has no custom values, so no client properties).'),
    scenarioSection('Re-run, nothing changed', byId('rerun', (s) => s.migration), 'The same pair right after the migration. Minimum: the list calls only (Billomat ⌈N / 1000⌉).'),
    scenarioSection('Re-run, 1 % changed', byId('rerun-1pct', (s) => s.migration), 'The city of 1 % of the FactuurSturen clients changed (spread evenly, active clients only). Minimum: the list calls and one `PUT /clients/{id}` per changed client.'),
    scenarioSection('Two-way EenvoudigFactureren ↔ Billomat, 1 % changed on each side', all((s) => s.twoWay), 'Each account started with half the clients; two syncs (below) left both holding them all. Then the city of 1 % of the clients changed in each account (different clients). Minimum: EenvoudigFactureren ⌊N / 100⌋ + 1 list calls and one `POST /clients/{id}` per client changed in Billomat; Billomat ⌈N / 1000⌉ list calls and one `PUT /clients/{id}` per client changed in EenvoudigFactureren.'),
    '## Engine only: decode, reconcile, plan',
    '',
    'The raw records the simulators hold, listed once through the real connectors and cached; then, in a fresh child process, what `runPair` does between reading and writing: decode (`toSideRecord`), reconcile, plan, each phase measured on its own. Peak RSS is the high-water mark up to the end of each phase. The re-runs plan against the state store the HTTP runs left (every client linked on both sides, with its snapshots).',
    '',
    'How the memory is made up (as in `runPair`): the snapshots are read from the state store a page at a time and kept as summaries (fingerprint, tracked fields, provisional); decode keeps each record whole only if it changed since its snapshot (or is new, or unreadable); a settled record keeps its identity, label, name and fingerprint, its decoded customer is decoded again if the plan needs it, and its raw record waits in a private temporary SQLite database, read back only for an update. In these runs the decode column includes that comparison; the records reach decode as a run gets them: a listing read in one call (FactuurSturen) is read whole up front ("read cache") and handed over record by record, a paged one (Billomat, EenvoudigFactureren) is parsed a page at a time during decode, so its parsing counts in the decode column.',
    '',
    ...engineIds.flatMap((id) => {
      const ms = engine.filter((m) => m.id === id);
      return [`### ${ms[0]?.title ?? id}`, '', engineTable(ms), ''];
    }),
    '## Linearity',
    '',
    'Per client, by size: the calls are exact; CPU per client falls from 1k to 10k as the fixed cost of a run (loading mappings, opening the store) spreads.',
    '',
    linearity(results.sizes),
    '',
    renderSetup(results),
  ].join('\n');
}
