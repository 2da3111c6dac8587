import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** A count of calls; JSON holds a file's unlimited budget (Infinity) as null. */
const CallCountSchema = z.number().nullable().transform((value) => value ?? Number.POSITIVE_INFINITY);

/** The parts of a report file `status` reads back (the rest is left as it is). */
const ReportHeadSchema = z.object({
  kind: z.enum(['run', 'verify']),
  exitCode: z.number(),
  budgets: z.record(z.string(), z.object({ requests: CallCountSchema, windowMs: z.number(), spare: CallCountSchema })),
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

/**
 * A name client-sync gives its reports: `20260105-090000-<pair>-<command>[-n].json` (see
 * reportBaseName). Anything else in the directory is the user's, and never listed or pruned.
 */
const REPORT_NAME = /^\d{8}-\d{6}-.+\.json$/;

/** The modification time of a regular file (never through a symlink), or undefined. */
async function regularFileTime(file: string): Promise<number | undefined> {
  const info = await lstat(file).catch(() => undefined);
  return info?.isFile() === true ? info.mtimeMs : undefined;
}

/** Report files (`.json`) client-sync wrote in a directory, newest first: by time written, then by name. */
export async function listReportFiles(directory: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => REPORT_NAME.test(name));
  } catch {
    return [];
  }
  const timed = await Promise.all(names.map(async (name) => ({ name, at: await regularFileTime(path.join(directory, name)) })));
  return timed
    .filter((entry): entry is { name: string; at: number } => entry.at !== undefined)
    .sort((a, b) => b.at - a.at || b.name.localeCompare(a.name))
    .map(({ name }) => name);
}

/**
 * Deletes all but the newest `keep` reports (each JSON with its summary); returns how many went. Only
 * regular files with client-sync's report names go: a symlink (to a report or anywhere else) is left,
 * so pruning can never delete what it points to, nor a file the user keeps beside the reports.
 */
export async function pruneReports(directory: string, keep: number): Promise<number> {
  const old = (await listReportFiles(directory)).slice(keep);
  for (const name of old) {
    const base = path.join(directory, name.slice(0, -'.json'.length));
    const files = ['.json', '.md', '.html'].map((extension) => `${base}${extension}`);
    await Promise.all(files.map(async (file) => ((await regularFileTime(file)) === undefined ? undefined : rm(file))));
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
