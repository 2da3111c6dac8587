import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../../src/cli/session.js';
import type { CliContext } from '../../../src/cli/context.js';
import type { ClientSyncConfig, ConnectionConfig } from '../../../src/config/types.js';
import { rateBudgetKey } from '../../../src/http/shared-budget.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { startSimulator, type VendorSimulator } from '../../../src/sandbox/index.js';
import { freshDatabase } from '../../helpers/postgres.js';

/*
 * The CLI's hook: a session whose state store is a PostgreSQL URL hands every connection it opens
 * the rate budget kept in that database, and closes it with the session.
 */

const temp = mkdtempSync(path.join(tmpdir(), 'client-sync-session-budget-'));
const simulators: VendorSimulator[] = [];
afterAll(async () => {
  await Promise.all(simulators.map((s) => s.close()));
  rmSync(temp, { recursive: true, force: true });
});

const context: CliContext = {
  out: () => undefined,
  err: () => undefined,
  errRaw: () => undefined,
  env: {},
  cwd: temp,
  isTTY: false,
  signal: new AbortController().signal,
  setExitCode: () => undefined,
};

function configWith(statePath: string, connections: Record<string, ConnectionConfig>): ClientSyncConfig {
  return { file: path.join(temp, 'client-sync.yaml'), directory: temp, statePath, reportsDirectory: path.join(temp, 'reports'), reportFormat: 'markdown', keepReports: 10, connections, pairs: {} };
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('a CLI session with its state in PostgreSQL', () => {
  it('counts the calls of two connections to one Billomat account in one shared budget, and closes it with the session', async () => {
    const url = await freshDatabase('session_budget');
    const billomat = await startSimulator({ vendor: 'billomat', clients: 3 });
    simulators.push(billomat);
    const connection = (name: string): ConnectionConfig => ({ name, vendor: 'billomat', credentials: billomat.credentials, baseUrl: billomat.url });
    const session = createSession(context, { config: configWith(url, { 'bm-sales': connection('bm-sales'), 'bm-office': connection('bm-office') }), warnings: [] }, {}, '0.0.0');
    try {
      for (const name of ['bm-sales', 'bm-office']) {
        const { connector } = await (await session.connection(name)).side(silentLogger, { lookups: false });
        expect((await connector.check()).outcome).toBe('ok');
        for await (const record of connector.listClients()) expect(record).toBeDefined();
      }
    } finally {
      await session.close();
    }

    const key = rateBudgetKey({ vendor: 'billomat', baseUrl: billomat.url, credentials: billomat.credentials });
    const rows = await query<{ budget_key: string; used: number }>(url, 'SELECT budget_key, used FROM client_sync_rate_budget');
    expect(billomat.log.count()).toBeGreaterThanOrEqual(4);
    expect(rows.map((row) => row.budget_key)).toEqual(rows.map(() => key));
    expect(rows.reduce((n, row) => n + row.used, 0)).toBe(billomat.log.count());
    // No connection of the budget's pool outlives the session.
    const left = await query(url, "SELECT pid FROM pg_stat_activity WHERE application_name = 'client-sync rate budget' AND datname = current_database()");
    expect(left).toEqual([]);
  });
});
