/*
 * A migration in a child process, for crash tests: the parent starts the simulators, runs this with
 * their URLs, and kills it with SIGKILL at chosen moments. Usage:
 *   node --import tsx test/e2e/engine/migrate-child.ts '<json>'
 */
import { loadMapping } from '../../../src/mapping/index.js';
import { createSqliteStore } from '../../../src/store/index.js';
import { resolvePairSettings, runPair } from '../../../src/sync/index.js';
import type { SyncSide } from '../../../src/sync/types.js';
import type { ApiVendorId } from '../../../src/vendors/ids.js';
import { createConnector } from '../../../src/vendors/registry.js';
import type { Credentials } from '../../../src/vendors/types.js';

interface ChildSide {
  readonly name: string;
  readonly vendor: ApiVendorId;
  readonly url: string;
  readonly credentials: Credentials;
}
interface ChildInput {
  readonly from: ChildSide;
  readonly to: ChildSide;
  readonly db: string;
  readonly pair: string;
}

async function side(input: ChildSide): Promise<SyncSide> {
  let mapping = await loadMapping(input.vendor);
  const connector = createConnector({ name: input.name, vendor: input.vendor, baseUrl: input.url, credentials: input.credentials, mapping, rateBudget: { requests: 1_000_000, windowMs: 60_000 } });
  const lookups = await connector.lookupTables?.();
  if (lookups !== undefined) mapping = await loadMapping(input.vendor, { lookups });
  return { name: input.name, connector, mapping };
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const store = createSqliteStore({ file: input.db });
const result = await runPair({ pair: resolvePairSettings({ name: input.pair }), from: await side(input.from), to: await side(input.to), store, command: 'migrate' });
store.close();
process.stdout.write(`${JSON.stringify({ status: result.status, created: result.outcomes.filter((o) => o.status === 'created').length })}\n`);
