import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../private-files.js';
import { API_VENDOR_IDS, type ApiVendorId } from '../vendors/ids.js';

/**
 * Persistent mode: a simulator's state saved as one JSON file and reloaded on the next start, so a
 * migration can be rehearsed twice against the same accounts. Writes are atomic (temporary file,
 * then rename) and coalesced: a burst of writes costs one save.
 */
const SavedFileSchema = z.object({
  version: z.literal(1),
  vendor: z.enum(API_VENDOR_IDS),
  savedAt: z.string(),
  state: z.unknown(),
});

/** Reads a saved state; undefined when the file does not exist. Throws on a file of another vendor. */
export async function loadSavedState(file: string, vendor: ApiVendorId): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = SavedFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a saved sandbox state: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.vendor !== vendor) throw new Error(`${file} holds a ${parsed.data.vendor} sandbox, not ${vendor}`);
  return parsed.data.state;
}

/** Saves state to a file, coalescing requests. */
export interface Persister {
  /** Schedules a save soon (after a burst of writes settles). */
  touch(): void;
  /** Saves now and waits for it. */
  flush(): Promise<void>;
  /** Cancels the pending timer (after a last flush). */
  stop(): void;
}

/** Creates a persister for `file`; `exportState` is read at save time. */
export function createPersister(file: string, vendor: ApiVendorId, exportState: () => unknown, clockText: () => string, delayMs = 250): Persister {
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let dirty = false;
  const save = async (): Promise<void> => {
    dirty = false;
    const body = JSON.stringify({ version: 1, vendor, savedAt: clockText(), state: exportState() });
    await mkdirPrivate(path.dirname(file));
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, body, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
    await rename(temporary, file);
  };
  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    chain = chain.then(save, save);
    return chain;
  };
  return {
    touch() {
      dirty = true;
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (dirty) flush().catch(() => undefined);
      }, delayMs);
      timer.unref();
    },
    flush,
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
