import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorSimulator } from '../../../src/sandbox/index.js';
import { until } from '../../reliability/support.js';
import { ensureBuilt, type CliRun } from './built-cli.js';
import { openConsoleInBrowser } from './console-in-browser.js';
import { createWorkspace, parseJson, type Workspace } from './workspace.js';

/*
 * The web console in a real browser: Debian's chromium, driven by puppeteer-core (no browser
 * download). A conflict is resolved, one proposed match accepted, another rejected and a third
 * ignored by clicking the page's buttons, and two records are linked through its form; then the
 * syncs carry out exactly those decisions, counted in the request logs.
 */


const PAIRS = `
pairs:
  ef-bm:
    from: eenvoudigfactureren
    to: billomat
    mode: two-way
  fs-bm:
    from: factuursturen
    to: billomat
    match_existing: review
`;

interface ItemJson { id: string; kind: string; records: string[] }

/** What the page's script sees of a node (the tests compile without the DOM library). */
interface Text { readonly textContent: string | null }
interface Table { readonly rows: ArrayLike<{ readonly cells: ArrayLike<Text> }> }

const writes = (simulator: VendorSimulator): number => simulator.log.count((e) => e.method !== 'GET' && e.method !== 'HEAD');
const creates = (simulator: VendorSimulator): number => simulator.log.count((e) => e.method === 'POST' && e.path === '/clients');

describe('the web console in headless Chromium', { timeout: 180_000 }, () => {
  let workspace: Workspace;
  let ef: VendorSimulator;
  let bm: VendorSimulator;
  let fs: VendorSimulator;
  let browser: Browser;
  let page: Page;
  let ui: ChildProcess | undefined;
  let uiDone: Promise<CliRun> | undefined;
  let url = '';
  const ids = { conflict: '', accept: '', reject: '', ignore: '' };
  let efId = '';
  /** The Billomat candidate of the ignored record, and the two records linked by hand. */
  let ignoredBmId = '';
  const byHand = { fsId: '', bmId: '' };
  let linkItem = '';
  const INJECTED = 'Evil <script>document.title="pwned"</script> BV';

  beforeAll(async () => {
    await ensureBuilt();
    workspace = await createWorkspace({ clients: { eenvoudigfactureren: 3, billomat: 0, factuursturen: 4 }, rateLimit: { eenvoudigfactureren: false, billomat: false, factuursturen: false } });
    ({ eenvoudigfactureren: ef, billomat: bm, factuursturen: fs } = workspace.sandbox.simulators);
    workspace.writeConfig(PAIRS);
    for (const raw of ef.store.list()) ef.store.insert({ ...raw, state: 'active' });
    await workspace.cli(['sync', '--pair', 'ef-bm']);
    await workspace.cli(['sync', '--pair', 'ef-bm']);
    // A conflict on ef-bm, and two FactuurSturen clients that already exist in Billomat.
    const efRecord = ef.store.list()[0];
    efId = String(efRecord?.client_id);
    const externalId = typeof efRecord?.external_client_id === 'string' && efRecord.external_client_id !== '' ? efRecord.external_client_id : `ef-${efId}`;
    const bmRecord = bm.store.list().find((r) => r.customfield === externalId);
    if (efRecord === undefined || bmRecord === undefined) throw new Error('no linked client');
    ef.store.insert({ ...efRecord, city: 'Mechelen' });
    bm.store.insert({ ...bmRecord, city: 'Brugge <b>&amp;</b>' });
    await workspace.cli(['sync', '--pair', 'ef-bm']);
    // After the two-way sync: it would otherwise copy these Billomat-only clients into EF and claim them.
    const candidates = fs.store.list().slice(0, 3).map((raw) => bm.store.insert({ name: raw.company, email: raw.email, vat_number: raw.taxnumber, city: raw.city, zip: raw.zipcode, country_code: 'NL' }));
    ignoredBmId = candidates[2] ?? '';
    // A client name with a script in it: the page must show it as text.
    const third = fs.store.list()[2];
    if (third !== undefined) fs.store.insert({ ...third, company: INJECTED });
    const fsRun = await workspace.cli(['sync', '--pair', 'fs-bm']);
    expect(fsRun.code, fsRun.stdout + fsRun.stderr).toBe(0);
    const items = (parseJson(await workspace.cli(['review', '--json'])) as unknown as { items: ItemJson[] }).items;
    ids.conflict = items.find((i) => i.kind === 'conflict')?.id ?? '';
    const reviews = items.filter((i) => i.kind === 'review');
    const reviewOf = (n: number): string => reviews.find((i) => i.records.includes(`factuursturen:${String(fs.store.list()[n]?.clientnr)}`))?.id ?? '';
    [ids.accept, ids.reject, ids.ignore] = [reviewOf(0), reviewOf(1), reviewOf(2)];
    expect([items.length, ids.conflict !== '', reviews.length, new Set(Object.values(ids)).size], fsRun.stdout).toEqual([4, true, 3, 4]);

    const opened = await openConsoleInBrowser(workspace);
    ({ browser, page, url, ui } = opened);
    uiDone = opened.done;
  }, 180_000);

  afterAll(async () => {
    await browser.close();
    ui?.kill('SIGTERM');
    await uiDone;
    await workspace.close();
  });

  const click = async (selector: string): Promise<void> => {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  };

  it('opens with the one-time link, which then no longer works, and answers with a strict CSP', async () => {
    const first = await page.goto(url);
    expect(first?.status()).toBe(200);
    expect(new URL(page.url()).search).toBe('');
    expect(first?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await page.$eval('h2', (h: Text) => h.textContent)).toBe('Pairs');
    const other = await browser.createBrowserContext();
    const again = await (await other.newPage()).goto(url);
    expect(again?.status()).toBe(401);
    await other.close();
  });

  it('shows the pairs with their last runs and a chart of calls per rate window', async () => {
    await page.goto(url.replace(/\/\?token=.*/, '/'));
    expect(await page.$$eval('table tr', (rows) => rows.length)).toBeGreaterThan(2);
    expect(await page.$$eval('svg.chart rect.bar', (bars) => bars.length)).toBeGreaterThan(0);
    const shot = process.env.CONSOLE_SCREENSHOT_DIR;
    if (shot !== undefined) await page.screenshot({ path: path.join(shot, 'console-pairs.png'), fullPage: true });
  });

  it('shows the conflict side by side, with a value escaped as text', async () => {
    await page.goto(url.replace(/\/\?token=.*/, '/items'));
    const cells = await page.$$eval(`#${ids.conflict} table td`, (tds: Text[]) => tds.map((td) => td.textContent));
    expect(cells).toEqual(['billingAddress.city', expect.any(String), '"Mechelen"', '"Brugge <b>&amp;</b>"']);
    expect(await page.$$(`#${ids.conflict} b`)).toHaveLength(0);
    // The injected script is text in the ignored record's card, and no script element is in the page.
    expect(await page.$eval(`#${ids.ignore} h3`, (h: Text) => h.textContent)).toContain(INJECTED);
    expect([await page.$$('script'), await page.title()]).toEqual([[], 'Open items · client-sync']);
    // CONSOLE_SCREENSHOT_DIR=docs keeps the README's picture current; otherwise it goes to a temp directory.
    const dir = process.env.CONSOLE_SCREENSHOT_DIR ?? path.join(tmpdir(), 'client-sync-console');
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'console.png'), fullPage: true });
  });

  it('resolves the conflict, accepts one match, rejects another and ignores a third through the buttons', async () => {
    await page.goto(url.replace(/\/\?token=.*/, '/items'));
    await click(`button[data-item="${ids.conflict}"][data-action="take-to"]`);
    expect(await page.$eval('main', (m: Text) => m.textContent)).toContain(`Decided on ${ids.conflict}`);
    await page.goto(url.replace(/\/\?token=.*/, '/items'));
    await click(`button[data-item="${ids.accept}"][data-action="accept"]`);
    await page.goto(url.replace(/\/\?token=.*/, '/items'));
    await click(`button[data-item="${ids.reject}"][data-action="reject"]`);
    await page.goto(url.replace(/\/\?token=.*/, '/items'));
    await click(`button[data-item="${ids.ignore}"][data-action="ignore"]`);
    await page.goto(url.replace(/\/\?token=.*/, '/items'));
    const decided = await page.$$eval('.item p strong', (nodes: Text[]) => nodes.map((n) => n.textContent));
    expect(decided.sort()).toEqual(['ignore', 'reject', 'take to', expect.stringMatching(/^accept billomat:\d+$/)].sort());
  });

  it('links two existing records by hand through the form', async () => {
    byHand.fsId = fs.store.insert({ company: 'Handwerk Testbedrijf BV', email: 'post@handwerk-test.example', city: 'Utrecht', zipcode: '3511 AA', country: '146' });
    byHand.bmId = bm.store.insert({ name: 'Handwerk Test (alt)', email: 'andere@handwerk-test.example', city: 'Utrecht', zip: '3511 AA', country_code: 'NL' });
    await page.goto(url.replace(/\/\?token=.*/, '/items?pair=fs-bm'));
    await page.type('form[action="/link"] input[name="from"]', byHand.fsId);
    await page.type('form[action="/link"] input[name="to"]', byHand.bmId);
    await click('button[data-link="fs-bm"]');
    linkItem = new URL(page.url()).searchParams.get('done') ?? '';
    expect(linkItem).toMatch(/^l-[0-9a-f]{8}$/);
    expect(await page.$eval('main', (m: Text) => m.textContent)).toContain(`link from:${byHand.fsId} to:${byHand.bmId}`);
  });

  it('previews the plan of a pair with its decisions, writing nothing', async () => {
    for (const simulator of [ef, bm, fs]) simulator.log.clear();
    await page.goto(url.replace(/\/\?token=.*/, '/plan?pair=fs-bm'));
    expect(await page.$eval('h2', (h: Text) => h.textContent)).toBe('Plan preview: fs-bm');
    const tables = await page.$$eval('table', (nodes: Table[]) => nodes.map((t) => Array.from(t.rows, (r) => Array.from(r.cells, (c) => c.textContent ?? ''))));
    const decisions = tables.find((rows) => rows[0]?.includes('outcome') === true) ?? [];
    const outcomeOf = new Map(decisions.slice(1).map((cells) => [cells[0], cells[3]]));
    expect(Object.fromEntries(outcomeOf)).toEqual({ [ids.accept]: 'planned', [ids.reject]: 'planned', [ids.ignore]: 'standing', [linkItem]: 'planned' });
    expect([writes(ef), writes(bm), writes(fs)]).toEqual([0, 0, 0]);
  });

  it('stops at SIGTERM while the browser still has the page open', async () => {
    ui?.kill('SIGTERM');
    // Not a speed limit: Node holds a browser's preconnected socket for its 60 s headers timeout and
    // Fastify a keep-alive one for 72 s; a console that waited for them did not stop within 30 s.
    let stopped = false;
    void uiDone?.then(() => (stopped = true));
    await until(() => stopped, 30_000, 'the console to stop');
    expect((await uiDone)?.code).toBe(0);
  });

  it('and the next syncs carry out exactly those decisions', async () => {
    for (const simulator of [ef, bm, fs]) simulator.log.clear();
    const twoWay = await workspace.cli(['sync', '--pair', 'ef-bm', '--json']);
    const conflictDecision = (parseJson(twoWay) as unknown as { runs: { result: { decisions: { item: string; status: string }[] } }[] }).runs[0]?.result.decisions;
    expect(conflictDecision?.map((d) => [d.item, d.status])).toEqual([[ids.conflict, 'carried-out']]);
    // One update of the EF client, nothing written to Billomat. (The two-way pair also copies the
    // Billomat-only clients the other pair brought into EF: creates, not this client's business.)
    expect([ef.log.count({ method: 'POST', path: `/clients/${efId}` }), writes(bm)]).toEqual([1, 0]);
    expect(ef.store.get(efId)?.city).toBe('Brugge <b>&amp;</b>');
    const review = await workspace.cli(['sync', '--pair', 'fs-bm', '--json']);
    const decisions = (parseJson(review) as unknown as { runs: { result: { decisions: { item: string; status: string }[] } }[] }).runs[0]?.result.decisions;
    expect(decisions?.map((d) => [d.item, d.status]).sort()).toEqual([[ids.accept, 'carried-out'], [ids.reject, 'carried-out'], [ids.ignore, 'standing'], [linkItem, 'carried-out']].sort());
    // The accepted match and the two records linked by hand are linked (no create); the rejected one
    // is created anew, exactly once; the ignored one stands.
    expect(creates(bm)).toBe(1);
    expect(bm.store.get(byHand.bmId)?.name).toBe('Handwerk Testbedrijf BV');
    expect(parseJson(await workspace.cli(['review', '--json']))).toMatchObject({ items: [] });
    // The ignored record: no call about its candidate in this and the next two runs, and nothing written then.
    expect(bm.log.count((e) => e.path.includes(`/clients/${ignoredBmId}`))).toBe(0);
    for (const simulator of [ef, bm, fs]) simulator.log.clear();
    for (let run = 0; run < 2; run++) expect((await workspace.cli(['sync', '--pair', 'fs-bm'])).code).toBe(0);
    // (The second run writes the markers of the records the first one linked: not the ignored one's.)
    const ignoredFs = String(fs.store.list()[2]?.clientnr);
    const about = [bm.log.count((e) => e.path.includes(`/clients/${ignoredBmId}`)), fs.log.count((e) => e.path.includes(`/clients/${ignoredFs}`)), creates(bm), writes(fs)];
    expect(about, JSON.stringify(bm.log.entries.filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`))).toEqual([0, 0, 0, 0]);
  });
});
