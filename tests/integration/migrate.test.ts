import { createDb, ensureDatabase, migrateToLatest } from '@hubspoke/db';
import { migrations } from '@hubspoke/migrations';
import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl, dropTestDatabase } from '../support/databases.js';

const name = `${inject('databasePrefix')}_migrate`;
const older = `${inject('databasePrefix')}_migrate_data`;
afterAll(async () => {
  await dropTestDatabase(name);
  await dropTestDatabase(older);
});

describe('database preparation', () => {
  it('several processes creating and migrating one new database at once apply each migration exactly once', async () => {
    const url = databaseUrl(name);
    const created = await Promise.all([1, 2, 3, 4].map(() => ensureDatabase(url)));
    expect(created.filter(Boolean)).toHaveLength(1);

    const dbs = [1, 2, 3, 4].map(() => createDb(url, { max: 2, namedStatements: false }));
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

  it('takes focus-area rooms off the stored events of member-only tables, and only those', async () => {
    const url = databaseUrl(older);
    await ensureDatabase(url);
    const db = createDb(url, { max: 1, namedStatements: false });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const before = await migrator.migrateTo('20261129_1800_postgres_backend');
      if (before.error) throw before.error;
      const tables = await sql<{ id: number; visibility: string }>`
        insert into tables (name, kind, visibility) values ('Lab', 'lab', 'members'), ('Tavolo', 'regional', 'participants')
        returning id, visibility`.execute(db);
      const [lab, open] = tables.rows;
      await sql`
        insert into events (name, rooms, data) values
          ('thread.created', ${[`table:${lab?.id}`, 'focus:cultura']}, ${JSON.stringify({ thread: { tableId: lab?.id } })}),
          ('thread.updated', ${[`table:${lab?.id}`, 'focus:cultura']}, ${JSON.stringify({ tableId: lab?.id })}),
          ('thread.created', ${[`table:${open?.id}`, 'focus:cultura']}, ${JSON.stringify({ thread: { tableId: open?.id } })})
      `.execute(db);
      await migrateToLatest(db);
      const rooms = await db.selectFrom('events').select('rooms').orderBy('id').execute();
      expect(rooms.map((r) => r.rooms)).toEqual([
        [`table:${lab?.id}`],
        [`table:${lab?.id}`],
        [`table:${open?.id}`, 'focus:cultura'],
      ]);
    } finally {
      await db.destroy();
    }
  });
});
