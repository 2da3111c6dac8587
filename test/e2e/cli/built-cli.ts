import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The end-to-end tests run the command line as users do: the built `dist/cli/main.js` in a child
 * process. It is built once, and only when a source file is newer than the build.
 */

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const MAIN = path.join(ROOT, 'dist', 'cli', 'main.js');

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  try {
    return newestSource(path.join(ROOT, 'src')) > statSync(MAIN).mtimeMs;
  } catch {
    return true;
  }
}

/** Builds dist/ when it is older than src/. Test files run in parallel: a lock directory makes one build. */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = path.join(tmpdir(), `client-sync-build-${Buffer.from(ROOT).toString('hex').slice(-24)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (isStale()) execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Called with the running child, e.g. to send it a signal. */
  readonly onSpawn?: (child: ChildProcess) => void;
}

/** Every run's output, for the test that looks for credentials in it. */
export const transcript: string[] = [];

/**
 * Runs the built CLI. Asynchronous on purpose: the simulators answering it live in the test
 * process, whose event loop must keep turning.
 */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      transcript.push(`$ client-sync ${args.join(' ')}\n${stdout}\n${stderr}`);
      resolve({ code, signal, stdout, stderr });
    });
    options.onSpawn?.(child);
  });
}
