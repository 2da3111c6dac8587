import type { Prng } from './prng.js';

/**
 * What can go wrong between a connector and a vendor, as the sync engine must survive it
 * (DESIGN.md §7: "a create whose outcome is unknown … is never blindly retried"):
 * - `latency`: the answer comes late (real milliseconds, so client timeouts can be exercised);
 * - `error5xx`: the vendor answers 500 (or the scripted status) in its own error format;
 * - `html502`: a load balancer answers an HTML 502 page (VENDORS.md §3.5, hausgold gateway spec);
 * - `reset`: the connection is torn down before the request is handled: nothing is stored;
 * - `commitThenDrop`: the request is handled (a create is stored) and then the connection is torn
 *   down before any answer is sent: the client cannot know the outcome.
 */
export type FaultKind = 'latency' | 'error5xx' | 'html502' | 'reset' | 'commitThenDrop';

/** Every fault kind, in the order rate-based draws try them. */
export const FAULT_KINDS: readonly FaultKind[] = ['latency', 'error5xx', 'html502', 'reset', 'commitThenDrop'];

/** One fault to inject into a request. */
export interface Fault {
  readonly kind: FaultKind;
  /** Status for `error5xx` (default 500). */
  readonly status?: number;
  /** Delay for `latency` in real milliseconds (default: the injector's `latencyMs`). */
  readonly latencyMs?: number;
}

/** A fault for the next request that matches `method` and `path` (both optional). */
export interface ScriptedFault extends Fault {
  readonly method?: string;
  /** Exact path below the base URL (`/clients`) or a pattern tested against it. */
  readonly path?: string | RegExp;
}

/** Faults a simulator starts with. */
export interface FaultOptions {
  /** Probability per request (0–1) of each kind; drawn from the simulator's seeded generator. */
  readonly rates?: Partial<Record<FaultKind, number>>;
  /** Only requests with these methods get rate-based faults (default: every method). */
  readonly methods?: readonly string[];
  /** Delay of a rate-based `latency` fault, in real milliseconds. Default 200. */
  readonly latencyMs?: number;
  /** Faults for the next matching requests, used up in order. */
  readonly script?: readonly ScriptedFault[];
}

/** The simulator's fault controls, for tests and benchmarks. */
export interface FaultInjector {
  /** Queues faults for the next matching requests (each is used once). */
  script(faults: readonly ScriptedFault[]): void;
  /** Replaces the rate-based fault probabilities. */
  setRates(rates: Partial<Record<FaultKind, number>>): void;
  /** Scripted faults not yet used. */
  pending(): number;
  /** Drops scripted faults and rates. */
  clear(): void;
  /** The fault for this request, if any (the simulator's side). */
  draw(method: string, path: string): Fault | undefined;
}

/** Creates a fault injector; rate-based draws come from `prng`, so they replay with the seed. */
export function createFaultInjector(options: FaultOptions, prng: Prng): FaultInjector {
  let scripted: ScriptedFault[] = [...(options.script ?? [])];
  let rates: Partial<Record<FaultKind, number>> = { ...options.rates };
  const methods = options.methods?.map((m) => m.toUpperCase());
  const latencyMs = options.latencyMs ?? 200;

  const matches = (fault: ScriptedFault, method: string, path: string): boolean =>
    (fault.method === undefined || fault.method.toUpperCase() === method) &&
    (fault.path === undefined || (typeof fault.path === 'string' ? fault.path === path : fault.path.test(path)));

  return {
    script(faults) {
      scripted.push(...faults);
    },
    setRates(next) {
      rates = { ...next };
    },
    pending: () => scripted.length,
    clear() {
      scripted = [];
      rates = {};
    },
    draw(method, path) {
      const index = scripted.findIndex((fault) => matches(fault, method, path));
      if (index >= 0) {
        const [fault] = scripted.splice(index, 1);
        return fault;
      }
      if (methods !== undefined && !methods.includes(method)) return undefined;
      for (const kind of FAULT_KINDS) {
        const rate = rates[kind] ?? 0;
        if (rate > 0 && prng.chance(rate)) return kind === 'latency' ? { kind, latencyMs } : { kind };
      }
      return undefined;
    },
  };
}
