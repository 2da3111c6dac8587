/*
 * One pair's migration in a child process, for the shared-budget test: the parent starts the
 * simulators on a clock every process can read (src/sandbox/shared-clock.ts), and two children each run
 * their own pair, with their own connectors and limiters, into one Billomat account. With `pgUrl`
 * the Billomat connection takes from the rate budget kept in that database. Prints the result as one
 * JSON line. Usage:
 *   node --import tsx test/e2e/engine/shared-budget-child.ts '<json>'
 */
import { clockOf, type ClockSegment } from '../../../src/sandbox/shared-clock.js';
import { createPostgresRateBudget } from '../../../src/http/postgres-rate-budget.js';
import { loadMapping } from '../../../src/mapping/index.js';
import { createSqliteStore } from '../../../src/store/index.js';
import { resolvePairSettings, runPair } from '../../../src/sync/index.js';
import type { SyncSide } from '../../../src/sync/types.js';
import type { ApiVendorId } from '../../../src/vendors/ids.js';
import { createConnector } from '../../../src/vendors/registry.js';
import type { ConnectionOptions, Credentials } from '../../../src/vendors/types.js';

export interface ChildSide {
  readonly name: string;
  readonly vendor: ApiVendorId;
  readonly url: string;
  readonly credentials: Credentials;
  /** Unlimited (a source the test does not count), or the vendor's default budget. */
  readonly limited: boolean;
}

export interface ChildInput {
  readonly segment: ClockSegment;
  readonly from: ChildSide;
  readonly to: ChildSide;
  readonly db: string;
  readonly pair: string;
  readonly pgUrl?: string | undefined;
}

export interface ChildOutput {
  readonly status: string;
  /** Record outcomes by status (created, invalid, failed, …). */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Source records that could not be read. */
  readonly unreadable: number;
  readonly targetCalls: number;
  readonly targetLimitAnswers: number;
  readonly error?: string | undefined;
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const clock = clockOf(input.segment);
const sharedBudget = input.pgUrl === undefined ? undefined : createPostgresRateBudget({ url: input.pgUrl });

async function side(given: ChildSide): Promise<SyncSide> {
  let mapping = await loadMapping(given.vendor);
  const options: ConnectionOptions = {
    name: given.name,
    vendor: given.vendor,
    baseUrl: given.url,
    credentials: given.credentials,
    mapping,
    clock,
    ...(given.limited ? { sharedBudget } : { rateBudget: { requests: 1_000_000, windowMs: 60_000 } }),
  };
  const connector = createConnector(options);
  const lookups = await connector.lookupTables?.();
  if (lookups !== undefined) mapping = await loadMapping(given.vendor, { lookups });
  return { name: given.name, connector, mapping };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

const store = createSqliteStore({ file: input.db });
try {
  // Two pairs write into one Billomat account: neither may take the other's clients for its own.
  const pair = resolvePairSettings({ name: input.pair, matchExisting: 'off' });
  const result = await runPair({ pair, from: await side(input.from), to: await side(input.to), store, command: 'migrate' });
  const target = result.calls[input.to.name];
  const output: ChildOutput = {
    status: result.status,
    outcomes: countBy(result.outcomes.map((o) => o.status)),
    unreadable: result.unreadable.length,
    targetCalls: target?.calls ?? 0,
    targetLimitAnswers: target?.limitResponses ?? 0,
    error: result.error?.message,
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
} finally {
  store.close();
  await sharedBudget?.close();
}
