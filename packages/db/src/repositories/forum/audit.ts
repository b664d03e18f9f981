import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { Viewer } from '../spaces/tables.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  data?: Record<string, unknown>;
}

export async function record(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: String(entry.subjectId),
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}

/**
 * Whether the reader may see an audit entry: it tells of the tables its subject lives in (and a
 * moved thread of the table it came from), so it is as visible as they are; a document's entries
 * carry review comments, so they stay with the table's participants. Entries about people and
 * settings are for every reader of the log; those whose subject is gone, for admins only.
 */
function entryVisibleTo(viewer: Viewer) {
  const readable = (tableId: RawBuilder<unknown>) => sql<boolean>`exists (
    select 1 from tables t where t.id = ${tableId}
      and (t.visibility = 'participants'
           or exists (select 1 from table_participants p where p.table_id = t.id and p.user_id = ${viewer.id})))`;
  const participates = (tableId: RawBuilder<unknown>) =>
    sql<boolean>`exists (select 1 from table_participants p where p.table_id = ${tableId} and p.user_id = ${viewer.id})`;
  const subject = sql`audit_log.subject_id::bigint`;
  const threadTable = sql`(select table_id from threads where id = ${subject})`;
  const cameFrom = sql`(audit_log.data -> 'before' ->> 'tableId')::bigint`;
  return sql<boolean>`case audit_log.subject_type
    when 'thread' then ${readable(threadTable)} and (${cameFrom} is null or ${readable(cameFrom)})
    when 'post' then ${readable(sql`(select th.table_id from posts po join threads th on th.id = po.thread_id where po.id = ${subject})`)}
    when 'table' then ${readable(subject)}
    when 'document' then ${participates(sql`(select table_id from documents where id = ${subject})`)}
    else true end`;
}

/** What the subject is called now, so the log reads in words (entries are already filtered by visibility). */
const subjectName = sql<string | null>`case audit_log.subject_type
    when 'thread' then (select title from threads where id = audit_log.subject_id::bigint)
    when 'post' then (select th.title from posts po join threads th on th.id = po.thread_id where po.id = audit_log.subject_id::bigint)
    when 'table' then (select name from tables where id = audit_log.subject_id::bigint)
    when 'document' then (select title from documents where id = audit_log.subject_id::bigint)
    when 'user' then (select display_name from users where id = audit_log.subject_id::bigint)
    end`;

export function list(db: Executor, viewer: Viewer, options: { limit: number; beforeId?: number }) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.data',
      'audit_log.created_at',
      'audit_log.actor_id',
      'users.display_name as actor_name',
      subjectName.as('subject_name'),
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(options.limit);
  if (viewer.role !== 'admin') query = query.where(entryVisibleTo(viewer));
  if (options.beforeId !== undefined) query = query.where('audit_log.id', '<', options.beforeId);
  return query.execute();
}
