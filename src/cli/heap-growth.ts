import { setFlagsFromString } from 'node:v8';

/**
 * How far past the data it holds the process lets its heap grow before collecting again, in percent.
 *
 * V8 sizes the heap for interactive programs: on a machine with several GB of memory it lets the heap
 * grow to up to four times its live data between two full collections. A sync holds a whole account
 * for a while and makes most of its garbage in one burst (decoding every record of a listing), so at
 * 100,000 clients per side a re-run whose live data fits in 250 MB reached 0.75 to 1.2 GB (BENCHMARKS.md).
 * A fixed factor of 1.2 keeps the peak near the data itself. It is not a cap: a larger account still
 * gets all the memory it needs, only collected more often. (`--optimize-for-size` held the heap as
 * well, but it also shrinks the young generation and doubled the engine's CPU time.)
 */
export const HEAP_GROWING_PERCENT = 20;

/** Sets the heap growth of this process (the command line's, a worker's, a bench child's). */
export function keepHeapNearLiveData(): void {
  setFlagsFromString(`--heap-growing-percent=${String(HEAP_GROWING_PERCENT)}`);
}
