import { describe, expect, it } from 'vitest';
import { exitCodeFor, EXIT } from '../../../src/cli/exit-codes.js';
import { StateStoreBusyError } from '../../../src/errors/index.js';
import { isStoreBusy, operationOf, retrySyncWhileBusy, retryWhileBusy } from '../../../src/store/busy.js';

const deadlock = (): Error => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('a state store operation met by a deadlock or serialization failure', () => {
  it('is tried again until it goes through, with growing jittered pauses', async () => {
    const pauses: number[] = [];
    let tries = 0;
    const result = await retryWhileBusy('enqueueing p', () => {
      tries++;
      if (tries < 3) throw tries === 1 ? deadlock() : Object.assign(new Error('could not serialize access'), { code: '40001' });
      return Promise.resolve('sent');
    }, { random: () => 0.5, clock: { sleep: (ms) => Promise.resolve(void pauses.push(ms)) } });
    expect(result).toBe('sent');
    expect(tries).toBe(3);
    expect(pauses).toEqual([100, 200]);
  });

  it('fails as STATE_STORE_BUSY (exit 8, never an internal error) after 5 tries, naming the operation', async () => {
    let tries = 0;
    const failed = retryWhileBusy('starting the job queue', () => {
      tries++;
      throw deadlock();
    }, { clock: { sleep: () => Promise.resolve() } });
    await expect(failed).rejects.toThrow(StateStoreBusyError);
    await expect(failed).rejects.toThrow(/state store busy: starting the job queue met "deadlock detected" 5 times/);
    expect(tries).toBe(5);
    const error = await failed.catch((caught: unknown) => caught);
    expect(exitCodeFor(error)).toBe(EXIT.storeBusy);
    expect((error as StateStoreBusyError).code).toBe('STATE_STORE_BUSY');
  });

  it('is not tried again for any other error', async () => {
    let tries = 0;
    await expect(retryWhileBusy('x', () => {
      tries++;
      throw Object.assign(new Error('relation does not exist'), { code: '42P01' });
    }, { clock: { sleep: () => Promise.resolve() } })).rejects.toThrow('relation does not exist');
    expect(tries).toBe(1);
  });

  it('is recognised in an error\'s cause too', () => {
    expect(isStoreBusy(new Error('wrapped', { cause: deadlock() }))).toBe(true);
    expect(isStoreBusy(new Error('plain'))).toBe(false);
  });

  it('in the synchronous store: rolls back before each retry and counts the tries', () => {
    let tries = 0;
    let rollbacks = 0;
    expect(() => retrySyncWhileBusy(() => 'INSERT INTO links', () => {
      tries++;
      throw deadlock();
    }, () => rollbacks++, { baseDelayMs: 1 })).toThrow(/state store busy: INSERT INTO links/);
    expect([tries, rollbacks]).toEqual([5, 5]);
  });

  it('names what a batch does', () => {
    expect(operationOf(['BEGIN', 'UPDATE runs SET status = $1', 'COMMIT'])).toBe('UPDATE runs');
    expect(operationOf(["WITH pruned AS (DELETE FROM journal WHERE pair = $1 RETURNING 1) SELECT count(*) FROM pruned"])).toBe('DELETE FROM journal');
    expect(operationOf(['SELECT * FROM links WHERE connection = $1'])).toBe('SELECT links');
  });
});
