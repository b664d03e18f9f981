import { createDb, type Database, type Executor } from '@hubspoke/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases.js';

/** Queries go out as named prepared statements (packages/db/src/connection.ts). */
let name: string;
let db: Database;
let other: Database;

beforeAll(async () => {
  name = await createTestDatabase();
  db = createDb(databaseUrl(name), { max: 1 });
  other = createDb(databaseUrl(name), { max: 1, namedStatements: false });
  await sql`create table probe (id int primary key, a text)`.execute(other);
  await sql`insert into probe values (1, 'x')`.execute(other);
});
afterAll(async () => {
  await db.destroy();
  await other.destroy();
  await dropTestDatabase(name);
});

// `select *` with a parameter: the shape a named statement is prepared for.
const probe = async (executor: Executor) => (await sql`select * from probe where id = ${1}`.execute(executor)).rows;

describe('named statements', () => {
  it('a statement prepared before a column was added answers with the new column afterwards', async () => {
    expect(await probe(db)).toEqual([{ id: 1, a: 'x' }]);
    await sql`alter table probe add column b text`.execute(other);
    expect(await probe(db)).toEqual([{ id: 1, a: 'x', b: null }]);
    expect(await probe(db)).toEqual([{ id: 1, a: 'x', b: null }]);
  });

  it('inside a transaction the stale statement fails it once, and the next use is prepared afresh', async () => {
    expect(await probe(db)).toHaveLength(1);
    await sql`alter table probe add column c text`.execute(other);
    await expect(db.transaction().execute((tx) => probe(tx))).rejects.toThrow(
      /cached plan must not change result type/,
    );
    expect(await db.transaction().execute((tx) => probe(tx))).toEqual([{ id: 1, a: 'x', b: null, c: null }]);
  });
});
