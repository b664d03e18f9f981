import type { ExpressionBuilder, Insertable } from 'kysely';
import type { Executor } from '../../connection.js';
import type { DB, Role, TableRow, TablesTable } from '../../schema.js';

export interface Viewer {
  id: number;
  role: Role;
}

/**
 * The SQL form of "who may read a table" (the rule itself lives in the domain's permissions;
 * a test keeps the two in step): admins read everything, everyone reads tables open to all
 * participants, and participants (members, and tutors in the table's pool) read their own tables.
 */
export function tableVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'tables'>) =>
    viewer.role === 'admin'
      ? eb.lit(true)
      : eb.or([
          eb('tables.visibility', '=', 'participants'),
          eb.exists(
            eb
              .selectFrom('table_participants')
              .select('table_participants.table_id')
              .whereRef('table_participants.table_id', '=', 'tables.id')
              .where('table_participants.user_id', '=', viewer.id),
          ),
        ]);
}

/** The same rule seen from the other side: may this user (row) read table `tableId` (joined as `tables`)? */
export function userMayRead(tableId: number) {
  return (eb: ExpressionBuilder<DB, 'users' | 'tables'>) =>
    eb.or([
      eb('users.role', '=', 'admin'),
      eb('tables.visibility', '=', 'participants'),
      eb.exists(
        eb
          .selectFrom('table_participants')
          .select('table_participants.user_id')
          .where('table_participants.table_id', '=', tableId)
          .whereRef('table_participants.user_id', '=', 'users.id'),
      ),
    ]);
}

export function insert(db: Executor, table: Insertable<TablesTable>): Promise<TableRow> {
  return db.insertInto('tables').values(table).returningAll().executeTakeFirstOrThrow();
}

export function findById(db: Executor, id: number): Promise<TableRow | undefined> {
  return db.selectFrom('tables').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVisible(db: Executor, viewer: Viewer, id: number): Promise<TableRow | undefined> {
  return db.selectFrom('tables').selectAll().where('id', '=', id).where(tableVisibleTo(viewer)).executeTakeFirst();
}

/**
 * `is_member`: whether the user takes part in the `tables` row of the query (a member, or a tutor
 * in its pool), for permission checks.
 */
export function isMemberColumn(userId: number) {
  return (eb: ExpressionBuilder<DB, 'tables'>) =>
    eb
      .exists(
        eb
          .selectFrom('table_participants')
          .select('table_participants.user_id')
          .whereRef('table_participants.table_id', '=', 'tables.id')
          .where('table_participants.user_id', '=', userId),
      )
      .$castTo<boolean>()
      .as('is_member');
}

export function listVisible(db: Executor, viewer: Viewer): Promise<Array<TableRow & { is_member: boolean }>> {
  return db
    .selectFrom('tables')
    .selectAll('tables')
    .select(isMemberColumn(viewer.id))
    .where(tableVisibleTo(viewer))
    .orderBy('tables.kind')
    .orderBy('tables.name')
    .execute();
}

export async function isMember(db: Executor, tableId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('table_participants')
    .select('table_id')
    .where('table_id', '=', tableId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Ids of the given tables that exist. */
export async function existingIds(db: Executor, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('tables').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export async function addMembers(db: Executor, tableIds: readonly number[], userId: number): Promise<void> {
  if (tableIds.length === 0) return;
  await db
    .insertInto('table_members')
    .values(tableIds.map((table_id) => ({ table_id, user_id: userId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeMember(db: Executor, tableId: number, userId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('table_members')
    .where('table_id', '=', tableId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function listMembers(db: Executor, tableId: number) {
  return db
    .selectFrom('table_members')
    .innerJoin('users', 'users.id', 'table_members.user_id')
    .select([
      'users.id',
      'users.display_name',
      'users.handle',
      'users.role',
      'users.ente_id',
      'table_members.created_at',
    ])
    .where('table_members.table_id', '=', tableId)
    .orderBy('users.display_name')
    .execute();
}
