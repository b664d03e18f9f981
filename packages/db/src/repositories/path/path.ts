import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type {
  DocumentStatus,
  PathProductRow,
  PathProductsTable,
  TableSessionRow,
  TableSessionsTable,
} from '../../schema.js';
import { tableVisibleTo, type Viewer } from '../spaces/tables.js';

export function insertSession(db: Executor, session: Insertable<TableSessionsTable>): Promise<TableSessionRow> {
  return db.insertInto('table_sessions').values(session).returningAll().executeTakeFirstOrThrow();
}

export function updateSession(
  db: Executor,
  tableId: number,
  id: number,
  changes: Updateable<TableSessionsTable>,
): Promise<TableSessionRow | undefined> {
  return db
    .updateTable('table_sessions')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('table_id', '=', tableId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, tableId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('table_sessions')
    .where('id', '=', id)
    .where('table_id', '=', tableId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function findSession(db: Executor, tableId: number, id: number): Promise<TableSessionRow | undefined> {
  return db
    .selectFrom('table_sessions')
    .selectAll()
    .where('id', '=', id)
    .where('table_id', '=', tableId)
    .executeTakeFirst();
}

/** A table's sessions in time order, each with whether `userId` was recorded there. */
export function sessionsOf(db: Executor, tableId: number, userId: number) {
  return db
    .selectFrom('table_sessions as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('session_attendance as a')
            .select('a.user_id')
            .whereRef('a.session_id', '=', 's.id')
            .where('a.user_id', '=', userId),
        )
        .$castTo<boolean>()
        .as('attended'),
    )
    .select((eb) =>
      eb
        .exists(eb.selectFrom('session_attendance as a').select('a.user_id').whereRef('a.session_id', '=', 's.id'))
        .$castTo<boolean>()
        .as('attendance_taken'),
    )
    .where('s.table_id', '=', tableId)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
}

/** The products due in a table, each with the furthest status its documents of that kind and dimension reached. */
export function productsOf(db: Executor, tableId: number) {
  return db
    .selectFrom('path_products as p')
    .selectAll('p')
    .select(
      sql<DocumentStatus | null>`(
        select d.status from documents d
         where d.table_id = p.table_id and d.kind = p.document_kind and d.dimension = p.dimension
           and d.status <> 'archived'
         order by array_position(array['draft','changes_requested','submitted','published']::text[], d.status::text) desc
         limit 1)`.as('status'),
    )
    .where('p.table_id', '=', tableId)
    .orderBy('p.due_at')
    .orderBy('p.id')
    .execute();
}

export function insertProduct(
  db: Executor,
  product: Insertable<PathProductsTable>,
): Promise<PathProductRow | undefined> {
  return db
    .insertInto('path_products')
    .values(product)
    .onConflict((oc) => oc.columns(['table_id', 'dimension', 'document_kind']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function deleteProduct(db: Executor, tableId: number, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('path_products')
    .where('id', '=', id)
    .where('table_id', '=', tableId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Who was recorded at a session: their ids. */
export async function attendanceOf(db: Executor, sessionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('session_attendance')
    .select('user_id')
    .where('session_id', '=', sessionId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Replaces the record of a session with exactly these people. */
export async function replaceAttendance(
  db: Executor,
  sessionId: number,
  userIds: readonly number[],
  recordedBy: number,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    let removal = tx.deleteFrom('session_attendance').where('session_id', '=', sessionId);
    if (userIds.length) removal = removal.where('user_id', 'not in', userIds);
    await removal.execute();
    if (userIds.length === 0) return;
    await tx
      .insertInto('session_attendance')
      .values(userIds.map((user_id) => ({ session_id: sessionId, user_id, recorded_by: recordedBy })))
      .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
      .execute();
  });
}

/** Of these ids, those of people who may read the table (members, its pool's tutors, or anyone if it is open). */
export async function readersAmong(db: Executor, tableId: number, userIds: readonly number[]): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('table_participants')
    .select('user_id')
    .where('table_id', '=', tableId)
    .where('user_id', 'in', userIds)
    .execute();
  return rows.map((r) => r.user_id);
}

/** A person's own record: the sessions they were at, in tables they may still read. */
export function attendanceOfUser(db: Executor, viewer: Viewer) {
  return db
    .selectFrom('session_attendance as a')
    .innerJoin('table_sessions as s', 's.id', 'a.session_id')
    .innerJoin('tables', 'tables.id', 's.table_id')
    .select(['s.id', 's.table_id', 'tables.name as table_name', 's.title', 's.dimension', 's.starts_at', 's.days'])
    .where('a.user_id', '=', viewer.id)
    .where(tableVisibleTo(viewer))
    .orderBy('s.starts_at', 'desc')
    .limit(500)
    .execute();
}

/** The sessions of every table the person takes part in and may read, for their personal calendar. */
export function sessionsForPerson(db: Executor, viewer: Viewer) {
  return db
    .selectFrom('table_sessions as s')
    .innerJoin('tables', 'tables.id', 's.table_id')
    .innerJoin('table_participants as tp', (join) =>
      join.onRef('tp.table_id', '=', 's.table_id').on('tp.user_id', '=', viewer.id),
    )
    .selectAll('s')
    .select('tables.name as table_name')
    .where(tableVisibleTo(viewer))
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(2000)
    .execute();
}

export async function setCalendarToken(db: Executor, userId: number, tokenHash: string): Promise<void> {
  await db
    .insertInto('calendar_tokens')
    .values({ user_id: userId, token_hash: tokenHash })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: sql`now()` }))
    .execute();
}

export async function deleteCalendarToken(db: Executor, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('calendar_tokens').where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The active account a calendar token belongs to. */
export function userByCalendarToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('calendar_tokens as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .selectAll('u')
    .where('c.token_hash', '=', tokenHash)
    .where('u.deactivated_at', 'is', null)
    .where('u.erased_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Sessions starting between `now` and `until` whose people were not reminded yet, claimed for
 * this transaction (two workers never take the same one).
 */
export function lockDueReminders(tx: Tx, now: Date, until: Date, limit: number) {
  return tx
    .selectFrom('table_sessions as s')
    .select(['s.id', 's.table_id', 's.title'])
    .where('s.reminded_at', 'is', null)
    .where('s.starts_at', '>', now)
    .where('s.starts_at', '<=', until)
    .orderBy('s.starts_at')
    .limit(limit)
    .forUpdate('s')
    .skipLocked()
    .execute();
}

export async function markReminded(tx: Tx, id: number, at: Date): Promise<void> {
  await tx.updateTable('table_sessions').set({ reminded_at: at }).where('id', '=', id).execute();
}

/** The active people taking part in a table (members and its pool's tutors): who a session is for. */
export async function participantIds(db: Executor, tableId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('table_participants as tp')
    .innerJoin('users as u', 'u.id', 'tp.user_id')
    .select('tp.user_id')
    .where('tp.table_id', '=', tableId)
    .where('u.deactivated_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}
