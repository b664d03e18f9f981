import {
  auditRepo,
  type Executor,
  eventRepo,
  type PostRow,
  postRepo,
  type Role,
  replyRepo,
  type Tx,
  threadRepo,
  tutoringRepo,
  type UserRow,
} from '@hubspoke/db';
import { quoteMarkdown } from '@hubspoke/markdown';
import { assertPattoAccepted } from '../consents/consents.js';
import { canEditPost, canSeeHiddenPost, isAnsweringTutor } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { AppError, forbidden, invalid, notFound } from '../shared/errors.js';
import { rooms } from '../shared/events.js';
import { assertCanReply, assertModerates, readableThread, type ThreadContext } from './access.js';
import { prepareBody } from './content.js';
import { postEventData, postToDto } from './dto.js';
import { noticeToAuthor, prepareReason } from './moderation-notice.js';
import { tableRooms } from './opening.js';
import { enforcePostingLimit } from './threads.js';
import { attachReferencedUploads, removePostUploads } from './uploads.js';

const withAuthor = (post: PostRow, author: Pick<UserRow, 'display_name' | 'handle' | 'role'>) => ({
  ...post,
  author_name: author.display_name,
  author_handle: author.handle,
  author_role: author.role,
});

/**
 * Slow mode: in a thread that has it, each person posts at most once every N minutes; the
 * table's moderators are not held to it. 429 `slow_mode` with the seconds left in Retry-After.
 */
async function enforceSlowMode(deps: Pick<Deps, 'db' | 'clock'>, actor: UserRow, context: ThreadContext) {
  const minutes = context.thread.slow_mode_minutes;
  if (minutes === null || context.moderates) return;
  const last = await postRepo.lastPostedAt(deps.db, context.thread.id, actor.id);
  if (!last) return;
  const waitSeconds = Math.ceil((last.getTime() + minutes * 60_000 - deps.clock.now().getTime()) / 1000);
  if (waitSeconds > 0) {
    throw new AppError(
      429,
      'slow_mode',
      `This thread is in slow mode: one post every ${minutes} minutes; try again in ${waitSeconds} seconds`,
      { 'retry-after': String(waitSeconds) },
    );
  }
}

/** A reply: numbered under the thread's row lock, counted, watched, mentioned, and announced. */
export async function reply(
  deps: Deps,
  actor: UserRow,
  threadId: number,
  input: { body: string; replyTo?: number | null },
) {
  const context = await readableThread(deps.db, actor, threadId);
  assertCanReply(actor, context);
  await assertPattoAccepted(deps, actor);
  if (input.replyTo != null && !(await postRepo.belongsToThread(deps.db, input.replyTo, threadId))) {
    throw invalid('invalid_reply_to', 'The post you reply to is not in this thread');
  }
  await enforcePostingLimit(deps, actor);
  await enforceSlowMode(deps, actor, context);
  const prepared = await prepareBody(deps, deps.db, context.thread.table_id, input.body);
  const now = deps.clock.now();
  const draft: PostRow = {
    id: 0,
    thread_id: threadId,
    number: 0,
    author_id: actor.id,
    reply_to_post_id: input.replyTo ?? null,
    body: prepared.body,
    body_html: prepared.bodyHtml,
    like_count: 0,
    created_at: now,
    edited_at: null,
    deleted_at: null,
    deleted_by: null,
    hidden_at: null,
    hidden_by: null,
  };
  const write = (db: Executor) =>
    replyRepo.append(db, {
      threadId,
      authorId: actor.id,
      replyToPostId: draft.reply_to_post_id,
      body: draft.body,
      bodyHtml: draft.body_html,
      searchVector: postRepo.searchVector(prepared.plainText),
      createdAt: now,
      mentionedUserIds: prepared.mentionedUserIds.filter((id) => id !== actor.id),
      // The database fills in the post's id and number.
      event: {
        name: 'post.created',
        rooms: [rooms.thread(threadId), ...tableRooms(context.thread)],
        data: postEventData(withAuthor(draft, actor)),
      },
    });
  // A tutor's answer also marks the question answered, in the same transaction; every other
  // reply is a single statement that commits on its own.
  const written =
    context.thread.kind === 'question' && isAnsweringTutor(actor, context.thread)
      ? await deps.db.transaction().execute(async (tx) => {
          const result = await write(tx);
          if (result) await tutoringRepo.recordTutorReply(tx, threadId, now);
          return result;
        })
      : await write(deps.db);
  if (!written) throw notFound('thread');
  deps.events.publish([written.eventId]);
  // Once the reply is in: the uploads it references become its own.
  await attachReferencedUploads(deps.db, {
    id: written.post.id,
    authorId: actor.id,
    tableId: context.thread.table_id,
    body: prepared.body,
  });
  return postToDto(withAuthor(written.post, actor), true);
}

/** The post and its thread, if the actor may read them (hidden posts only for those allowed). */
async function readablePost(deps: Pick<Deps, 'db'>, actor: UserRow, postId: number) {
  const post = await postRepo.findPageRow(deps.db, postId, actor.id);
  if (!post) throw notFound('post');
  const context = await readableThread(deps.db, actor, post.thread_id).catch(() => {
    throw notFound('post');
  });
  if (post.hidden_at && !canSeeHiddenPost(actor, post, context.moderates)) throw notFound('post');
  return { post, context };
}

export async function editPost(deps: Deps, actor: UserRow, postId: number, input: { body: string }) {
  const { post, context } = await readablePost(deps, actor, postId);
  if (!canEditPost(actor, post, context.moderates)) throw forbidden('You can edit only your own posts');
  if (context.thread.locked && !context.moderates) throw forbidden('This thread is locked');
  await assertPattoAccepted(deps, actor);
  const prepared = await prepareBody(deps, deps.db, context.thread.table_id, input.body);
  const now = deps.clock.now();

  const { updated, eventId } = await deps.db.transaction().execute(async (tx) => {
    const before = await postRepo.lockById(tx, postId);
    if (!before || before.deleted_at) throw notFound('post');
    if (before.body === prepared.body) return { updated: before, eventId: undefined };
    await postRepo.insertRevision(tx, {
      post_id: postId,
      body: before.body,
      body_html: before.body_html,
      editor_id: actor.id,
      written_at: before.edited_at ?? before.created_at,
    });
    const updated = await postRepo.updateBody(tx, postId, {
      body: prepared.body,
      body_html: prepared.bodyHtml,
      edited_at: now,
      search_vector: postRepo.searchVector(prepared.plainText, before.number === 1 ? context.thread.title : undefined),
    });
    await postRepo.insertMentions(
      tx,
      postId,
      prepared.mentionedUserIds.filter((id) => id !== post.author_id),
    );
    await attachReferencedUploads(tx, {
      id: postId,
      authorId: post.author_id,
      tableId: context.thread.table_id,
      body: prepared.body,
    });
    if (post.author_id !== actor.id) {
      await auditRepo.record(tx, { actorId: actor.id, action: 'post.edit', subjectType: 'post', subjectId: postId });
    }
    const eventId = await eventRepo.insert(tx, {
      name: 'post.updated',
      rooms: [rooms.thread(post.thread_id)],
      data: postEventData({ ...post, ...updated }),
    });
    return { updated, eventId };
  });
  if (eventId !== undefined) deps.events.publish([eventId]);
  return postToDto({ ...post, ...updated }, true);
}

/** Soft delete: the number and the replies that point at it stay; the content goes. */
export async function deletePost(deps: Deps, actor: UserRow, postId: number): Promise<void> {
  const { post, context } = await readablePost(deps, actor, postId);
  if (post.deleted_at) throw notFound('post');
  if (!(post.author_id === actor.id || context.moderates)) throw forbidden('You can delete only your own posts');
  const eventId = await deps.db.transaction().execute(async (tx) => {
    const deleted = await postRepo.setDeleted(tx, postId, actor.id, deps.clock.now());
    await threadRepo.adjustPostCount(tx, post.thread_id, -1);
    if (post.author_id !== actor.id) {
      await auditRepo.record(tx, { actorId: actor.id, action: 'post.delete', subjectType: 'post', subjectId: postId });
    }
    return eventRepo.insert(tx, {
      name: 'post.deleted',
      rooms: [rooms.thread(post.thread_id)],
      data: postEventData({ ...post, ...deleted }),
    });
  });
  deps.events.publish([eventId]);
  // The content goes, and with it the pictures and files it held.
  await removePostUploads(deps, postId);
}

/** Earlier versions of a post, oldest first. A deleted post's history is for moderators only. */
export async function listRevisions(deps: Pick<Deps, 'db'>, actor: UserRow, postId: number) {
  const { post, context } = await readablePost(deps, actor, postId);
  if (post.deleted_at && !context.moderates) throw notFound('post');
  const revisions = await postRepo.listRevisions(deps.db, postId);
  return revisions.map((r, index) => ({
    revision: index + 1,
    body: r.body,
    bodyHtml: r.body_html,
    writtenAt: r.written_at.toISOString(),
    replacedAt: r.replaced_at.toISOString(),
    editor: r.editor_id === null ? null : { id: r.editor_id, displayName: r.editor_name ?? '' },
  }));
}

export async function setLike(deps: Deps, actor: UserRow, postId: number, liked: boolean) {
  const { post } = await readablePost(deps, actor, postId);
  if (post.deleted_at) throw notFound('post');
  if (post.author_id === actor.id) throw new AppError(403, 'own_post', 'You cannot like your own post');
  await assertPattoAccepted(deps, actor);
  const { count, eventId } = await deps.db.transaction().execute(async (tx) => {
    const count = await postRepo.setLike(tx, postId, actor.id, liked);
    const eventId = await eventRepo.insert(tx, {
      name: 'post.updated',
      rooms: [rooms.thread(post.thread_id)],
      data: postEventData({ ...post, like_count: count }),
    });
    return { count, eventId };
  });
  deps.events.publish([eventId]);
  return { reactions: { like: count }, likedByMe: liked };
}

/**
 * Moderators hide a post (or show it again); the author still sees it, marked hidden, and is told
 * of the hiding with the moderator's reason when one is given.
 */
export async function setPostHidden(deps: Deps, actor: UserRow, postId: number, hidden: boolean, reasonText?: string) {
  const { post, context } = await readablePost(deps, actor, postId);
  assertModerates(context);
  const reason = prepareReason(reasonText);
  const { updated, eventIds } = await deps.db.transaction().execute(async (tx) => {
    const wasHidden = post.hidden_at !== null;
    const result = await applyHidden(deps, tx, actor, post, hidden);
    const told =
      hidden && !wasHidden
        ? await noticeToAuthor(tx, {
            authorId: post.author_id,
            actor,
            thread: context.thread,
            postId: post.id,
            moderation: 'hide',
            reason,
          })
        : [];
    return { updated: result.updated, eventIds: [result.eventId, ...told] };
  });
  deps.events.publish(eventIds);
  return postToDto(updated, true);
}

type AuthoredPost = PostRow & { author_name: string; author_handle: string; author_role: Role };

/** Hides or shows a post inside the caller's transaction, with its audit entry and live event. */
export async function applyHidden(
  deps: Pick<Deps, 'clock'>,
  tx: Tx,
  actor: UserRow,
  post: AuthoredPost,
  hidden: boolean,
) {
  const row = await postRepo.setHidden(tx, post.id, hidden ? actor.id : null, hidden ? deps.clock.now() : null);
  await auditRepo.record(tx, {
    actorId: actor.id,
    action: hidden ? 'post.hide' : 'post.unhide',
    subjectType: 'post',
    subjectId: post.id,
  });
  const updated = { ...post, ...row };
  const eventId = await eventRepo.insert(tx, {
    name: 'post.updated',
    rooms: [rooms.thread(post.thread_id)],
    data: postEventData(updated),
  });
  return { updated, eventId };
}

/** The post as a Markdown quote for the composer, attributed to its author. */
export async function quotePost(deps: Pick<Deps, 'db'>, actor: UserRow, postId: number): Promise<string> {
  const { post } = await readablePost(deps, actor, postId);
  if (post.deleted_at || post.hidden_at) throw notFound('post');
  return quoteMarkdown({ authorHandle: post.author_handle, postNumber: post.number, source: post.body });
}

export { readablePost };
