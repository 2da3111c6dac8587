import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { Customer } from '../../src/canonical/customer.js';
import type { Logger } from '../../src/logging/logger.js';
import { lossinessBetween } from '../../src/mapping/lossiness.js';
import { loadMapping } from '../../src/mapping/index.js';
import type { Mapping } from '../../src/mapping/mapping.js';
import { startSimulator, type RequestLogEntry, type VendorSimulator } from '../../src/sandbox/index.js';
import type { SimulatorOptions } from '../../src/sandbox/simulator-options.js';
import type { StateStore } from '../../src/store/index.js';
import { toSyncError, type SyncError } from '../../src/errors/index.js';
import { runPair, type PairSettings, type RunCommand, type RunResult, type SyncSide } from '../../src/sync/index.js';
import type { ApiVendorId } from '../../src/vendors/ids.js';
import { createConnector } from '../../src/vendors/registry.js';
import type { ConnectorStats, Credentials } from '../../src/vendors/types.js';
import { decodedClients, valueAt } from '../helpers/records.js';
import type { ChildInput, ChildSide } from './run-child.js';

export { createCapturingLogger, type CapturingLogger } from './capturing-logger.js';

/*
 * What the reliability and chaos suites share: sides with their own credentials and a logger that
 * keeps every line, an independent check that a target holds every source client exactly once with
 * every surviving field equal, the accounting of faulted requests, and the search for credentials
 * in everything a run leaves behind.
 */

// ------------------------------------------------------------------ sides

/** Credentials no other test uses, so finding one anywhere means this suite leaked it. */
export function uniqueCredentials(vendor: ApiVendorId, tag: string): Credentials {
  switch (vendor) {
    case 'eenvoudigfactureren':
      return { kind: 'apiKey', apiKey: `ef-secret-${tag}-7f3a9c21` };
    case 'factuursturen':
      return { kind: 'basic', username: `fs-user-${tag}`, password: `fs-secret-${tag}-5be0d4e8` };
    case 'billomat':
      return { kind: 'billomat', apiKey: `bm-secret-${tag}-c81f06ab` };
  }
}

/** Every form a credential can leak in: as given, URL-encoded, and the Basic-auth token. */
export function secretFormsOf(credentials: Credentials): string[] {
  switch (credentials.kind) {
    case 'apiKey':
    case 'billomat':
      return [credentials.apiKey, encodeURIComponent(credentials.apiKey)];
    case 'basic':
      return [credentials.password, encodeURIComponent(credentials.password), Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')];
  }
}

/** A simulator and fresh connectors to it that log into `logger`; vendor time runs `timeScale` times faster. */
export interface Side {
  readonly simulator: VendorSimulator;
  readonly name: string;
  readonly credentials: Credentials;
  side(options?: { timeoutMs?: number; pageSize?: number }): Promise<SyncSide>;
  mapping(): Promise<Mapping>;
}

export async function startSide(vendor: ApiVendorId, name: string, options: Omit<SimulatorOptions, 'vendor' | 'credentials'> & { logger?: Logger; tag?: string } = {}): Promise<Side> {
  const { logger, tag = name, ...simulatorOptions } = options;
  const credentials = uniqueCredentials(vendor, tag);
  const simulator = await startSimulator({ vendor, rateLimit: false, ...simulatorOptions, credentials } as SimulatorOptions);
  const rateBudget = simulatorOptions.rateLimit === false || simulatorOptions.rateLimit === undefined ? { requests: 1_000_000, windowMs: 60_000 } : undefined;
  // Compiling a mapping takes a while; it is the same for every run, so it is compiled once (as
  // soon as the vendor's lookup tables are known, for the vendor that has them).
  const plain = loadMapping(vendor);
  let withLookups: Promise<Mapping> | undefined;
  return {
    simulator,
    name,
    credentials,
    async side(sideOptions = {}) {
      const connector = createConnector({ name, vendor, baseUrl: simulator.url, credentials, mapping: await plain, clock: simulator.clock, rateBudget, logger, ...sideOptions });
      const lookups = await connector.lookupTables?.();
      if (lookups !== undefined) withLookups ??= loadMapping(vendor, { lookups });
      return { name, connector, mapping: await (withLookups ?? plain) };
    },
    mapping: () => withLookups ?? plain,
  };
}

// ------------------------------------------------------------------ every client once

/**
 * Checks, from the vendors' own records, that `target` holds every client of `source` it can hold
 * exactly once: the links form a one-to-one map covering every source record that the target can
 * hold and every target record (so nothing is missing and nothing is there twice), and each target
 * record holds every value its source has in a field the lossiness matrix says survives (unless the
 * target cannot hold that record's value, which encoding it says). Custom values are compared for
 * the names the target holds at all, contacts only when the pair syncs them. Returns how many
 * records and values were compared.
 */
export async function expectEveryClientOnce(input: { source: Side; target: Side; store: StateStore; contacts?: boolean }): Promise<{ records: number; values: number }> {
  const { source, target, store } = input;
  const sourceMapping = await source.mapping();
  const targetMapping = await target.mapping();
  const sourceClients = decodedClients(source.simulator, sourceMapping);
  const targetClients = decodedClients(target.simulator, targetMapping);
  const sourceLinks = new Map(store.links(source.name).map((l) => [l.nativeId, l.externalId]));
  const targetLinks = new Map(store.links(target.name).map((l) => [l.externalId, l.nativeId]));

  // Every target record is linked, to one external id each: none is there twice, none is a stray.
  const linkedTargets = [...targetLinks.values()];
  expect(new Set(linkedTargets).size, 'two links to one target record').toBe(linkedTargets.length);
  // (A link may outlive its record: a client deleted on both sides keeps its link.)
  const linkedSet = new Set(linkedTargets);
  expect([...targetClients.keys()].filter((id) => !linkedSet.has(id)), 'target records without a link (duplicates or strays)').toEqual([]);

  const numbers = new Map<string, number>();
  for (const customer of sourceClients.values()) if (customer.number !== undefined) numbers.set(customer.number, (numbers.get(customer.number) ?? 0) + 1);
  const survivors = lossinessBetween(sourceMapping, targetMapping).entries.filter((e) => e.fate === 'survives').map((e) => e.path);
  const customNames = new Set([...targetClients.values()].flatMap((c) => (c.customValues ?? []).map((v) => v.name)));
  let records = 0;
  let values = 0;
  const missing: string[] = [];
  for (const raw of source.simulator.store.list()) {
    const nativeId = sourceMapping.nativeIdOf(raw) ?? '';
    const label = `${sourceMapping.vendor}:${nativeId}`;
    const decoded = sourceMapping.decode(raw, label);
    const customer = decoded.customer;
    const encoded = targetMapping.encode(customer, label, { mode: 'create' });
    const externalId = sourceLinks.get(nativeId);
    const targetId = externalId === undefined ? undefined : targetLinks.get(externalId);
    const held = targetId === undefined ? undefined : targetClients.get(targetId);
    if (decoded.issues.length > 0 || encoded.issues.length > 0) {
      // A record the target cannot hold is reported, never written.
      if (held !== undefined) missing.push(`${label} was written although the target cannot hold it`);
      continue;
    }
    if (held === undefined) {
      missing.push(label);
      continue;
    }
    records += 1;
    const dropped = encoded.dropped.map((d) => (d.field.split(' ')[0] ?? '').replace(/\[\d+\]/g, '[]'));
    for (const field of survivors) {
      if (field.startsWith('contacts[]') && input.contacts !== true) continue;
      if (field.startsWith('customValues[]')) continue;
      // The external id travels as a marker, which the default pair writes later, on spare budget
      // (Billomat's customfield costs a call of its own); the link in the state store holds it until then.
      if (field === 'externalClientId') continue;
      if (dropped.some((d) => d === field || field.startsWith(d.split('[]')[0] ?? '\0'))) continue;
      if (field === 'number' && (numbers.get(customer.number ?? '') ?? 0) > 1) continue;
      const value = valueAt(customer, field);
      if (value === undefined || (Array.isArray(value) && value.every((v) => v === undefined))) continue;
      expect(valueAt(held, field), `${label} → ${String(targetId)} ${field}`).toEqual(value);
      values += 1;
    }
    const expectedCustom = (customer.customValues ?? []).filter((v) => customNames.has(v.name)).map((v) => [v.name, v.value]);
    expect((held.customValues ?? []).map((v) => [v.name, v.value]).sort(), `${label} custom values`).toEqual(expectedCustom.sort());
    values += expectedCustom.length;
  }
  expect(missing, 'source records missing from the target').toEqual([]);
  return { records, values };
}

/** The canonical records of a side, for tests that look at one. */
export function clientsOf(side: Side, mapping: Mapping): Map<string, Customer> {
  return decodedClients(side.simulator, mapping);
}

// ------------------------------------------------------------------ accounting

/** Faults after which the client had no good answer (latency delays an answer, it does not spoil it). */
export const isFailedAttempt = (entry: RequestLogEntry): boolean => entry.fault !== undefined && entry.fault !== 'latency';
/** Requests sent once and never retried, because they create something: clients, and Billomat's sub-resources. */
export const isCreate = (entry: RequestLogEntry): boolean => entry.method === 'POST' && ['/clients', '/client-property-values', '/contacts'].includes(entry.path);

/** What the vendor's request log says happened to a run's requests. */
export interface LoggedAttempts {
  readonly requests: number;
  /** Failed attempts (5xx, HTML 502, reset, commit-then-drop). */
  readonly failed: number;
  /** Failed attempts that the same request then tried again. */
  readonly retried: number;
  /** Requests that failed on every attempt the retry policy allows. */
  readonly gaveUp: number;
  /** Failed creates of clients; `stored`: those the vendor stored before the answer was lost. */
  readonly lostCreates: { readonly all: number; readonly stored: number };
  /** Failed creates of Billomat contacts and custom values. */
  readonly lostSubresources: number;
}

/**
 * Reads a run's requests from the vendor's log. A request's attempts share method, path and query;
 * a failed attempt is retried until one succeeds or `maxRetries` retries have failed too. Creates are
 * never retried (an unknown outcome is looked up instead).
 */
export function loggedAttempts(entries: readonly RequestLogEntry[], maxRetries = 3): LoggedAttempts {
  const byRequest = new Map<string, RequestLogEntry[]>();
  for (const entry of entries.filter((e) => !isCreate(e))) {
    const key = `${entry.method} ${entry.path}?${entry.query}`;
    byRequest.set(key, [...(byRequest.get(key) ?? []), entry]);
  }
  let retried = 0;
  let gaveUp = 0;
  for (const attempts of byRequest.values()) {
    let failing = 0;
    for (const attempt of attempts) {
      if (!isFailedAttempt(attempt)) {
        retried += failing;
        failing = 0;
        continue;
      }
      failing += 1;
      if (failing === maxRetries + 1) {
        retried += maxRetries;
        gaveUp += 1;
        failing = 0;
      }
    }
    if (failing > 0) {
      retried += failing - 1;
      gaveUp += 1;
    }
  }
  const failedCreates = entries.filter((e) => isFailedAttempt(e) && isCreate(e));
  const clientCreates = failedCreates.filter((e) => e.path === '/clients');
  return {
    requests: entries.length,
    failed: entries.filter(isFailedAttempt).length,
    retried,
    gaveUp,
    lostCreates: { all: clientCreates.length, stored: clientCreates.filter((e) => e.fault === 'commitThenDrop' || e.fault === 'rawBody').length },
    lostSubresources: failedCreates.length - clientCreates.length,
  };
}

/**
 * Sets a run's report against the vendor's log of the requests it sent: the calls it reports are the
 * requests logged; the retries it reports are exactly the failed attempts that were tried again; a
 * request that ran out of retries shows as a failed record; every failed create is journalled as an
 * unknown outcome and then found again (if the vendor had stored it) or found missing and sent
 * again, and the records found again are the ones reported as recovered.
 */
export function expectEveryRequestAccountedFor(input: { run: AccountedRun; side: Side; store: StateStore }): LoggedAttempts {
  const { run, side, store } = input;
  const entries = run.entries(side);
  const logged = loggedAttempts(entries);
  const stats = run.stats[side.name];
  expect(stats?.calls, `${side.name}: calls reported vs requests logged`).toBe(logged.requests);
  expect(stats?.retries, `${side.name}: retries reported vs failed attempts tried again`).toBe(logged.retried);
  const outcomes = run.result?.outcomes ?? [];
  const unavailable = outcomes.filter((o) => o.error?.code === 'VENDOR_UNAVAILABLE' && (o.connection === side.name || o.connection === undefined)).length + (run.error?.code === 'VENDOR_UNAVAILABLE' ? 1 : 0);
  expect(unavailable > 0, `${side.name}: requests that ran out of retries (${logged.gaveUp}) vs failures reported for it (${unavailable})`).toBe(logged.gaveUp > 0);
  const creates = run.runId === undefined ? [] : store.journal({ runId: run.runId }).filter((j) => j.operation === 'create' && j.connection === side.name);
  const count = (state: string): number => creates.filter((j) => j.state === state).length;
  expect(count('resolved') + count('abandoned') + count('unknown'), `${side.name}: creates journalled as lost vs failed creates logged`).toBe(logged.lostCreates.all);
  expect(count('resolved'), `${side.name}: lost creates found again`).toBeLessThanOrEqual(logged.lostCreates.stored);
  expect(count('resolved') + count('unknown'), `${side.name}: lost creates the vendor stored, found again or still to look up`).toBeGreaterThanOrEqual(logged.lostCreates.stored);
  expect(outcomes.filter((o) => o.recovered !== undefined && o.connection === side.name).length, `${side.name}: recovered outcomes`).toBe(count('resolved'));
  return logged;
}

/** One run, with what is needed to account for its requests even when it threw. */
export interface AccountedRun {
  readonly result: RunResult | undefined;
  readonly error: SyncError | undefined;
  readonly runId: string | undefined;
  /** Connector counters per connection (also when the run threw). */
  readonly stats: Readonly<Record<string, ConnectorStats>>;
  /** The requests `side`'s vendor logged during this run (connector set-up included). */
  entries(side: Side): readonly RequestLogEntry[];
}

/** Runs a pair with fresh connectors, noting where each vendor's log stood before. */
export async function accountedRun(input: { pair: PairSettings; from: Side; to: Side; store: StateStore; logger?: Logger; command?: RunCommand; targetTimeoutMs?: number }): Promise<AccountedRun> {
  const { from, to, store } = input;
  const offsets = new Map([from, to].map((side) => [side.name, side.simulator.log.entries.length]));
  const sides = [await from.side(), await to.side(input.targetTimeoutMs === undefined ? {} : { timeoutMs: input.targetTimeoutMs })] as const;
  let result: RunResult | undefined;
  let error: SyncError | undefined;
  const before = new Set(store.runs({ pair: input.pair.name, limit: 1_000 }).map((r) => r.id));
  try {
    result = await runPair({ pair: input.pair, from: sides[0], to: sides[1], store, command: input.command ?? 'migrate', logger: input.logger });
  } catch (caught) {
    error = toSyncError(caught);
  }
  const runId = result?.runId ?? store.runs({ pair: input.pair.name, limit: 1_000 }).find((r) => !before.has(r.id))?.id;
  return {
    result,
    error,
    runId,
    stats: Object.fromEntries(sides.map((side) => [side.name, side.connector.stats()])),
    entries: (side) => side.simulator.log.entries.slice(offsets.get(side.name) ?? 0),
  };
}

// ------------------------------------------------------------------ secrets

/** Every row of every table of a SQLite state store, as text. */
export function dumpStateStore(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    return tables.flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all().map((row) => `${name}: ${JSON.stringify(row)}`));
  } finally {
    db.close();
  }
}

/** The files under a directory, read as text (reports). */
export function filesUnder(directory: string): { file: string; text: string }[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file, text: readFileSync(file, 'latin1') };
    });
}

/** Where any of `secrets` occurs in `places`: `<secret prefix>… in <where>`. */
export function leaks(places: readonly { where: string; text: string }[], secrets: readonly string[]): string[] {
  return places.flatMap(({ where, text }) => secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 8)}… in ${where}`));
}

// ------------------------------------------------------------------ runs in another process

/** How a run in a child process ended, with everything it wrote. */
export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The RunResult (or `{ error }`) as JSON, unless the child was killed first. */
  readonly stdout: string;
  /** Its log lines, JSON. */
  readonly stderr: string;
}

/** A running child; `kill()` sends SIGKILL. */
export interface RunningChild {
  readonly pid: number;
  readonly done: Promise<ChildRun>;
  kill(): void;
}

/** Runs `test/reliability/run-child.ts` with `input` (sides, state file, pair, command). */
export function startChild(input: ChildInput): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<ChildRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { pid: child.pid ?? -1, done, kill: () => child.kill('SIGKILL') };
}

const CHILD = fileURLToPath(new URL('./run-child.ts', import.meta.url));

/** What a child needs to know of a side. */
export function childSide(side: Side, vendor: ApiVendorId): ChildSide {
  return { name: side.name, vendor, url: side.simulator.url, credentials: side.credentials };
}

/** Resolves once `condition` holds (polled every `everyMs`), or rejects after `timeoutMs` naming `what`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000, what = 'a condition', everyMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
