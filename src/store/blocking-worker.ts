import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';

/*
 * A synchronous call into a worker thread, for the PostgreSQL state store: the caller blocks
 * (Atomics.wait) until the worker posts its answer, as better-sqlite3 blocks on its file. Unlike a
 * plain blocking call it notices a worker that died: the worker ticks a heartbeat in shared memory
 * while it is alive (its event loop is free while a statement is at the server), and a caller whose
 * worker stops ticking fails within `deadAfterMs` instead of waiting out a long timeout.
 */

/** Slots of the shared memory: the answer flag and the heartbeat counter. */
const ANSWERED = 0;
const HEARTBEAT = 1;
const HEARTBEAT_MS = 250;

interface Envelope<T> {
  readonly id: number;
  readonly result?: T;
  readonly error?: { readonly name: string; readonly message: string; readonly properties: Readonly<Record<string, unknown>> };
}

interface BridgeData {
  readonly shared: Int32Array;
  readonly port: MessagePort;
}

/** The worker stopped answering: it died, or its thread is stuck. Every later call fails at once. */
export class WorkerGoneError extends Error {
  override readonly name = 'WorkerGoneError';
}

export interface BlockingWorkerOptions {
  /** How long a worker may stay silent (no heartbeat) before a waiting call fails. Default 10 s. */
  readonly deadAfterMs?: number;
  /** How long a new worker may take to load before its first heartbeat. Default 60 s. */
  readonly startupMs?: number;
  /** The longest a single call may take even with a live worker. Default 10 minutes: a guard, not a budget. */
  readonly timeoutMs?: number;
}

export interface BlockingWorker<Request, Answer> {
  /** Sends `request` and blocks until the worker's answer; throws the worker's error as it was thrown there. */
  call(request: Request): Answer;
  /** Ends the worker thread (tests; a process exits without it, the thread does not hold it). */
  terminate(): Promise<number>;
}

/** Starts the worker at `entry` (a module that calls {@link serveBlocking}). */
export function startBlockingWorker<Request, Answer>(entry: URL, options: BlockingWorkerOptions = {}): BlockingWorker<Request, Answer> {
  const deadAfterMs = options.deadAfterMs ?? 10_000;
  const startupMs = options.startupMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const { port1: port, port2: workerPort } = new MessageChannel();
  const data: BridgeData = { shared, port: workerPort };
  const worker = new Worker(entry, { workerData: data, transferList: [workerPort] });
  worker.unref();
  port.unref();
  let gone: string | undefined;
  let next = 0;

  const answerTo = (id: number): Envelope<Answer> | undefined => {
    for (let message = receiveMessageOnPort(port); message !== undefined; message = receiveMessageOnPort(port)) {
      const envelope = message.message as Envelope<Answer>;
      // An older answer belongs to a call that gave up waiting: nobody wants it any more.
      if (envelope.id === id) return envelope;
    }
    return undefined;
  };

  return {
    call(request) {
      if (gone !== undefined) throw new WorkerGoneError(gone);
      const id = next++;
      Atomics.store(shared, ANSWERED, 0);
      port.postMessage({ id, request });
      const started = Date.now();
      let beat = Atomics.load(shared, HEARTBEAT);
      let lastBeatAt = started;
      for (;;) {
        const status = Atomics.wait(shared, ANSWERED, 0, HEARTBEAT_MS * 2);
        if (status !== 'timed-out') {
          Atomics.store(shared, ANSWERED, 0);
          const envelope = answerTo(id);
          if (envelope === undefined) continue;
          if (envelope.error !== undefined) throw Object.assign(new Error(envelope.error.message), { name: envelope.error.name }, envelope.error.properties);
          return envelope.result as Answer;
        }
        const now = Date.now();
        const current = Atomics.load(shared, HEARTBEAT);
        // Until its first beat the worker is still loading its modules: that gets the start-up bound.
        const silence = current === 0 ? startupMs : deadAfterMs;
        if (current !== beat) {
          beat = current;
          lastBeatAt = now;
        } else if (now - lastBeatAt > silence) {
          gone = `the state store's worker thread stopped answering (no sign of life for ${Math.round((now - lastBeatAt) / 1000)} s)`;
          void worker.terminate();
          throw new WorkerGoneError(gone);
        }
        if (now - started > timeoutMs) throw new WorkerGoneError(`the state store did not answer in ${Math.round(timeoutMs / 1000)} s`);
      }
    },
    terminate: () => worker.terminate(),
  };
}

/** In the worker thread: answers each call with `handle`, and ticks the heartbeat while alive. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the worker's own request type, for its handler
export function serveBlocking<Request, Answer>(handle: (request: Request) => Promise<Answer>): void {
  const { shared, port } = workerData as BridgeData;
  const beat = (): number => Atomics.add(shared, HEARTBEAT, 1);
  beat(); // loaded: from now on the caller expects a beat every HEARTBEAT_MS
  setInterval(beat, HEARTBEAT_MS);
  const answer = (envelope: Envelope<Answer>): void => {
    port.postMessage(envelope);
    Atomics.store(shared, ANSWERED, 1);
    Atomics.notify(shared, ANSWERED);
  };
  port.on('message', ({ id, request }: { id: number; request: Request }) => {
    handle(request).then(
      (result) => answer({ id, result }),
      (error: unknown) => {
        const caught = error instanceof Error ? error : new Error(String(error));
        // Own properties (pg's `code`, `detail` …) travel with the message: the caller decides by them.
        const properties: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(caught)) if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) properties[key] = value;
        answer({ id, error: { name: caught.name, message: caught.message, properties } });
      },
    );
  });
}
