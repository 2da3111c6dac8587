import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DumpInput, DumpOutput, EngineOnlyInput, EngineOnlyOutput, EngineRunInput, EngineRunOutput } from './child-protocol.js';

const CHILD_ENTRY = fileURLToPath(new URL('./child/main.ts', import.meta.url));

export interface ChildOptions {
  /** Write a V8 CPU profile of the child into this directory (`node --cpu-prof`). */
  readonly cpuProfileDir?: string | undefined;
  /** Name of the profile file. */
  readonly label?: string | undefined;
}

type Reply<T> = { ok: true; output: T } | { ok: false; error: string };

/** Runs one job in a fresh Node process (tsx as its loader) and returns what it sent back. */
export function inChild(input: EngineRunInput, options?: ChildOptions): Promise<EngineRunOutput>;
export function inChild(input: DumpInput, options?: ChildOptions): Promise<DumpOutput>;
export function inChild(input: EngineOnlyInput, options?: ChildOptions): Promise<EngineOnlyOutput>;
export function inChild(input: EngineRunInput | DumpInput | EngineOnlyInput, options: ChildOptions = {}): Promise<unknown> {
  const profile = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, `--cpu-prof-name=${options.label ?? input.kind}.cpuprofile`];
  if (options.cpuProfileDir !== undefined) mkdirSync(options.cpuProfileDir, { recursive: true });
  const child = fork(CHILD_ENTRY, [], { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let reply: Reply<unknown> | undefined;
    child.once('message', (message) => {
      reply = message as Reply<unknown>;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (reply === undefined) reject(new Error(`the ${input.kind} child exited with ${signal ?? String(code)} before answering`));
      else if (!reply.ok) reject(new Error(`the ${input.kind} child failed: ${reply.error}`));
      else resolve(reply.output);
    });
    child.send(input);
  });
}
