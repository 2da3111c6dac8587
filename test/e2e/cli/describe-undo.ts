import { basename } from 'node:path';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ensureBuilt } from './built-cli.js';
import { createWorkspace, leakedSecrets, parseJson, type Workspace } from './workspace.js';

/*
 * `client-sync undo` as a user runs it, through the built CLI against the simulators over HTTP:
 * FactuurSturen → EenvoudigFactureren (the fastest pair; no rate limits on either side). Calls are
 * counted from the simulators' request logs; the target is compared record by record. `npm test`
 * runs it with 100 clients (undo.e2e.test.ts); the acceptance run of 500 is in `npm run test:chaos`
 * (undo-500.e2e.test.ts).
 */

/** The pair `migrate --from factuursturen --to eenvoudigfactureren` runs as, configured so that `sync` continues it. */
const PAIR = 'migrate-factuursturen-eenvoudigfactureren';
/**
 * The clients EF already holds are left unlinked: matching them by VAT or e-mail would archive the
 * match of an archived FactuurSturen client, which the archive share rule stops on an unlinked pair.
 */
const MIGRATE = ['--from', 'factuursturen', '--to', 'eenvoudigfactureren', '--match-existing', 'off'] as const;

interface Outcome { status: string; externalId: string; records: string[]; reason?: string; fields?: string[] }
interface Action { kind: string; externalId: string; fields?: string[] }
interface RunsJson {
  exitCode: number;
  runs: { exitCode: number; result: { runId?: string; status: string; command: string; outcomes: Outcome[]; actions: Action[]; plan: { counts: Record<string, number> } }; files: { json: string; summary: string } }[];
}

type Simulator = Workspace['sandbox']['simulators']['eenvoudigfactureren'];
async function cliJson(workspace: Workspace, args: readonly string[]): Promise<RunsJson['runs'][number] & { code: number | null }> {
  const run = await workspace.cli([...args, '--json']);
  const parsed = parseJson(run) as unknown as RunsJson;
  const first = parsed.runs[0];
  if (run.code !== 0 && run.code !== 3) throw new Error(`client-sync ${args.join(' ')} ended with ${String(run.code)}: ${run.stderr.slice(0, 2_000)}`);
  if (first === undefined) throw new Error(`no run in the output of ${args.join(' ')}: ${run.stderr}`);
  return { ...first, code: run.code };
}

/** EF's clients by id, without what EF stamps on every write itself. */
function clientsOf(simulator: Simulator): Map<string, Record<string, unknown>> {
  return new Map(simulator.store.list().map(({ last_activity: _stamp, ...client }) => [String(client.client_id), client]));
}

const writesTo = (simulator: Simulator, method?: string): number => simulator.log.count((e) => e.method !== 'GET' && (method === undefined || e.method === method));
const planOf = (actions: readonly Action[]): string[] => actions.map((a) => `${a.kind} ${a.externalId} ${(a.fields ?? []).join(',')}`).sort();

function edit(simulator: Simulator, id: string, changes: Record<string, unknown>): void {
  const current = simulator.store.get(id);
  if (current === undefined) throw new Error(`no record ${id}`);
  simulator.store.insert({ ...current, ...changes });
}

/** The undo tests with a migration of `N` FactuurSturen clients into EenvoudigFactureren. */
export function describeUndo(N: number): void {
  describe(`client-sync undo through the built CLI, ${String(N)} clients`, () => {
    let workspace: Workspace;
    const ef = (): Simulator => workspace.sandbox.simulators.eenvoudigfactureren;
    const fs = (): Simulator => workspace.sandbox.simulators.factuursturen;
    const targetClients = (): Map<string, Record<string, unknown>> => clientsOf(ef());
    const cli = (args: readonly string[]): ReturnType<typeof cliJson> => cliJson(workspace, args);

    beforeAll(async () => {
      await ensureBuilt();
      workspace = await createWorkspace({ clients: { factuursturen: N, eenvoudigfactureren: 20, billomat: 0 }, rateLimit: { factuursturen: false, eenvoudigfactureren: false } });
      const config = parse(workspace.sandbox.config) as { connections: Record<string, Record<string, unknown>> };
      // The simulators run without limits; the connectors must not pace themselves either.
      for (const name of ['factuursturen', 'eenvoudigfactureren']) {
        const connection = config.connections[name];
        if (connection !== undefined) connection.rate_limit = { requests: 1_000_000, per: '1s' };
      }
      writeFileSync(path.join(workspace.dir, 'client-sync.yaml'), stringify({ connections: config.connections, pairs: { [PAIR]: { from: 'factuursturen', to: 'eenvoudigfactureren', mode: 'one-way', match_existing: 'off' } } }));
    }, 120_000);
    afterAll(async () => workspace.close());

    it(`takes a ${N}-client migration back: the target holds exactly the clients it had, one delete per created client`, { timeout: 180_000 }, async () => {
      const before = targetClients();
      const planBefore = await cli(['migrate', ...MIGRATE, '--dry-run']);
      const migration = await cli(['migrate', ...MIGRATE]);
      expect(migration.code).toBe(0);
      expect(migration.result.outcomes.filter((o) => o.status === 'created')).toHaveLength(N);
      const runId = migration.result.runId ?? '';

      // The run is offered for undo, by id, in status.
      const status = parseJson(await workspace.cli(['status', '--json'])) as { runs: { id: string; undoable?: boolean }[] };
      expect(status.runs.find((r) => r.id === runId)?.undoable).toBe(true);
      expect((await workspace.cli(['status'])).stdout).toContain(`to take it back: client-sync undo ${runId}`);

      ef().log.clear();
      const dry = await cli(['undo', runId, '--dry-run']);
      expect(dry.result.outcomes.filter((o) => o.status !== 'skipped').slice(0, 3)).toEqual([]);
      expect(dry.code).toBe(0);
      expect(dry.result.plan.counts.delete).toBe(N);
      expect(writesTo(ef())).toBe(0);

      const undo = await cli(['undo', runId]);
      expect(undo.result.outcomes.filter((o) => o.status !== 'deleted').slice(0, 3)).toEqual([]);
      expect(undo.code).toBe(0);
      expect(undo.result).toMatchObject({ command: 'undo', status: 'ok' });
      expect(planOf(undo.result.actions)).toEqual(planOf(dry.result.actions));
      expect(basename(undo.files.json)).toMatch(new RegExp(`-${PAIR}-undo\\.json$`));
      expect(writesTo(ef(), 'DELETE')).toBe(N);
      expect(writesTo(ef())).toBe(N);
      expect(targetClients()).toEqual(before);

      const after = parseJson(await workspace.cli(['status', '--json'])) as { runs: { id: string; command: string; undoable?: boolean }[] };
      expect(after.runs.find((r) => r.id === runId)?.undoable).toBe(false);
      // The next migration plans what the first one planned.
      const planAfter = await cli(['migrate', ...MIGRATE, '--dry-run']);
      expect(planOf(planAfter.result.actions)).toEqual(planOf(planBefore.result.actions));
      // A run taken back is not taken back twice.
      const again = await workspace.cli(['undo', runId]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/already taken back by run/);
    });

    it('reverses every record once when the undo is killed with SIGKILL and run again', { timeout: 180_000 }, async () => {
      const before = targetClients();
      const migration = await cli(['migrate', ...MIGRATE]);
      expect(migration.code).toBe(0);
      const runId = migration.result.runId ?? '';
      ef().log.clear();

      let deletedAtKill = -1;
      const killed = await workspace.cli(['undo', runId], {
        onSpawn: (child) => {
          const watch = setInterval(() => {
            const deleted = writesTo(ef(), 'DELETE');
            if (deleted >= N / 3 && deletedAtKill < 0) {
              deletedAtKill = deleted;
              child.kill('SIGKILL');
            }
          }, 1);
          child.on('exit', () => clearInterval(watch));
        },
      });
      expect(killed.signal).toBe('SIGKILL');
      expect(deletedAtKill).toBeGreaterThan(0);
      expect(deletedAtKill).toBeLessThan(N);

      const rerun = await cli(['undo', runId]);
      expect(rerun.code).toBe(0);
      expect(rerun.result.status).toBe('ok');
      // Every created client deleted exactly once over both runs, and nothing else written.
      const deletedBeforeKill = N - rerun.result.outcomes.filter((o) => o.status === 'deleted').length;
      console.info(`undo of ${N}: SIGKILL seen at ${deletedAtKill} DELETEs, ${deletedBeforeKill} done before the kill, the re-run deleted ${N - deletedBeforeKill}, ${writesTo(ef(), 'DELETE')} DELETEs in all`);
      expect(writesTo(ef(), 'DELETE')).toBe(N);
      expect(writesTo(ef())).toBe(N);
      expect(targetClients()).toEqual(before);
    });

    it('gives 50 updated clients their values back field by field, leaves those edited since alone and lists them, and the next sync plans as before', { timeout: 180_000 }, async () => {
      const first = await cli(['sync', '--pair', PAIR]);
      expect(first.code).toBe(0);
      const sources = fs().store.list().slice(0, 50);
      for (const [i, client] of sources.entries()) edit(fs(), String(client.clientnr), { email: `nieuw-${i}@voorbeeld.nl`, city: 'Zwolle' });
      const before = targetClients();
      const planBefore = await cli(['sync', '--pair', PAIR, '--dry-run']);
      expect(planBefore.result.plan.counts.update).toBe(50);

      const sync = await cli(['sync', '--pair', PAIR]);
      expect(sync.result.outcomes.filter((o) => o.status === 'updated')).toHaveLength(50);
      const updated = sync.result.outcomes.filter((o) => o.status === 'updated').map((o) => (o.records.find((r) => r.startsWith('eenvoudigfactureren:')) ?? '').split(':')[1] ?? '');
      // Someone edits three of them in EenvoudigFactureren after the run.
      const edited = updated.slice(0, 3);
      for (const id of edited) edit(ef(), id, { email_address: `iemand-${id}@anders.be` });
      ef().log.clear();

      const undo = await cli(['undo', sync.result.runId ?? '']);
      expect(undo.result.status).toBe('partial');
      expect(undo.result.outcomes.filter((o) => o.status === 'updated')).toHaveLength(47);
      expect(writesTo(ef())).toBe(47);
      const left = undo.result.outcomes.filter((o) => o.status === 'conflict');
      expect(left.map((o) => o.records[0]).sort()).toEqual(edited.map((id) => `eenvoudigfactureren:${id}`).sort());
      expect(left.every((o) => /changed since run .*channels\.email.*--force/.test(o.reason ?? ''))).toBe(true);
      const now = targetClients();
      for (const id of updated.slice(3)) expect(now.get(id)).toEqual(before.get(id));
      for (const id of edited) expect(now.get(id)?.email_address).toBe(`iemand-${id}@anders.be`);
      // The summary a person reads lists them too.
      const human = await workspace.cli(['undo', sync.result.runId ?? '', '--dry-run']);
      for (const id of edited) expect(human.stdout).toContain(`eenvoudigfactureren:${id}`);

      // --force takes those three back as well; the next sync then plans what it planned before the run.
      const forced = await cli(['undo', sync.result.runId ?? '', '--force']);
      expect(forced.result.status).toBe('ok');
      expect(forced.result.outcomes.filter((o) => o.status === 'updated')).toHaveLength(3);
      expect(targetClients()).toEqual(before);
      const planAfter = await cli(['sync', '--pair', PAIR, '--dry-run']);
      expect(planOf(planAfter.result.actions)).toEqual(planOf(planBefore.result.actions));
      expect(leakedSecrets(workspace)).toEqual([]);
    });
  });
}
