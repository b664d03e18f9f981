import type { Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from '../../connection.js';
import type { EnteKind, EnteRow, EntiTable, TableKind } from '../../schema.js';
import { tableVisibleTo, type Viewer } from './tables.js';

export function insert(db: Executor, ente: { name: string; kind: EnteKind; region: string | null }): Promise<EnteRow> {
  return db.insertInto('enti').values(ente).returningAll().executeTakeFirstOrThrow();
}

export function update(db: Executor, id: number, changes: Updateable<EntiTable>): Promise<EnteRow | undefined> {
  return db.updateTable('enti').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

export function findById(db: Executor, id: number): Promise<EnteRow | undefined> {
  return db.selectFrom('enti').selectAll().where('id', '=', id).executeTakeFirst();
}

export function list(db: Executor): Promise<EnteRow[]> {
  return db.selectFrom('enti').selectAll().orderBy('name').execute();
}

export interface EnteSummaryRow extends EnteRow {
  participant_count: number;
  tables: Array<{ id: number; name: string; kind: TableKind }>;
}

/**
 * Enti with how many people they have and the tables the viewer may see among theirs: one
 * query, whatever the number of enti.
 */
export function summaries(db: Executor, viewer: Viewer, onlyId?: number): Promise<EnteSummaryRow[]> {
  let query = db
    .selectFrom('enti')
    .selectAll('enti')
    .select((eb) => [
      eb
        .selectFrom('users')
        .select((u) => u.fn.countAll<number>().as('count'))
        .whereRef('users.ente_id', '=', 'enti.id')
        .as('participant_count'),
      jsonArrayFrom(
        eb
          .selectFrom('tables')
          .select(['tables.id', 'tables.name', 'tables.kind'])
          .whereRef('tables.ente_id', '=', 'enti.id')
          .where(tableVisibleTo(viewer))
          .orderBy('tables.name'),
      ).as('tables'),
    ])
    .orderBy('enti.name');
  if (onlyId !== undefined) query = query.where('enti.id', '=', onlyId);
  return query
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, participant_count: Number(r.participant_count ?? 0) })));
}

/** The ente's people, by name. */
export function people(db: Executor, enteId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'handle', 'role'])
    .where('ente_id', '=', enteId)
    .orderBy('display_name')
    .execute();
}
