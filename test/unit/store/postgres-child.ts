/*
 * A process that opens the PostgreSQL store, begins a run and waits to be killed:
 *   node --import tsx test/unit/store/postgres-child.ts <url> <pair>
 * Prints the run's id once it holds the lock.
 */
import { createPostgresStore } from '../../../src/store/index.js';

const [url, pair] = process.argv.slice(2);
if (url === undefined || pair === undefined) throw new Error('usage: postgres-child.ts <url> <pair>');
const store = createPostgresStore({ url });
const run = store.beginRun(pair, 'migrate');
process.stdout.write(`${run.id}\n`);
setInterval(() => undefined, 60_000);
