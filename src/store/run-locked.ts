import { RunLockedError } from '../errors/index.js';

/** The run holding a lock, as both backends read it from `locks` joined to `runs`. */
export interface LockHolder {
  readonly id: string;
  readonly pair: string;
  readonly command: string;
  readonly pid: number;
  readonly host: string;
  readonly startedAt: number;
}

/** The error for a second run on a locked pair: names the run, its process and host, so the user knows what to wait for. */
export function runLockedError(pair: string, held: LockHolder): RunLockedError {
  return new RunLockedError(
    `another run is working on ${held.pair === pair ? pair : `${pair} (through pair ${held.pair})`}: run ${held.id} ("client-sync ${held.command}", process ${held.pid} on ${held.host}, started ${new Date(held.startedAt).toISOString()}). Wait for it to finish, or stop it first.`,
    { context: { runId: held.id, pid: held.pid } },
  );
}
