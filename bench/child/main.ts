/*
 * The entry of every child process the bench starts (`node --import tsx bench/child/main.ts`): it
 * gets one job over IPC, does it, sends the result back and exits, so each measured run has a
 * process of its own.
 */
import { keepHeapNearLiveData } from '../../src/cli/heap-growth.js';
import type { ChildInput, DumpOutput, EngineOnlyOutput, EngineRunOutput } from '../child-protocol.js';
import { dump } from './dump.js';
import { engineOnly } from './engine-only.js';
import { engineRun } from './engine-run.js';

// Measured as the command line runs the engine: with its heap growth (src/cli/heap-growth.ts).
keepHeapNearLiveData();

async function perform(input: ChildInput): Promise<EngineRunOutput | DumpOutput | EngineOnlyOutput> {
  switch (input.kind) {
    case 'engine-run':
      return engineRun(input);
    case 'dump':
      return dump(input);
    case 'engine-only':
      return engineOnly(input);
  }
}

process.once('message', (message) => {
  perform(message as ChildInput).then(
    (output) => process.send?.({ ok: true, output }, () => process.disconnect()),
    (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.disconnect()),
  );
});
