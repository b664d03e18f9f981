import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { PostRow } from '../../schema.js';
import type { NewEvent } from '../system/events.js';

export interface NewReply {
  threadId: number;
  authorId: number;
  replyToPostId: number | null;
  body: string;
  bodyHtml: string;
  /** `postRepo.searchVector(…)` of the body. */
  searchVector: RawBuilder<string>;
  createdAt: Date;
  mentionedUserIds: readonly number[];
  /** The outbox event; the database adds the new post's `id` and `number` to its data. */
  event: NewEvent;
}

/**
 * A reply in one statement: the author joins the thread (participant, watcher), the thread
 * hands out the next post number and bumps its counters, and the post, its mentions, the
 * author's read mark and the outbox event are written, and the author's draft of it removed. Sent on its own it commits at once, so
 * concurrent replies to one thread queue on the thread's row only for the rest of this
 * statement and its commit, not for round trips to the api. The row is locked after the
 * participant row and the search vector are done (the update reads them), never before.
 * Numbers stay gapless because the row lock orders the updates.
 */
export async function append(db: Executor, reply: NewReply): Promise<{ post: PostRow; eventId: number } | undefined> {
  const { threadId, authorId, createdAt: at } = reply;
  const { rows } = await sql<PostRow & { event_id: number }>`
    with joined as (
      insert into thread_participants (thread_id, user_id) values (${threadId}, ${authorId})
      on conflict (thread_id, user_id) do update set post_count = thread_participants.post_count + 1
      returning (xmax = 0)::int as added
    ), watched as (
      insert into thread_subscriptions (user_id, thread_id, level) values (${authorId}, ${threadId}, 'watching')
      on conflict do nothing
    ), vector as materialized (
      select ${reply.searchVector}::tsvector as search_vector
    ), numbered as (
      update threads set
        last_post_number = last_post_number + 1,
        post_count = post_count + 1,
        participant_count = participant_count + joined.added,
        last_poster_id = ${authorId},
        last_activity_at = greatest(last_activity_at, ${at})
      from joined, vector
      where threads.id = ${threadId}
      returning threads.last_post_number as number, vector.search_vector
    ), post as (
      insert into posts (thread_id, number, author_id, reply_to_post_id, body, body_html, created_at, search_vector)
      select ${threadId}, number, ${authorId}, ${reply.replyToPostId}, ${reply.body}, ${reply.bodyHtml}, ${at}, search_vector
      from numbered
      returning id, thread_id, number, author_id, reply_to_post_id, body, body_html, like_count, created_at,
        edited_at, deleted_at, deleted_by, hidden_at, hidden_by
    ), mentioned as (
      insert into post_mentions (post_id, user_id)
      select post.id, unnest(${[...reply.mentionedUserIds]}::bigint[]) from post
      on conflict do nothing
    ), marked as (
      insert into thread_reads (user_id, thread_id, last_read_post_number, updated_at)
      select ${authorId}, ${threadId}, number, ${at} from numbered
      on conflict (user_id, thread_id) do update set
        last_read_post_number = greatest(thread_reads.last_read_post_number, excluded.last_read_post_number),
        updated_at = excluded.updated_at
    ), drafted as (
      delete from post_drafts where user_id = ${authorId} and thread_id = ${threadId} and exists (select 1 from post)
    ), announced as (
      insert into events (name, rooms, data)
      select ${reply.event.name}, ${reply.event.rooms}::text[],
        ${JSON.stringify(reply.event.data)}::jsonb || jsonb_build_object('id', post.id, 'number', post.number)
      from post
      returning id
    )
    select post.*, announced.id as event_id from post, announced`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { event_id, ...post } = row;
  return { post, eventId: event_id };
}
