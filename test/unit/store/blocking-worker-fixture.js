// A worker thread for blocking-worker.test.ts, run from the TypeScript sources through tsx (as the
// PostgreSQL store's own worker is under vitest): it echoes, fails, hangs or dies, as asked.
import process from 'node:process';
import { setTimeout } from 'node:timers/promises';
import { register } from 'tsx/esm/api';

register();
const { serveBlocking } = await import('../../../src/store/blocking-worker.ts');

serveBlocking(async (request) => {
  switch (request.kind) {
    case 'echo':
      return request.value;
    case 'later':
      await setTimeout(request.ms);
      return request.value;
    case 'fail':
      throw Object.assign(new Error('refused by the fixture'), { code: '40P01', detail: 'a busy answer' });
    case 'die':
      process.exit(3);
      break;
    case 'hang':
      for (;;);
  }
  throw new Error(`unknown request ${String(request.kind)}`);
});
