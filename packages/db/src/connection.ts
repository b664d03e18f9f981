import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// bigint ids and counts come back as strings by default; every id we issue fits in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Database = Kysely<DB>;
/** What a repository function accepts: the pool or a caller's transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;
export type Tx = Transaction<DB>;

export interface DbOptions {
  max?: number;
  applicationName?: string;
}

export function createDb(databaseUrl: string, options: DbOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'hubspoke',
    connectionTimeoutMillis: 5_000,
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
