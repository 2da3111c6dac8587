import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from './helpers/postgres-cluster.js';

/*
 * One PostgreSQL server for the whole test run: PG_URL when given, else a throwaway cluster started
 * here (about a second) and removed when the run ends. Each test file makes its own databases on it
 * (test/helpers/postgres.ts), so files running side by side never see each other's rows.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.PG_URL;
  if (given !== undefined && given !== '') {
    project.provide('pgUrl', given);
    return () => undefined;
  }
  const cluster = await startThrowawayCluster();
  project.provide('pgUrl', cluster.url);
  return () => {
    cluster.stop();
  };
}
