import type { BenchResults } from '../results.js';
import { count, megabytes, seconds, sizeLabel, table } from './format.js';

/** The two-way setup runs, and how the scenarios and their minimums are defined. */
export function renderSetup(results: BenchResults): string {
  const rows = results.sizes.flatMap((size) =>
    size.twoWaySetup.map((run) => [
      sizeLabel(run.clients),
      run.title,
      run.connections.map((c) => `${c.connection}: ${count(c.logged.list)} list, ${count(c.logged.writes)} writes, ${count(c.logged.propertyValues)} property values, ${count(c.logged.markers)} markers, ${count(c.logged.other)} other`).join('; '),
      Object.entries(run.child.outcomes).map(([k, n]) => `${k} ${count(n)}`).join(', '),
      seconds(run.child.total.cpuMs),
      megabytes(run.child.total.peakRssKb),
      seconds(run.child.total.wallMs),
    ]),
  );
  return [
    '## Setup of the two-way scenario',
    '',
    'Measured like the others, not judged. The first runs on a clock so fast that no window fills: it shows the CPU and memory of a first two-way sync, not its rate use. The second runs at the measured speed and settles the snapshots of the clients just created; it writes the deferred Billomat markers only with budget to spare, so most stay deferred for later runs.',
    '',
    rows.length === 0 ? 'Not run.' : table(['clients', 'run', 'calls', 'outcomes', 'engine CPU s', 'peak RSS MB', 'wall s'], rows, ['r', 'l', 'l', 'l']),
    '',
    '## About the scenarios',
    '',
    '- **The minimum** is computed in `bench/minimum.ts` from the number of clients and the vendors\' documented paging (VENDORS.md §1.3, §2.3, §3.3), not from the engine\'s cost model (`src/sync/cost.ts`): EenvoudigFactureren pages of 100 without a total (⌊N / 100⌋ + 1 calls, 2 for 0 < N < 100), FactuurSturen one call for the whole list plus one `/countrylist` per connector, Billomat pages of 1,000 up to `@total` (⌈N / 1000⌉, at least 1). Writes: one create per client the target can hold (clients the target cannot hold are refused before any call and listed as invalid), one update per changed client.',
    '- **Calls per full window**: the Billomat log grouped by the vendor\'s 15-minute windows (aligned to the epoch, as Billomat\'s XX:00/15/30/45), over the windows between the first and the last record write of the run (creates, updates, custom values; not the deferred markers), leaving out those two (the run enters the first late and leaves the last early). All calls in those windows count, markers included.',
    '- **Limit answers**: 429, and FactuurSturen\'s 403 with `X-RateLimit-Remaining: 0` (VENDORS.md §2.4), from the logs; the connectors count them too.',
    `- **Sizes**: ${results.sizes.map((s) => count(s.clients)).join(', ')} clients. The changed clients are every 100th linked client that is active on both sides (Billomat refuses any edit of an archived client).`,
    '- **Run it**: `npm run bench` (all sizes, writes this file); `npm run bench -- --quick` (1,000 clients, prints only); `npm run bench -- --sizes 1000,10000 --suites migration,engine-only`; `--time-scale <n>`; `--cpu-prof <dir>` writes a V8 CPU profile of every child.',
    '',
  ].join('\n');
}
