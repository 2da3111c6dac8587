import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { copyTable, type SpreadsheetTable } from './table.js';

/** Reads and writes one file format (CSV, XLSX) as a table. */
export interface TableCodec {
  parse(bytes: Buffer): SpreadsheetTable | Promise<SpreadsheetTable>;
  format(table: SpreadsheetTable): Buffer | Promise<Buffer>;
  /** The table of a file that does not exist yet. */
  empty(): SpreadsheetTable;
}

/** One spreadsheet file: read when it changed on disk, changed by atomic rewrites. */
export interface TableFile {
  readonly path: string;
  /** Whether the file exists (it is created by the first change). */
  exists(): Promise<boolean>;
  /** The table as the file now holds it (read again only when the file changed on disk). */
  read(): Promise<SpreadsheetTable>;
  /**
   * Applies `change` to the file's current table and rewrites the file atomically (a temporary file
   * in the same directory, then a rename), so a reader sees the old file or the new one, never half
   * of one, and a crash leaves the old file. Changes made in the same turn of the event loop, or
   * while a rewrite is under way, are written together by one rewrite (one rewrite for a burst of
   * writes). The file is read again only when it changed on disk (inode, size, mtime) since this
   * TableFile last read or wrote it. A change that throws changes nothing and fails alone. Rows the
   * change does not touch are written back as they were read, including rows another program added
   * since the last read.
   */
  change<T>(change: (table: SpreadsheetTable) => T): Promise<T>;
  /** Rewrites done so far. */
  rewrites(): number;
}

interface Pending {
  readonly change: (table: SpreadsheetTable) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

async function stampOf(file: string): Promise<{ stamp: string; mode: number } | undefined> {
  try {
    const info = await stat(file, { bigint: true });
    return { stamp: `${info.ino}:${info.size}:${info.mtimeNs}`, mode: Number(info.mode) & 0o777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeAtomically(file: string, bytes: Buffer, mode: number | undefined): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (mode === undefined) await mkdir(path.dirname(file), { recursive: true });
    const handle = await open(temporary, 'wx', mode ?? 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** A TableFile over `file` in the format of `codec`. */
export function createTableFile(file: string, codec: TableCodec): TableFile {
  let cached: { table: SpreadsheetTable; stamp: string | undefined; mode: number | undefined } | undefined;
  let queue: Pending[] = [];
  let running = false;
  let rewrites = 0;

  async function current(): Promise<{ table: SpreadsheetTable; stamp: string | undefined; mode: number | undefined }> {
    const now = await stampOf(file);
    if (cached !== undefined && cached.stamp === now?.stamp) return cached;
    if (now === undefined) {
      cached = { table: codec.empty(), stamp: undefined, mode: undefined };
      return cached;
    }
    const bytes = await readFile(file);
    // The stamp is taken again after reading: a file rewritten meanwhile is read again next time.
    cached = { table: await codec.parse(bytes), stamp: (await stampOf(file))?.stamp === now.stamp ? now.stamp : '', mode: now.mode };
    return cached;
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    for (;;) {
      const base = await current();
      const table = copyTable(base.table);
      const results = batch.map((pending) => {
        try {
          return { ok: true as const, value: pending.change(table) };
        } catch (error) {
          return { ok: false as const, error };
        }
      });
      const succeeded = results.some((result) => result.ok);
      try {
        if (succeeded) {
          const bytes = await codec.format(table);
          // Another program changed the file since it was read: start over from its new content.
          if ((await stampOf(file))?.stamp !== base.stamp) {
            cached = undefined;
            continue;
          }
          await writeAtomically(file, bytes, base.mode);
          rewrites += 1;
          const written = await stampOf(file);
          cached = { table, stamp: written?.stamp, mode: written?.mode };
        }
      } catch (error) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      batch.forEach((pending, i) => {
        const result = results[i];
        if (result?.ok === true) pending.resolve(result.value);
        else pending.reject(result?.error);
      });
      return;
    }
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        await writeBatch(batch);
      }
    } finally {
      running = false;
    }
  }

  return {
    path: file,
    exists: async () => (await stampOf(file)) !== undefined,
    read: async () => (await current()).table,
    change<T>(change: (table: SpreadsheetTable) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ change, resolve: resolve as (value: unknown) => void, reject });
        if (running) return;
        running = true;
        // The first change waits one turn of the event loop for the rest of its burst, so the writes
        // a run hands over together (see `writesInFlight`) go out as one rewrite, not one and the rest.
        setImmediate(() => void drain());
      });
    },
    rewrites: () => rewrites,
  };
}
