/*
 * A run of a pair in a child process, for the tests that kill a run or hold its lock from another
 * process. The parent starts the simulators and passes their URLs and credentials. Every log line
 * goes to standard error as JSON (the parent keeps them, to look for credentials), the result to
 * standard output as one JSON line. Usage:
 *   node --import tsx test/reliability/run-child.ts '<json>'
 */
import { loadMapping } from '../../src/mapping/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { resolvePairSettings, runPair, type RunCommand, type SyncSide } from '../../src/sync/index.js';
import type { ApiVendorId } from '../../src/vendors/ids.js';
import { createConnector } from '../../src/vendors/registry.js';
import type { Credentials } from '../../src/vendors/types.js';
import { createCapturingLogger } from './capturing-logger.js';

export interface ChildSide {
  readonly name: string;
  readonly vendor: ApiVendorId;
  readonly url: string;
  readonly credentials: Credentials;
}

export interface ChildInput {
  readonly from: ChildSide;
  readonly to: ChildSide;
  readonly db: string;
  readonly pair: string;
  readonly command: RunCommand;
}

const lines: string[] = [];
const logger = createCapturingLogger(lines);
const flush = (): void => {
  for (const line of lines.splice(0)) process.stderr.write(`${line}\n`);
};

async function side(input: ChildSide): Promise<SyncSide> {
  let mapping = await loadMapping(input.vendor);
  const connector = createConnector({ name: input.name, vendor: input.vendor, baseUrl: input.url, credentials: input.credentials, mapping, rateBudget: { requests: 1_000_000, windowMs: 60_000 }, logger });
  const lookups = await connector.lookupTables?.();
  if (lookups !== undefined) mapping = await loadMapping(input.vendor, { lookups });
  return { name: input.name, connector, mapping };
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const store = createSqliteStore({ file: input.db });
const flushing = setInterval(flush, 20);
try {
  const result = await runPair({ pair: resolvePairSettings({ name: input.pair }), from: await side(input.from), to: await side(input.to), store, command: input.command, logger });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? { name: error.name, message: error.message } : String(error) })}\n`);
  process.exitCode = 1;
} finally {
  clearInterval(flushing);
  flush();
  store.close();
}
