import { createDb, migrateToLatest } from '@hubspoke/db';
import { databaseUrl, TEMPLATE_DB, withAdminClient } from './databases.js';

/** Migrates one template database per run; each test file clones it. */
export default async function setup(): Promise<() => Promise<void>> {
  await withAdminClient(async (c) => {
    // Databases left by an interrupted run would pile up; clear them before starting.
    const stale = await c.query<{ datname: string }>(
      "select datname from pg_database where datname like 'hubspoke_test_%'",
    );
    for (const { datname } of stale.rows) await c.query(`drop database if exists ${datname} with (force)`);
    await c.query(`create database ${TEMPLATE_DB}`);
  });
  const db = createDb(databaseUrl(TEMPLATE_DB), { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return async () => {
    await withAdminClient((c) => c.query(`drop database if exists ${TEMPLATE_DB} with (force)`));
  };
}
