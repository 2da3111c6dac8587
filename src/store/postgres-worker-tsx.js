// The worker thread's entry when client-sync runs from its TypeScript sources (vitest, tsx): Node 20
// does not apply a worker's `--import tsx` to the worker's own entry module, so this plain module
// registers tsx first and then loads postgres-worker.ts. The built package starts dist/store/postgres-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./postgres-worker.ts');
