import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpreadsheetConnector, loadColumnMapping } from '../../../src/vendors/spreadsheet/index.js';
import { ensureBuilt } from './built-cli.js';
import { createWorkspace, parseJson, type Workspace } from './workspace.js';

const N = 1200;

interface RunsJson {
  runs: { result: { status: string; outcomes: { status: string }[] } }[];
}

/** The external ids of the file's rows, one per row. */
async function externalIdsIn(file: string): Promise<string[]> {
  const sheet = createSpreadsheetConnector({ name: 'export', vendor: 'spreadsheet', path: file, mapping: await loadColumnMapping() });
  const ids: string[] = [];
  for await (const row of sheet.listClients()) ids.push(String(row.external_client_id));
  return ids;
}

/*
 * A run hands a file up to 256 writes at once; a SIGKILL mid-export leaves the file as one batch's
 * rewrite left it (whole batches only), and the next run creates exactly the rows that are missing.
 */
describe('an export into a CSV file killed with SIGKILL', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: { factuursturen: N, billomat: 0, eenvoudigfactureren: 0 } });
    workspace.writeConfig(`  export:
    vendor: spreadsheet
    path: ./export.csv
`);
  }, 120_000);
  afterAll(async () => workspace.close());

  it('is finished by the next run with every client in one row, none twice', { timeout: 300_000 }, async () => {
    const file = path.join(workspace.dir, 'export.csv');
    const killed = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'export'], {
      onSpawn: (child) => {
        // Killed as soon as the first batch is in the file.
        const watch = setInterval(() => {
          if (existsSync(file)) child.kill('SIGKILL');
        }, 2);
        child.on('exit', () => clearInterval(watch));
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    const atKill = await externalIdsIn(file);
    expect(atKill.length).toBeGreaterThan(0);
    expect(atKill.length).toBeLessThan(N);

    const rerun = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'export', '--json']);
    const result = (parseJson(rerun) as unknown as RunsJson).runs[0]?.result;
    const after = await externalIdsIn(file);
    expect(new Set(after).size).toBe(after.length);
    // Rows the killed run wrote are found again, not written twice.
    expect(result?.outcomes.filter((o) => o.status === 'created').length).toBe(after.length - atKill.length);
    expect(after.length).toBe(N - (result?.outcomes.filter((o) => o.status === 'invalid' || o.status === 'conflict').length ?? 0));

    const third = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'export', '--json']);
    expect((parseJson(third) as unknown as RunsJson).runs[0]?.result.outcomes.filter((o) => o.status === 'created')).toEqual([]);
    expect(await externalIdsIn(file)).toHaveLength(after.length);
  });
});
