import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listReportFiles } from '../cli/report/list-reports.js';
import type { StatusModel } from '../cli/status-model.js';
import { isSyncError } from '../errors/index.js';
import type { OpenItem, StateStore } from '../store/types.js';
import type { RunResult } from '../sync/types.js';
import { toItemView } from '../cli/open-items/item-view.js';
import type { DecisionRequest } from '../cli/open-items/decide-items.js';
import { CONSOLE_CSS } from './console.css.js';
import { lastRuns } from './console-data.js';
import { html } from './html.js';
import { itemsPage, layout, pairsPage, planPage, reportPage, reportsPage, undoPage } from './pages.js';

/** What the console works with: the same functions the commands call. */
export interface ConsoleDeps {
  readonly store: () => StateStore;
  readonly status: () => Promise<StatusModel>;
  /** Configured pair names. */
  readonly pairs: readonly string[];
  readonly reportsDirectory: string;
  /** `resolve`/`accept`/`reject`/`ignore` (decide-items.ts). */
  readonly decide: (id: string, request: DecisionRequest) => Promise<OpenItem[]>;
  /** `link --pair P from:<id> to:<id>` and `unlink --pair P <record>` (decide-items.ts). */
  readonly link: (pair: string, from: string, to: string) => OpenItem;
  readonly unlink: (pair: string, record: string) => OpenItem;
  /** `sync --pair P` once. */
  readonly run: (pair: string) => Promise<void>;
  /** `plan --pair P`: a dry run (its report is written, as the command writes one). */
  readonly plan: (pair: string) => Promise<RunResult>;
  /** `undo <run-id> [--dry-run] [--force]` (undo-run.ts): the undo run's result. */
  readonly undo: (runId: string, options: { readonly dryRun: boolean; readonly force: boolean }) => Promise<RunResult>;
}

export interface RunningConsole {
  /** `http://127.0.0.1:PORT/?token=…`: the one-time token opens a session in one browser. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Strict: nothing but this server's own stylesheet, no script at all, forms only to itself, never
 * framed. Every value in the pages is escaped as well (html.ts).
 */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A run id as the state stores make them (`20260105T090000-1a2b3c4d`). */
const RunId = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);
const UndoForm = z.object({ run: RunId, force: z.literal('1').optional() });

const DecideForm = z.object({
  id: z.string().regex(/^[a-z]-[0-9a-f]{8}$/),
  action: z.enum(['take-from', 'take-to', 'value', 'accept', 'reject', 'ignore', 'unignore', 'skip', 'retry']),
  value: z.string().max(2_000).optional(),
  candidate: z.string().max(200).optional(),
});

function requestOf(form: z.infer<typeof DecideForm>): DecisionRequest {
  switch (form.action) {
    case 'take-from':
      return { action: 'take', side: 'from' };
    case 'take-to':
      return { action: 'take', side: 'to' };
    case 'value':
      return { action: 'value', text: form.value ?? '' };
    case 'accept':
      return { action: 'accept', candidate: form.candidate };
    default:
      return { action: form.action };
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Starts the console on 127.0.0.1 and a free port (or `port`). */
export async function startConsole(deps: ConsoleDeps, options: { port?: number | undefined } = {}): Promise<RunningConsole> {
  const token = randomBytes(24).toString('base64url');
  const session = randomBytes(24).toString('base64url');
  let tokenUsed = false;
  // forceCloseConnections: a browser keeps sockets open that Node does not count as idle (a
  // preconnected socket waits up to the 60 s headers timeout), so Ctrl-C kept the console running for
  // a minute while a tab was open. Closing ends them all; the console's requests are short.
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, forceCloseConnections: true });
  await app.register(formbody);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on the console's own forms.
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Frame-Options', 'DENY');
  });

  const page = (reply: FastifyReply, title: string, body: Parameters<typeof layout>[1], message?: Parameters<typeof layout>[2], status = 200): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').send(layout(title, body, message));

  app.addHook('onRequest', async (request, reply) => {
    const url = new URL(request.url, 'http://console.local');
    if (url.pathname === '/console.css') return;
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (tokenUsed || !sameSecret(given, token)) return page(reply, 'Link used', layoutText('This link was used already or is not valid: start `client-sync ui` again for a new one.'), undefined, 401);
      tokenUsed = true;
      // The token leaves the address bar at once; the session lives in a cookie only this origin sends.
      return reply.header('Set-Cookie', `client-sync-console=${session}; HttpOnly; SameSite=Strict; Path=/`).redirect('/', 303);
    }
    const cookie = cookieOf(request, 'client-sync-console');
    if (cookie === undefined || !sameSecret(cookie, session)) return page(reply, 'Sign in', layoutText('Open the link `client-sync ui` printed.'), undefined, 401);
    if (request.method === 'POST') {
      // A form from another site cannot post here: its Origin differs (and SameSite keeps the cookie home).
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) return page(reply, 'Refused', layoutText('A request from another site was refused.'), undefined, 403);
    }
    return undefined;
  });

  app.get('/console.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(CONSOLE_CSS));

  app.get('/', async (request, reply) => {
    const model = await deps.status();
    const open = new Map<string, number>();
    for (const item of deps.store().items({ states: ['open'] })) open.set(item.pair, (open.get(item.pair) ?? 0) + 1);
    return page(reply, 'Pairs', pairsPage(model, await lastRuns(model), open), messageOf(request));
  });

  app.get('/items', async (request, reply) => {
    const pair = z.object({ pair: z.string().optional() }).parse(request.query).pair;
    const items = deps.store().items({ pair, states: ['open', 'dismissed'] });
    return page(reply, 'Open items', itemsPage(items.map(toItemView), pair, deps.pairs), messageOf(request));
  });

  app.post('/decide', async (request, reply) => {
    const form = DecideForm.safeParse(request.body);
    if (!form.success) return page(reply, 'Refused', layoutText('That decision is not one the console knows.'), undefined, 400);
    try {
      const [decided] = await deps.decide(form.data.id, requestOf(form.data));
      const where = decided === undefined ? '/items' : `/items?pair=${encodeURIComponent(decided.pair)}`;
      return await reply.redirect(`${where}${where.includes('?') ? '&' : '?'}done=${encodeURIComponent(form.data.id)}`, 303);
    } catch (error) {
      if (!isSyncError(error)) throw error;
      const items = deps.store().items({ states: ['open', 'dismissed'] });
      return page(reply, 'Open items', itemsPage(items.map(toItemView), undefined, deps.pairs), { kind: 'error', text: error.message }, 400);
    }
  });

  const HandForm = z.object({ pair: z.string(), from: z.string().trim().min(1).max(200).optional(), to: z.string().trim().min(1).max(200).optional(), record: z.string().trim().min(1).max(200).optional() });
  // A link or unlink by hand: the same functions as `client-sync link` and `unlink`.
  const byHand = (kind: 'link' | 'unlink') => async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const form = HandForm.safeParse(request.body);
    if (!form.success || !deps.pairs.includes(form.data.pair)) return page(reply, 'Refused', layoutText('Name the pair and the records.'), undefined, 400);
    const { pair, from, to, record } = form.data;
    try {
      if (kind === 'link' && (from === undefined || to === undefined)) return await page(reply, 'Refused', layoutText('A link needs both native ids.'), undefined, 400);
      if (kind === 'unlink' && record === undefined) return await page(reply, 'Refused', layoutText('An unlink needs the external id or from:<native id>.'), undefined, 400);
      const item = kind === 'link' ? deps.link(pair, from ?? '', to ?? '') : deps.unlink(pair, record ?? '');
      return await reply.redirect(`/items?pair=${encodeURIComponent(pair)}&done=${encodeURIComponent(item.id)}`, 303);
    } catch (error) {
      if (!isSyncError(error)) throw error;
      const items = deps.store().items({ pair, states: ['open', 'dismissed'] });
      return page(reply, 'Open items', itemsPage(items.map(toItemView), pair, deps.pairs), { kind: 'error', text: error.message }, 400);
    }
  };
  app.post('/link', byHand('link'));
  app.post('/unlink', byHand('unlink'));

  app.post('/run', async (request, reply) => {
    const pair = z.object({ pair: z.string() }).safeParse(request.body);
    if (!pair.success || !deps.pairs.includes(pair.data.pair)) return page(reply, 'Refused', layoutText('No such pair.'), undefined, 400);
    try {
      await deps.run(pair.data.pair);
    } catch (error) {
      if (!isSyncError(error)) throw error;
      return page(reply, 'Run', layoutText(error.message), { kind: 'error', text: `${pair.data.pair} did not run` }, 409);
    }
    return reply.redirect(`/?ran=${encodeURIComponent(pair.data.pair)}`, 303);
  });

  app.get('/plan', async (request, reply) => {
    const pair = z.object({ pair: z.string() }).safeParse(request.query);
    if (!pair.success || !deps.pairs.includes(pair.data.pair)) return page(reply, 'Plan', layoutText('No such pair.'), undefined, 404);
    return page(reply, `Plan ${pair.data.pair}`, planPage(await deps.plan(pair.data.pair)));
  });

  /**
   * An undo's result, or why it was refused: a SyncError thrown before the run (no journal, no such
   * pair), or one the engine returns as a failed run (taken back already, the pair's lock held).
   */
  const undoOrRefusal = async (run: string, options: { dryRun: boolean; force: boolean }, failed: string): Promise<{ result: RunResult } | { refused: string; notice: string }> => {
    const notice = `run ${run} ${failed}`;
    try {
      const result = await deps.undo(run, options);
      return result.error === undefined ? { result } : { refused: result.error.message, notice };
    } catch (error) {
      if (!isSyncError(error)) throw error;
      return { refused: error.message, notice };
    }
  };

  // Undo: the dry run first (the same plan the undo carries out), then a button that takes the run back.
  app.get('/undo', async (request, reply) => {
    const form = UndoForm.safeParse(request.query);
    if (!form.success) return page(reply, 'Undo', layoutText('No such run.'), undefined, 404);
    const force = form.data.force === '1';
    const undone = await undoOrRefusal(form.data.run, { dryRun: true, force }, 'cannot be taken back');
    if ('refused' in undone) return page(reply, 'Undo', layoutText(undone.refused), { kind: 'error', text: undone.notice }, 409);
    return page(reply, `Undo ${form.data.run}`, undoPage(undone.result, form.data.run, force));
  });

  app.post('/undo', async (request, reply) => {
    const form = UndoForm.safeParse(request.body);
    if (!form.success) return page(reply, 'Refused', layoutText('No such run.'), undefined, 400);
    const undone = await undoOrRefusal(form.data.run, { dryRun: false, force: form.data.force === '1' }, 'was not taken back');
    if ('refused' in undone) return page(reply, 'Undo', layoutText(undone.refused), { kind: 'error', text: undone.notice }, 409);
    return reply.redirect(`/?undone=${encodeURIComponent(form.data.run)}&status=${encodeURIComponent(undone.result.status)}`, 303);
  });

  app.get('/reports', async (_request, reply) => {
    const model = await deps.status();
    return page(reply, 'Reports', reportsPage(model.reports, (file) => path.basename(file)));
  });

  app.get('/reports/:name', async (request, reply) => {
    const { name } = z.object({ name: z.string() }).parse(request.params);
    // Only a report client-sync wrote, by its listed name: never a path the request makes up.
    const known = await listReportFiles(deps.reportsDirectory);
    if (!known.includes(name)) return page(reply, 'Report', layoutText('No such report.'), undefined, 404);
    const base = path.join(deps.reportsDirectory, name.slice(0, -'.json'.length));
    const text = await readFile(`${base}.md`, 'utf8').catch(() => readFile(`${base}.json`, 'utf8'));
    return page(reply, name, reportPage(name, text));
  });

  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return { url: `${address}/?token=${token}`, close: () => app.close() };
}


function layoutText(text: string): ReturnType<typeof html> {
  return html`<p>${text}</p>`;
}

function messageOf(request: FastifyRequest): { kind: 'notice' | 'error'; text: string } | undefined {
  const query = z.object({ done: z.string().optional(), ran: z.string().optional(), undone: z.string().optional(), status: z.string().optional() }).safeParse(request.query);
  if (!query.success) return undefined;
  if (query.data.undone !== undefined) {
    const whole = query.data.status === 'ok';
    return { kind: whole ? 'notice' : 'error', text: whole ? `Took run ${query.data.undone} back; its report is under Reports.` : `Run ${query.data.undone} was taken back in part (${query.data.status ?? '?'}): the undo's report under Reports lists what was left alone and why.` };
  }
  if (query.data.done !== undefined) return { kind: 'notice', text: `Decided on ${query.data.done}: the next run of its pair carries it out.` };
  if (query.data.ran !== undefined) return { kind: 'notice', text: `Ran ${query.data.ran}; its report is under Reports.` };
  return undefined;
}
