import { afterAll, describe, expect, it } from 'vitest';
import { startBlockingWorker, WorkerGoneError, type BlockingWorker } from '../../../src/store/blocking-worker.js';

/*
 * The blocking call behind the PostgreSQL state store: answers and errors come back as the worker
 * gave them, and a worker that died or is stuck fails the caller after its silence bound (here 1 s)
 * instead of leaving it blocked for the ten-minute guard.
 */

type Request = { kind: 'echo' | 'later' | 'fail' | 'die' | 'hang'; value?: unknown; ms?: number };
const started: BlockingWorker<Request, unknown>[] = [];
afterAll(async () => {
  await Promise.all(started.map((worker) => worker.terminate()));
});

function start(): BlockingWorker<Request, unknown> {
  const worker = startBlockingWorker<Request, unknown>(new URL('./blocking-worker-fixture.js', import.meta.url), { deadAfterMs: 1_000 });
  started.push(worker);
  return worker;
}

describe('a blocking call into a worker thread', () => {
  it('returns the worker’s answers in order, also those that take longer than a heartbeat', () => {
    const worker = start();
    expect(worker.call({ kind: 'echo', value: { rows: [1, 2] } })).toEqual({ rows: [1, 2] });
    expect(worker.call({ kind: 'later', ms: 1_500, value: 'late but alive' })).toBe('late but alive');
    expect(worker.call({ kind: 'echo', value: 'next' })).toBe('next');
  });

  it('throws the worker’s error with its code, so the caller can tell a busy answer', () => {
    const worker = start();
    expect(() => worker.call({ kind: 'fail' })).toThrow(expect.objectContaining({ message: 'refused by the fixture', code: '40P01', detail: 'a busy answer' }));
    expect(worker.call({ kind: 'echo', value: 'still serving' })).toBe('still serving');
  });

  it('fails the caller of a worker that died mid-call, and every later caller at once', () => {
    const worker = start();
    expect(worker.call({ kind: 'echo', value: 'up' })).toBe('up');
    expect(() => worker.call({ kind: 'die' })).toThrow(WorkerGoneError);
    expect(() => worker.call({ kind: 'echo', value: 'anyone?' })).toThrow(/stopped answering/);
  });

  it('fails the caller of a worker whose thread is stuck', () => {
    const worker = start();
    expect(worker.call({ kind: 'echo', value: 'up' })).toBe('up');
    expect(() => worker.call({ kind: 'hang' })).toThrow(/no sign of life/);
  });
});
