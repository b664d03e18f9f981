import { sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { ConversationMessageRow } from '../../schema.js';
import type { NewEvent } from '../system/events.js';

/** Keyset position of the list: most recent message first, ties broken by id. */
export interface ConversationCursor {
  at: string;
  id: number;
}

export async function create(
  tx: Tx,
  conversation: { title: string; createdBy: number; isQuestion: boolean; memberIds: readonly number[] },
): Promise<number> {
  const row = await tx
    .insertInto('conversations')
    .values({ title: conversation.title, created_by: conversation.createdBy, is_question: conversation.isQuestion })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('conversation_members')
    .values(conversation.memberIds.map((userId) => ({ conversation_id: row.id, user_id: userId })))
    .execute();
  return row.id;
}

export function find(db: Executor, id: number) {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The person's place in the conversation (also after leaving), or undefined if never in it. */
export function membership(db: Executor, conversationId: number, userId: number) {
  return db
    .selectFrom('conversation_members')
    .select(['left_at', 'last_read_message_id', 'called_in_by'])
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Everyone who is or was in the conversation, in the order they joined. */
export function members(db: Executor, conversationId: number) {
  return db
    .selectFrom('conversation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.handle', 'u.role', 'm.left_at', 'm.called_in_by'])
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.joined_at')
    .orderBy('u.id')
    .execute();
}

/** The people in it now (not left, account active), for notifications. */
export async function activeMemberIds(db: Executor, conversationId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('conversation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.user_id')
    .where('m.conversation_id', '=', conversationId)
    .where('m.left_at', 'is', null)
    .where('u.deactivated_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * A message in one statement: the message, the conversation's last-message mark, the author's
 * own read mark and the outbox event (the database adds the message's id to its data).
 */
export async function addMessage(
  db: Executor,
  message: { conversationId: number; authorId: number; body: string; bodyHtml: string; at: Date; event: NewEvent },
): Promise<{ message: ConversationMessageRow; eventId: number } | undefined> {
  const { conversationId, authorId, at } = message;
  const { rows } = await sql<ConversationMessageRow & { event_id: number }>`
    with message as (
      insert into conversation_messages (conversation_id, author_id, body, body_html, created_at)
      values (${conversationId}, ${authorId}, ${message.body}, ${message.bodyHtml}, ${at})
      returning id, conversation_id, author_id, body, body_html, created_at
    ), bumped as (
      update conversations set last_message_id = message.id, last_message_at = ${at}
      from message where conversations.id = ${conversationId}
    ), marked as (
      update conversation_members set last_read_message_id = message.id
      from message where conversation_members.conversation_id = ${conversationId}
        and conversation_members.user_id = ${authorId}
    ), announced as (
      insert into events (name, rooms, data)
      select ${message.event.name}, ${message.event.rooms}::text[],
        ${JSON.stringify(message.event.data)}::jsonb || jsonb_build_object('id', message.id)
      from message
      returning id
    )
    select message.*, announced.id as event_id from message, announced`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { event_id, ...saved } = row;
  return { message: saved, eventId: event_id };
}

/** A page of messages, oldest first, ending before `beforeId` (the newest when absent). */
export async function messages(db: Executor, conversationId: number, beforeId: number | undefined, limit: number) {
  let query = db
    .selectFrom('conversation_messages as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .select(['c.id', 'c.author_id', 'c.body', 'c.body_html', 'c.created_at', 'u.display_name', 'u.handle'])
    .where('c.conversation_id', '=', conversationId)
    .orderBy('c.id', 'desc')
    .limit(limit);
  if (beforeId !== undefined) query = query.where('c.id', '<', beforeId);
  return (await query.execute()).reverse();
}

export type ConversationMessageListRow = Awaited<ReturnType<typeof messages>>[number];

/** The person's conversations (not left), most recent first, with the unread count of each. */
export function listForUser(db: Executor, userId: number, after: ConversationCursor | undefined, limit: number) {
  let query = db
    .selectFrom('conversation_members as me')
    .innerJoin('conversations as c', 'c.id', 'me.conversation_id')
    .select([
      'c.id',
      'c.title',
      'c.is_question',
      'c.last_message_at',
      'c.last_message_id',
      'me.last_read_message_id',
      sql<number>`(select count(*) from conversation_messages x
        where x.conversation_id = c.id and x.id > me.last_read_message_id and x.author_id is distinct from ${userId})`.as(
        'unread',
      ),
      sql<Array<{ id: number; displayName: string }>>`(select coalesce(jsonb_agg(jsonb_build_object(
          'id', u.id, 'displayName', u.display_name) order by m.joined_at, u.id), '[]')
        from conversation_members m join users u on u.id = m.user_id
        where m.conversation_id = c.id and m.left_at is null)`.as('people'),
    ])
    .where('me.user_id', '=', userId)
    .where('me.left_at', 'is', null)
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit);
  if (after) query = query.where(sql<boolean>`(c.last_message_at, c.id) < (${after.at}::timestamptz, ${after.id})`);
  return query.execute();
}

export type ConversationListRow = Awaited<ReturnType<typeof listForUser>>[number];

/** Conversations with messages the person has not read: what the header and digests count. */
export async function unreadConversations(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('conversation_members as me')
    .innerJoin('conversations as c', 'c.id', 'me.conversation_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('me.user_id', '=', userId)
    .where('me.left_at', 'is', null)
    .whereRef('c.last_message_id', '>', 'me.last_read_message_id')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Executor, conversationId: number, userId: number, messageId: number) {
  await db
    .updateTable('conversation_members')
    .set({ last_read_message_id: sql`greatest(last_read_message_id, ${messageId})` })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .execute();
}

export async function leave(db: Executor, conversationId: number, userId: number, at: Date) {
  await db
    .updateTable('conversation_members')
    .set({ left_at: at })
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', userId)
    .where('left_at', 'is', null)
    .execute();
}

/** Adds these people (again, if they had left), recording who called them in. Returns who was added. */
export async function callIn(tx: Tx, conversationId: number, userIds: readonly number[], by: number) {
  if (userIds.length === 0) return [];
  const rows = await tx
    .insertInto('conversation_members')
    .values(userIds.map((userId) => ({ conversation_id: conversationId, user_id: userId, called_in_by: by })))
    .onConflict((oc) =>
      oc
        .columns(['conversation_id', 'user_id'])
        .doUpdateSet({ left_at: null, called_in_by: by })
        .where('conversation_members.left_at', 'is not', null),
    )
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function insertFlag(tx: Tx, flag: { conversationId: number; flaggedBy: number; reason: string }) {
  await tx
    .insertInto('conversation_flags')
    .values({ conversation_id: flag.conversationId, flagged_by: flag.flaggedBy, reason: flag.reason })
    .execute();
}

/** The people who could be written to, as they are now. */
export function recipients(db: Executor, userIds: readonly number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role', 'deactivated_at', 'erased_at', 'accepts_messages'])
    .where('id', 'in', userIds)
    .execute();
}

/** Active moderators and admins: who is called in when a conversation is flagged. */
export async function staffIds(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', 'in', ['moderator', 'admin'])
    .where('deactivated_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Conversations asked in [from, to) that their askers marked as a question for a tutor, with
 * the time of the first message a tutor wrote there; `tutorId` keeps those that tutor is in.
 */
export function questionsBetween(db: Executor, from: Date, to: Date, scope: { tutorId?: number }) {
  let query = db
    .selectFrom('conversations as c')
    .select([
      'c.id',
      'c.created_at',
      sql<Date | null>`(select min(m.created_at) from conversation_messages m join users u on u.id = m.author_id
        where m.conversation_id = c.id and u.role = 'tutor' and m.author_id is distinct from c.created_by)`.as(
        'first_tutor_reply_at',
      ),
    ])
    .where('c.is_question', '=', true)
    .where('c.created_at', '>=', from)
    .where('c.created_at', '<', to);
  if (scope.tutorId !== undefined) {
    const tutorId = scope.tutorId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('conversation_members as cm')
          .select('cm.user_id')
          .whereRef('cm.conversation_id', '=', 'c.id')
          .where('cm.user_id', '=', tutorId),
      ),
    );
  }
  return query.execute();
}
