import pg from 'pg';
import { expect, it } from 'vitest';
import { freshDatabase } from '../../helpers/postgres.js';

it('the test run has a PostgreSQL server, and each file its own empty database on it', async () => {
  const url = await freshDatabase('fixture');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tables: string }>("SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public'");
    expect(rows[0]?.tables).toBe('0');
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/fixture_[0-9a-f]{12}$/);
  } finally {
    await client.end();
  }
});
