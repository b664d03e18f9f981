import { sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import { threadAndTableVisibleTo } from '../forum/threads.js';
import type { Viewer } from '../spaces/tables.js';

export async function addToPool(
  db: Executor,
  pool: { tutorId: number; tableId: number | null; focusArea: string | null },
): Promise<void> {
  await sql`insert into tutor_pools (tutor_id, table_id, focus_area) values (${pool.tutorId}, ${pool.tableId}, ${pool.focusArea})
            on conflict do nothing`.execute(db);
}

export async function removeFromPool(
  db: Executor,
  pool: { tutorId: number; tableId: number | null; focusArea: string | null },
): Promise<boolean> {
  let query = db.deleteFrom('tutor_pools').where('tutor_id', '=', pool.tutorId);
  query = pool.tableId === null ? query.where('table_id', 'is', null) : query.where('table_id', '=', pool.tableId);
  query =
    pool.focusArea === null ? query.where('focus_area', 'is', null) : query.where('focus_area', '=', pool.focusArea);
  const result = await query.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface Candidate {
  id: number;
  open_questions: number;
  last_assigned_at: Date | null;
}

/**
 * Who may take a question in this table and focus area, least loaded first, then the one
 * waiting longest since their last assignment. Tutors from the matching pools who may read the
 * table (a focus-area pool never opens a private lab); when there is none, the table's moderators.
 */
export async function candidates(
  db: Executor,
  question: { table_id: number; focus_area: string; draft_document_id: number | null },
  exclude: readonly number[],
): Promise<Candidate[]> {
  const { table_id: tableId, focus_area: focusArea } = question;
  // A question about an unpublished document goes only to tutors who review in its table.
  const openTable = question.draft_document_id === null ? sql`t.visibility = 'participants'` : sql`false`;
  const excluded = exclude.length ? exclude : [0];
  const load = sql`
    (select count(*)::int from threads q where q.assigned_tutor_id = u.id and q.question_status = 'open') as open_questions,
    (select max(q.assigned_at) from threads q where q.assigned_tutor_id = u.id) as last_assigned_at`;
  const order = sql`order by open_questions, last_assigned_at nulls first, u.id`;
  const tutors = await sql<Candidate>`
    select u.id, ${load} from users u
    where u.id in (select tutor_id from tutor_pools p
                   where (p.table_id = ${tableId} and (p.focus_area is null or p.focus_area = ${focusArea}))
                      or (p.table_id is null and p.focus_area = ${focusArea}))
      and u.id <> all(${sql.val(excluded)}::bigint[])
      and (exists (select 1 from tables t where t.id = ${tableId} and ${openTable})
           or exists (select 1 from table_participants tp where tp.table_id = ${tableId} and tp.user_id = u.id))
    ${order}`.execute(db);
  if (tutors.rows.length > 0) return tutors.rows;
  const moderators = await sql<Candidate>`
    select u.id, ${load} from users u
    join table_members m on m.user_id = u.id and m.table_id = ${tableId}
    where u.role = 'moderator' and u.id <> all(${sql.val(excluded)}::bigint[])
    ${order}`.execute(db);
  return moderators.rows;
}

/** A new assignment starts with no reminder or escalation sent. */
export async function assign(db: Tx, threadId: number, tutorId: number | null, at: Date): Promise<void> {
  await db
    .updateTable('threads')
    .set({
      assigned_tutor_id: tutorId,
      assigned_at: tutorId === null ? null : at,
      reminded_at: null,
      escalated_at: null,
    })
    .where('id', '=', threadId)
    .execute();
}

/** A tutor's reply answers an open question (the first one is kept for response times). */
export async function recordTutorReply(db: Tx, threadId: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('threads')
    .set((eb) => ({
      question_status: sql`case when question_status = 'open' then 'answered' else question_status end`,
      first_tutor_reply_at: eb.fn.coalesce('first_tutor_reply_at', sql<Date>`${at}`),
    }))
    .where('id', '=', threadId)
    .where('kind', '=', 'question')
    .where('question_status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function accept(db: Tx, threadId: number, postId: number, at: Date): Promise<void> {
  await db
    .updateTable('threads')
    .set((eb) => ({
      accepted_post_id: postId,
      question_status: 'resolved',
      resolved_at: eb.fn.coalesce('resolved_at', sql<Date>`${at}`),
    }))
    .where('id', '=', threadId)
    .execute();
}

/**
 * Marks the reminder (or escalation) of this exact assignment as sent, only if the question is
 * still open and it was not sent before: the one caller that gets `true` sends it.
 */
export async function claimNudge(
  db: Executor,
  threadId: number,
  assignedAt: Date,
  which: 'reminded_at' | 'escalated_at',
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('threads')
    .set({ [which]: at })
    .where('id', '=', threadId)
    .where('assigned_at', '=', assignedAt)
    .where('question_status', '=', 'open')
    .where(which, 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The tutor's queue: unanswered questions oldest first, then answered ones awaiting acceptance,
 * only in tables the tutor may read now.
 */
export function queue(db: Executor, tutor: Viewer) {
  return db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .innerJoin('users', 'users.id', 'threads.author_id')
    .select([
      'threads.id',
      'threads.title',
      'threads.table_id',
      'tables.name as table_name',
      'threads.focus_area',
      'threads.question_status',
      'threads.created_at',
      'threads.assigned_at',
      'threads.post_count',
      'users.id as asker_id',
      'users.display_name as asker_name',
    ])
    .where('threads.kind', '=', 'question')
    .where('threads.assigned_tutor_id', '=', tutor.id)
    .where('threads.question_status', 'in', ['open', 'answered'])
    .where(threadAndTableVisibleTo(tutor))
    .orderBy(sql`threads.question_status = 'answered'`)
    .orderBy('threads.created_at')
    .limit(200)
    .execute();
}

/** Questions asked in [from, to) with their timings, for response-time metrics. */
export function questionsBetween(db: Executor, from: Date, to: Date, scope: { tableIds?: number[]; tutorId?: number }) {
  let query = db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .leftJoin('users', 'users.id', 'threads.assigned_tutor_id')
    .select([
      'threads.id',
      'threads.table_id',
      'tables.name as table_name',
      'threads.focus_area',
      'threads.assigned_tutor_id',
      'users.display_name as tutor_name',
      'threads.question_status',
      'threads.created_at',
      'threads.first_tutor_reply_at',
      'threads.resolved_at',
    ])
    .where('threads.kind', '=', 'question')
    .where('threads.created_at', '>=', from)
    .where('threads.created_at', '<', to);
  if (scope.tableIds) query = query.where('threads.table_id', 'in', scope.tableIds.length ? scope.tableIds : [0]);
  if (scope.tutorId !== undefined) query = query.where('threads.assigned_tutor_id', '=', scope.tutorId);
  return query.execute();
}

export async function moderatorsOf(db: Executor, tableId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('table_members')
    .innerJoin('users', 'users.id', 'table_members.user_id')
    .select('users.id')
    .where('table_members.table_id', '=', tableId)
    .where('users.role', '=', 'moderator')
    .execute();
  return rows.map((r) => r.id);
}

/** Open questions assigned to this tutor in tables they may no longer read (a pool place or membership lost). */
export async function assignedUnreadable(db: Executor, tutor: Viewer) {
  return db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .select(['threads.id', 'threads.table_id', 'threads.focus_area', 'threads.draft_document_id'])
    .where('threads.kind', '=', 'question')
    .where('threads.assigned_tutor_id', '=', tutor.id)
    .where('threads.question_status', '=', 'open')
    .where((eb) => eb.not(threadAndTableVisibleTo(tutor)(eb)))
    .execute();
}

/** Every pool place with its tutor's and table's names, for the admins' page. */
export function listPools(db: Executor) {
  return db
    .selectFrom('tutor_pools')
    .innerJoin('users', 'users.id', 'tutor_pools.tutor_id')
    .leftJoin('tables', 'tables.id', 'tutor_pools.table_id')
    .select([
      'tutor_pools.tutor_id',
      'users.display_name as tutor_name',
      'tutor_pools.table_id',
      'tables.name as table_name',
      'tutor_pools.focus_area',
    ])
    .orderBy('users.display_name')
    .orderBy('tables.name')
    .orderBy('tutor_pools.focus_area')
    .execute();
}

/** Everyone with the tutor role, by name: who may join a pool. */
export function listTutors(db: Executor) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('role', '=', 'tutor')
    .orderBy('display_name')
    .execute();
}
