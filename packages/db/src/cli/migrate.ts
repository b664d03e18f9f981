import { loadConfig } from '@hubspoke/config';
import { createDb } from '../connection.js';
import { ensureDatabase, migrateToLatest } from '../migrate.js';

// `npm run db:migrate`: create the database if needed, then apply pending migrations.
try {
  const config = loadConfig();
  if (await ensureDatabase(config.databaseUrl)) console.log('created database');
  const db = createDb(config.databaseUrl, { max: 1, applicationName: 'hubspoke-migrate', namedStatements: false });
  try {
    const { results = [] } = await migrateToLatest(db);
    for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
    console.log(results.length ? `${results.length} migration(s) applied` : 'database is up to date');
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
