import { readdir, readFile } from 'node:fs/promises';
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

/** Report files in a directory, newest first (their names start with the run's start time). */
export async function listReportFiles(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory)).filter((name) => name.endsWith('.json')).sort().reverse();
  } catch {
    return [];
  }
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
