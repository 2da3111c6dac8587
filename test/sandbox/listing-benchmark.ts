/**
 * Measures how fast a Billomat simulator with 10,000 seeded clients answers a full listing
 * (10 pages of 1000, JSON, over loopback). Not a test: run it with
 * `npx tsx test/sandbox/listing-benchmark.ts [clients]` and read the numbers.
 */
import { startSimulator } from '../../src/sandbox/index.js';

const count = Number(process.argv[2] ?? 10_000);
const seedStart = performance.now();
const simulator = await startSimulator({ vendor: 'billomat', clients: count, rateLimit: false });
const seeded = performance.now() - seedStart;
const headers = { 'X-BillomatApiKey': simulator.credentials.kind === 'billomat' ? simulator.credentials.apiKey : '', Accept: 'application/json' };

async function listAll(): Promise<{ ms: number; records: number; bytes: number }> {
  const started = performance.now();
  let records = 0;
  let bytes = 0;
  for (let page = 1; ; page++) {
    const response = await fetch(`${simulator.url}/clients?per_page=1000&page=${String(page)}`, { headers });
    const text = await response.text();
    bytes += text.length;
    const body = JSON.parse(text) as { clients: { client?: unknown; '@total': string } };
    const items = body.clients.client;
    records += items === undefined ? 0 : Array.isArray(items) ? items.length : 1;
    // Billomat says how many there are, so no closing empty page is needed.
    if (items === undefined || records >= Number(body.clients['@total'])) break;
  }
  return { ms: performance.now() - started, records, bytes };
}

// A connector checks its credentials first (GET /clients/myself); that also warms up the HTTP client.
await fetch(`${simulator.url}/clients/myself`, { headers });
const runs = [];
for (let i = 0; i < 5; i++) runs.push(await listAll());
await simulator.close();
const times = runs.map((run) => run.ms).sort((a, b) => a - b);
console.log(`seeded ${String(count)} clients in ${seeded.toFixed(0)} ms`);
console.log(`full listing: ${String(runs[0]?.records)} records, ${String(simulator.log.count({ path: '/clients' }) / runs.length)} calls, ${(Number(runs[0]?.bytes) / 1e6).toFixed(1)} MB`);
console.log(`listing time (fetch, read, JSON.parse) over ${String(runs.length)} runs: first ${runs[0]?.ms.toFixed(0) ?? ''} ms, median ${times[2]?.toFixed(0) ?? ''} ms, best ${times[0]?.toFixed(0) ?? ''} ms`);
