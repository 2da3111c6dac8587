import { Cron } from 'croner';
import type { ClientSyncConfig } from '../config/types.js';
import type { Failure, RunRecord, StateStore } from '../store/types.js';
import { redactStoreLocation } from '../store/location.js';
import type { VendorId } from '../vendors/ids.js';
import { readReportHeads, type ReportHead } from './report/list-reports.js';
import { hasUndoableCounts } from './undoable.js';

/** One pair as `status` shows it: configured, or seen in a report (the implicit pairs of `migrate`). */
export interface PairStatus {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly configured: boolean;
  readonly schedule?: string | undefined;
  readonly nextRun?: string | undefined;
  /** External ids linked on both connections. */
  readonly linked: number;
  /** Links on the target whose external id is not yet written into the vendor's slot (deferred markers). */
  readonly markersPending: number;
  readonly lastRun?: RunRecord | undefined;
  readonly failures: number;
}

/** A connection's rate budget as the newest report that used it left it. */
export interface BudgetStatus {
  readonly connection: string;
  readonly vendor: VendorId;
  readonly requests: number;
  readonly windowMs: number;
  readonly spare: number;
  readonly callsInLastRun: number;
  readonly rateWaitMs: number;
  readonly asOf: string | undefined;
}

export interface StatusModel {
  readonly config: string;
  /** The SQLite file, or the PostgreSQL URL without its password. */
  readonly statePath: string;
  readonly reportsDirectory: string;
  readonly pairs: readonly PairStatus[];
  /** `undoable`: the run wrote something its journal still holds, and no undo has taken it back (`client-sync undo <id>`). */
  readonly runs: readonly (RunRecord & { readonly undoable: boolean })[];
  readonly failures: readonly Failure[];
  readonly budgets: readonly BudgetStatus[];
  readonly reports: readonly ReportHead[];
}

function nextRunOf(pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  const cron = new Cron(pattern);
  const next = cron.nextRun();
  cron.stop();
  return next?.toISOString();
}

const WRITES = new Set(['create', 'update', 'archive', 'marker']);

/** Marks the runs `client-sync undo` can take back: they wrote what an undo can reverse (per the journal) and no undo took them back. */
function undoableRuns(store: StateStore | undefined, runs: readonly RunRecord[]): (RunRecord & { undoable: boolean })[] {
  if (store === undefined) return runs.map((run) => ({ ...run, undoable: false }));
  const undone = new Set(store.runs({ limit: 1_000 }).filter((run) => run.status === 'ok' && typeof run.summary?.undoes === 'string').map((run) => run.summary?.undoes));
  const wrote = (run: RunRecord): boolean => {
    // A finished run counted its outcomes; only a run that died unfinished needs its journal read.
    const counts = run.summary?.counts;
    if (typeof counts === 'object' && counts !== null) return hasUndoableCounts(counts as Record<string, unknown>);
    // A delete the vendor refused archived the client instead: that one can be made active again.
    return store.journal({ runId: run.id }).some((entry) => (entry.state === 'done' || entry.state === 'resolved') && (WRITES.has(entry.operation) || (entry.operation === 'delete' && entry.detail?.includes('archived instead') === true)));
  };
  return runs.map((run) => ({ ...run, undoable: run.status !== 'running' && run.command !== 'plan' && !undone.has(run.id) && wrote(run) }));
}

/**
 * Everything `status` shows, from the state store and the reports directory. No vendor call; with
 * no state store yet (nothing ever ran) `store` is undefined and nothing is created.
 */
export async function gatherStatus(config: ClientSyncConfig, configName: string, store: StateStore | undefined, options: { limit: number }): Promise<StatusModel> {
  const reports = await readReportHeads(config.reportsDirectory, Math.max(options.limit, 50));
  const runs = undoableRuns(store, store?.runs({ limit: options.limit }) ?? []);
  const failures = store?.failures() ?? [];
  const seen = new Map<string, { from: string; to: string }>();
  for (const pair of Object.values(config.pairs)) seen.set(pair.name, { from: pair.from, to: pair.to });
  // Pairs seen only in reports (`migrate`'s implicit pairs), as long as the config still has both connections.
  for (const head of [...reports].reverse()) {
    const { pair, from, to } = head.result;
    if (!seen.has(pair) && config.connections[from.connection] !== undefined && config.connections[to.connection] !== undefined) seen.set(pair, { from: from.connection, to: to.connection });
  }

  const pairs = [...seen].map(([name, { from, to }]): PairStatus => {
    const fromLinks = new Set((store?.links(from) ?? []).map((link) => link.externalId));
    const toLinks = store?.links(to) ?? [];
    const slotted = config.connections[to]?.vendor !== 'factuursturen';
    const schedule = config.pairs[name]?.schedule;
    return {
      name,
      from,
      to,
      configured: config.pairs[name] !== undefined,
      schedule,
      nextRun: nextRunOf(schedule),
      linked: toLinks.filter((link) => fromLinks.has(link.externalId)).length,
      markersPending: slotted ? toLinks.filter((link) => fromLinks.has(link.externalId) && !link.markerWritten).length : 0,
      lastRun: store?.runs({ pair: name, limit: 1 })[0],
      failures: failures.filter((failure) => failure.pair === name).length,
    };
  });

  const budgets = new Map<string, BudgetStatus>();
  for (const head of reports) {
    for (const [connection, budget] of Object.entries(head.budgets)) {
      const configured = config.connections[connection];
      if (budgets.has(connection) || configured === undefined) continue;
      const calls = head.result.calls[connection];
      budgets.set(connection, { connection, vendor: configured.vendor, ...budget, callsInLastRun: calls?.calls ?? 0, rateWaitMs: calls?.rateWaitMs ?? 0, asOf: head.result.startedAt ?? head.startedAt });
    }
  }
  return { config: configName, statePath: redactStoreLocation(config.statePath), reportsDirectory: config.reportsDirectory, pairs, runs, failures, budgets: [...budgets.values()], reports: reports.slice(0, options.limit) };
}
