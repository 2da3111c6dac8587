import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorSimulator } from '../../../src/sandbox/index.js';
import { ensureBuilt } from './built-cli.js';
import { openConsoleInBrowser } from './console-in-browser.js';
import { createWorkspace, parseJson, type Workspace } from './workspace.js';

/*
 * Undo from the web console in headless Chromium (Debian's chromium via puppeteer-core): a migration
 * of six FactuurSturen clients into EenvoudigFactureren, one of them edited in EF afterwards. The
 * console's last runs offer the migration for undo; its page shows the plan (five deletes, one client
 * left alone), the button takes five back; the run stays offered, and the plan with --force takes the
 * sixth. Calls are counted in EF's request log; EF ends as it was before the migration.
 */

const N = 6;

/** What the page's script sees of a node (the tests compile without the DOM library). */
interface Text { readonly textContent: string | null }

const writes = (simulator: VendorSimulator, method?: string): number => simulator.log.count((e) => e.method !== 'GET' && e.method !== 'HEAD' && (method === undefined || e.method === method));
/** EF's clients by id, without what EF stamps on every write itself. */
const clientsOf = (simulator: VendorSimulator): Map<string, Record<string, unknown>> =>
  new Map(simulator.store.list().map(({ last_activity: _stamp, ...client }) => [String(client.client_id), client]));

describe('undo from the web console in headless Chromium', { timeout: 180_000 }, () => {
  let workspace: Workspace;
  let ef: VendorSimulator;
  let page: Page;
  let closeConsole: (() => Promise<void>) | undefined;
  let base = '';
  let runId = '';
  let edited = '';
  let before = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: { factuursturen: N, eenvoudigfactureren: 2, billomat: 0 }, rateLimit: { factuursturen: false, eenvoudigfactureren: false } });
    ef = workspace.sandbox.simulators.eenvoudigfactureren;
    workspace.writeConfig();
    before = clientsOf(ef);
    const migration = await workspace.cli(['migrate', '--from', 'factuursturen', '--to', 'eenvoudigfactureren', '--match-existing', 'off', '--json']);
    expect(migration.code, migration.stderr).toBe(0);
    runId = (parseJson(migration) as unknown as { runs: { result: { runId: string } }[] }).runs[0]?.result.runId ?? '';
    // Someone edits one migrated client in EF after the run: the undo leaves it alone unless forced.
    const created = [...clientsOf(ef).keys()].filter((id) => !before.has(id));
    expect(created).toHaveLength(N);
    edited = created[0] ?? '';
    const record = ef.store.get(edited);
    if (record === undefined) throw new Error(`no record ${edited}`);
    ef.store.insert({ ...record, email_address: 'iemand@anders.be' });

    const opened = await openConsoleInBrowser(workspace);
    ({ page, base } = opened);
    closeConsole = () => opened.close();
    const url = opened.url;
    await page.goto(url);
  }, 180_000);

  afterAll(async () => {
    await closeConsole?.();
    await workspace.close();
  });

  const click = async (selector: string): Promise<void> => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };
  const text = async (): Promise<string> => page.$eval('main', (m: Text) => m.textContent ?? '');

  it('offers the migration for undo and shows its plan first, writing nothing', async () => {
    await page.goto(`${base}/`);
    expect(await page.$$eval('a[data-undo]', (links) => links.length)).toBe(1);
    const dir = process.env.CONSOLE_SCREENSHOT_DIR ?? path.join(tmpdir(), 'client-sync-console');
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'console-runs.png'), fullPage: true });
    ef.log.clear();
    await click(`a[data-undo="${runId}"]`);
    const shown = await text();
    expect(shown).toContain(`Undo run ${runId}`);
    expect(shown).toContain('delete 5, conflict 1');
    expect(await page.$$eval('h2', (hs: Text[]) => hs.map((h) => h.textContent))).toEqual([expect.stringContaining('Undo run'), 'Left alone', 'Taken back']);
    expect(shown).toMatch(/changed since run .*channels\.email.*--force/);
    expect(shown).toContain(`eenvoudigfactureren:${edited}`);
    expect(writes(ef)).toBe(0);
    await page.screenshot({ path: path.join(dir, 'console-undo.png'), fullPage: true });
  });

  it('takes the run back with the button: one DELETE per created client, the edited one left alone', async () => {
    await click(`button[data-undo="${runId}"][data-force="0"]`);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await text()).toContain(`Run ${runId} was taken back in part (partial)`);
    expect([writes(ef, 'DELETE'), writes(ef)]).toEqual([N - 1, N - 1]);
    expect([...clientsOf(ef).keys()].sort()).toEqual([...before.keys(), edited].sort());
    // The undo wrote its report like the command does.
    expect(readdirSync(path.join(workspace.dir, '.client-sync', 'reports')).filter((f) => f.endsWith(`-migrate-factuursturen-eenvoudigfactureren-undo.json`))).toHaveLength(1);
  });

  it('still offers the run, and with --force takes the edited client back too', async () => {
    await page.goto(`${base}/`);
    await click(`a[data-undo="${runId}"]`);
    expect(await text()).toContain('conflict 1');
    await click(`a[href*="force=1"]`);
    expect(await text()).toContain('delete 1');
    await click(`button[data-undo="${runId}"][data-force="1"]`);
    expect(await text()).toContain(`Took run ${runId} back`);
    expect(writes(ef, 'DELETE')).toBe(N);
    expect(clientsOf(ef)).toEqual(before);
    await page.goto(`${base}/`);
    expect(await page.$$(`a[data-undo="${runId}"]`)).toHaveLength(0);
    // Asked again by its address, the console says why not, and writes nothing.
    const again = await page.goto(`${base}/undo?run=${runId}`);
    expect(again?.status()).toBe(409);
    expect(await text()).toMatch(/already taken back by run/);
    expect(writes(ef)).toBe(N);
  });
});
