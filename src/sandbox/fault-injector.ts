import type { Prng } from './prng.js';

/**
 * What can go wrong between a connector and a vendor, as the sync engine must survive it
 * (DESIGN.md §7: "a create whose outcome is unknown … is never blindly retried"):
 * - `latency`: the answer comes late (real milliseconds, so client timeouts can be exercised);
 * - `error5xx`: the vendor answers 500 (or the scripted status) in its own error format;
 * - `html502`: a load balancer answers an HTML 502 page (VENDORS.md §3.5, hausgold gateway spec);
 * - `reset`: the connection is torn down before the request is handled: nothing is stored;
 * - `commitThenDrop`: the request is handled (a create is stored) and then the connection is torn
 *   down before any answer is sent: the client cannot know the outcome;
 * - `rawBody` (scripted only): the request is handled as usual (a create is stored), and then the
 *   given bytes are sent in place of the vendor's answer: malformed or truncated JSON and XML, an
 *   entity-expansion bomb, a very large body, a key echoed back. With `cutAfterBytes` the answer
 *   announces the whole body's length, sends only that many bytes and hangs up (a transfer torn
 *   off mid-way), which a client can tell from a complete but broken document.
 */
export type FaultKind = RateFaultKind | 'rawBody';

/** The kinds a rate can draw (`rawBody` needs a body, so it is scripted only). */
export type RateFaultKind = 'latency' | 'error5xx' | 'html502' | 'reset' | 'commitThenDrop';

/** Every fault kind a rate can draw, in the order rate-based draws try them. */
export const FAULT_KINDS: readonly RateFaultKind[] = ['latency', 'error5xx', 'html502', 'reset', 'commitThenDrop'];

/** One fault to inject into a request. */
export type Fault =
  | {
      readonly kind: RateFaultKind;
      /** Status for `error5xx` (default 500). */
      readonly status?: number;
      /** Delay for `latency` in real milliseconds (default: the injector's `latencyMs`). */
      readonly latencyMs?: number;
    }
  | {
      readonly kind: 'rawBody';
      /** What is sent instead of the vendor's answer. */
      readonly body: string | Buffer;
      readonly contentType: string;
      /** Status sent (default: the status of the vendor's own answer). */
      readonly status?: number;
      /** Send only this many bytes of `body`, then tear the connection down. */
      readonly cutAfterBytes?: number;
    };

/** Which requests a scripted fault is for: the next one that matches `method` and `path` (both optional). */
export interface FaultTarget {
  readonly method?: string;
  /** Exact path below the base URL (`/clients`) or a pattern tested against it. */
  readonly path?: string | RegExp;
}

/** A fault for the next request that matches its target. */
export type ScriptedFault = Fault & FaultTarget;

/** Faults a simulator starts with. */
export interface FaultOptions {
  /** Probability per request (0–1) of each kind; drawn from the simulator's seeded generator. */
  readonly rates?: Partial<Record<RateFaultKind, number>>;
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
  setRates(rates: Partial<Record<RateFaultKind, number>>): void;
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
  let rates: Partial<Record<RateFaultKind, number>> = { ...options.rates };
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
