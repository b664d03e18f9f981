import { createDb, ensureDatabase, migrateToLatest } from '@hubspoke/db';
import { migrations } from '@hubspoke/migrations';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl, dropTestDatabase } from '../support/databases.js';

const name = `${inject('databasePrefix')}_migrate`;
afterAll(() => dropTestDatabase(name));

describe('database preparation', () => {
  it('several processes creating and migrating one new database at once apply each migration exactly once', async () => {
    const url = databaseUrl(name);
    const created = await Promise.all([1, 2, 3, 4].map(() => ensureDatabase(url)));
    expect(created.filter(Boolean)).toHaveLength(1);

    const dbs = [1, 2, 3, 4].map(() => createDb(url, { max: 2 }));
    try {
      const results = await Promise.all(dbs.map((db) => migrateToLatest(db)));
      const applied = results.flatMap((r) => r.results ?? []).filter((r) => r.status === 'Success');
      expect(applied.map((r) => r.migrationName).sort()).toEqual(Object.keys(migrations).sort());
      const db = dbs[0];
      if (!db) throw new Error('no db');
      const rows = await db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(rows).toHaveLength(Object.keys(migrations).length);
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
    }
  });
});
