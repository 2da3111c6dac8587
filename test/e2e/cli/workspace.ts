import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.js';
import { runCli, transcript, type CliOptions, type CliRun } from './built-cli.js';

/** A temporary project directory with simulators of the three vendors and credentials nobody else uses. */
export interface Workspace {
  readonly dir: string;
  readonly sandbox: Sandbox;
  /** The credential variables the config refers to. */
  readonly env: Readonly<Record<string, string>>;
  /** Every credential in every form it could leak in (as given, Basic-auth token). */
  readonly secrets: readonly string[];
  /** Writes client-sync.yaml: the simulators' connections, then `extra` (pairs, more keys). */
  writeConfig(extra?: string, file?: string): string;
  /** Runs the built CLI in the workspace with its environment. */
  cli(args: readonly string[], options?: Partial<CliOptions>): Promise<CliRun>;
  /** Requests the simulators have seen, for "made no call" assertions. */
  calls(): number;
  close(): Promise<void>;
}

const token = (): string => randomBytes(9).toString('hex');

export async function createWorkspace(options: Omit<SandboxOptions, 'credentials'> = {}): Promise<Workspace> {
  const dir = mkdtempSync(path.join(tmpdir(), 'client-sync-e2e-'));
  const ef = { kind: 'apiKey', apiKey: `ef-key-${token()}` } as const;
  const fs = { kind: 'basic', username: `fs-user-${token()}`, password: `fs-key-${token()}` } as const;
  const bm = { kind: 'billomat', apiKey: `bm-key-${token()}` } as const;
  const sandbox = await startSandbox({ clients: 25, ...options, credentials: { eenvoudigfactureren: ef, factuursturen: fs, billomat: bm } });
  const secrets = [ef.apiKey, fs.password, bm.apiKey, Buffer.from(`${fs.username}:${fs.password}`).toString('base64')];
  return {
    dir,
    sandbox,
    env: sandbox.env,
    secrets,
    writeConfig(extra = '', file = 'client-sync.yaml') {
      const full = path.join(dir, file);
      writeFileSync(full, `${sandbox.config}${extra}`);
      return full;
    },
    cli: (args, cliOptions) => runCli(args, { cwd: dir, ...cliOptions, env: { ...sandbox.env, ...cliOptions?.env } }),
    calls: () => Object.values(sandbox.simulators).reduce((sum, simulator) => sum + simulator.log.entries.length, 0),
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Where a credential turns up in anything the CLI produced in a workspace: its output (every
 * log line and message), its reports, its state store, its saved sandbox accounts.
 */
export function leakedSecrets(workspace: Workspace): string[] {
  const places = [
    ...transcript.map((text, i) => ({ where: `output of run ${i + 1}`, text })),
    ...filesUnder(workspace.dir).filter((file) => statSync(file).isFile()).map((file) => ({ where: path.relative(workspace.dir, file), text: readFileSync(file, 'latin1') })),
  ];
  return places.flatMap(({ where, text }) => workspace.secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 6)}… in ${where}`));
}

/** The JSON document a `--json` run printed on standard output. */
export function parseJson(run: CliRun): Record<string, unknown> {
  try {
    return JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${String(run.code)}):\n${run.stdout}\n--- stderr ---\n${run.stderr}`);
  }
}
