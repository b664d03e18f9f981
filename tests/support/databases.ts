import pg from 'pg';
import { inject } from 'vitest';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: milliseconds instead of a migration run. */
export async function createTestDatabase(): Promise<string> {
  const name = `${inject('databasePrefix')}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdminClient((c) => c.query(`create database ${name} template ${inject('templateDatabase')}`));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`drop database if exists ${name} with (force)`));
}
