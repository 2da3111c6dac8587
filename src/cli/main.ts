#!/usr/bin/env node
import { keepHeapNearLiveData } from './heap-growth.js';
import { STOP_SIGNALS, StopRequest, type StopSignal } from './stop-request.js';

/*
 * The command line's entry: the only place in client-sync that exits the process. It takes the stop
 * signals before it loads anything else: a SIGTERM that comes while the commands and their packages
 * are still loading (a Kubernetes rollout stopping a pod that just started) is a stop request, not a
 * death by signal.
 */

// The first SIGINT/SIGTERM asks the running command to stop gracefully (finish the write in flight,
// journal the rest, write the report); a second one ends the process at once.
const stop = new AbortController();
for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
  process.on(name, () => {
    if (!stop.signal.aborted) {
      process.stderr.write(`\nclient-sync: ${name} received: finishing the write in flight, then stopping (send it again to stop at once)\n`);
      stop.abort(new StopRequest(name));
      return;
    }
    // eslint-disable-next-line no-restricted-properties -- a second signal: the user insists
    process.exit(STOP_SIGNALS[name]);
  });
}

// A sync holds a whole account for a while: keep the heap near what it holds (heap-growth.ts).
keepHeapNearLiveData();

// Exit only once stdout has drained: a piped --json result must not be cut short.
const finish = (code: number): void => {
  process.stdout.write('', () => {
    // eslint-disable-next-line no-restricted-properties -- the one place that sets the exit code
    process.exit(code);
  });
};
const { runCli } = await import('./run-cli.js');
runCli(process.argv, stop.signal).then(finish, (error: unknown) => {
  process.stderr.write(`client-sync: ${String(error)}\n`);
  finish(1);
});
