import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DumpInput, DumpOutput } from '../child-protocol.js';
import { clockOf } from '../../src/sandbox/shared-clock.js';
import { openSide } from './open-side.js';

/**
 * Lists each connection once through its real connector and caches the raw records, one JSON per
 * line, for the engine-only runs. The first line holds what the connector learned besides the
 * records: the custom fields the account defines and the vendor's lookup tables.
 */
export async function dump(input: DumpInput): Promise<DumpOutput> {
  const clock = clockOf(input.clock);
  const records: number[] = [];
  for (const { connection, file } of input.sides) {
    const side = await openSide(connection, clock);
    const out = createWriteStream(file);
    const write = async (line: string): Promise<void> => {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    };
    let count = 0;
    const raws = [];
    for await (const raw of side.connector.listClients()) raws.push(raw);
    // EF learns its custom fields from the listing, so they are asked for after it. The lookup
    // tables (FactuurSturen's country ids) go along, so the engine-only runs decode with them too.
    const lookups = Object.fromEntries(Object.entries((await side.connector.lookupTables?.()) ?? {}).map(([name, table]) => [name, table.entries]));
    await write(JSON.stringify({ customFieldNames: (await side.connector.customFieldNames?.()) ?? null, lookups }));
    for (const raw of raws) {
      await write(JSON.stringify(raw));
      count += 1;
    }
    out.end();
    await once(out, 'finish');
    records.push(count);
  }
  return { records };
}
