import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** The parts of a report file `status` reads back (the rest is left as it is). */
const ReportHeadSchema = z.object({
  kind: z.enum(['run', 'verify']),
  exitCode: z.number(),
  budgets: z.record(z.string(), z.object({ requests: z.number(), windowMs: z.number(), spare: z.number() })),
  result: z.object({
    pair: z.string(),
    status: z.string().optional(),
    startedAt: z.string().optional(),
    command: z.string().optional(),
    from: z.object({ connection: z.string() }),
    to: z.object({ connection: z.string() }),
    calls: z.record(z.string(), z.object({ calls: z.number(), rateWaitMs: z.number() })),
  }),
  startedAt: z.string().optional(),
});
export type ReportHead = z.infer<typeof ReportHeadSchema> & { readonly file: string; readonly summary: string | undefined };

/** Report files (`.json`) in a directory, newest first: by time written, then by name. */
export async function listReportFiles(directory: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const timed = await Promise.all(names.map(async (name) => ({ name, at: (await stat(path.join(directory, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  return timed.sort((a, b) => b.at - a.at || b.name.localeCompare(a.name)).map(({ name }) => name);
}

/** Deletes all but the newest `keep` reports (each JSON with its summary); returns how many went. */
export async function pruneReports(directory: string, keep: number): Promise<number> {
  const old = (await listReportFiles(directory)).slice(keep);
  for (const name of old) {
    const base = path.join(directory, name.slice(0, -'.json'.length));
    await Promise.all(['.json', '.md', '.html'].map((extension) => rm(`${base}${extension}`, { force: true })));
  }
  return old.length;
}

/** Reads the heads of the newest `limit` reports; files that are not reports are passed over. */
export async function readReportHeads(directory: string, limit: number): Promise<ReportHead[]> {
  const names = await listReportFiles(directory);
  const all = new Set(await readdir(directory).catch(() => []));
  const heads: ReportHead[] = [];
  for (const name of names.slice(0, limit)) {
    const file = path.join(directory, name);
    try {
      const parsed = ReportHeadSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success) continue;
      const base = name.slice(0, -'.json'.length);
      const summary = [`${base}.md`, `${base}.html`].find((candidate) => all.has(candidate));
      heads.push({ ...parsed.data, file, summary: summary === undefined ? undefined : path.join(directory, summary) });
    } catch {
      continue;
    }
  }
  return heads;
}
