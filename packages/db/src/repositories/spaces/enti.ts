import type { Executor } from '../../connection.js';
import type { EnteKind, EnteRow } from '../../schema.js';

export function insert(db: Executor, ente: { name: string; kind: EnteKind; region: string | null }): Promise<EnteRow> {
  return db.insertInto('enti').values(ente).returningAll().executeTakeFirstOrThrow();
}

export function findById(db: Executor, id: number): Promise<EnteRow | undefined> {
  return db.selectFrom('enti').selectAll().where('id', '=', id).executeTakeFirst();
}

export function list(db: Executor): Promise<EnteRow[]> {
  return db.selectFrom('enti').selectAll().orderBy('name').execute();
}
