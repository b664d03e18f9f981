import { auditRepo, flagRepo, type UserRow } from '@hubspoke/db';
import { type Actor, isStaff } from '../permissions.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { conflict, forbidden, notFound } from '../shared/errors.js';
import { assertModerates, readableThread } from './access.js';
import { applyHidden, readablePost } from './posts.js';

/** Anyone who can read a post may flag it, once while their flag is open. */
export async function flagPost(deps: Pick<Deps, 'db'>, actor: UserRow, postId: number, reason: string) {
  const { post } = await readablePost(deps, actor, postId);
  if (post.deleted_at) throw notFound('post');
  const flag = await flagRepo.insert(deps.db, { post_id: postId, user_id: actor.id, reason: reason.trim() });
  if (!flag) throw conflict('already_flagged', 'You have already flagged this post');
  return { id: flag.id, postId, reason: flag.reason, createdAt: flag.created_at.toISOString() };
}

const isAfterId = (v: any): v is { after: number } => Number.isSafeInteger(v?.after);

/** The moderation queue: open flags in the tables the actor moderates, oldest first. */
/** How many open flags wait for the actor; null for those who do not moderate. */
export async function countOpenFlags(deps: Pick<Deps, 'db'>, actor: Actor): Promise<number | null> {
  return isStaff(actor) ? flagRepo.countOpen(deps.db, actor) : null;
}

export async function listOpenFlags(deps: Pick<Deps, 'db'>, actor: Actor, page: { cursor?: string; limit?: number }) {
  if (!isStaff(actor)) throw forbidden('Only moderators see flags');
  const limit = pageSize(page.limit);
  const cursor = decodeCursor(page.cursor, isAfterId);
  const rows = await flagRepo.listOpen(deps.db, actor, {
    limit: limit + 1,
    ...(cursor ? { afterId: cursor.after } : {}),
  });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map((f) => ({
      id: f.id,
      reason: f.reason,
      createdAt: f.created_at.toISOString(),
      flagger: { id: f.flagger_id, displayName: f.flagger_name },
      post: {
        id: f.post_id,
        number: f.post_number,
        bodyHtml: f.body_html,
        hidden: f.hidden_at !== null,
        author: { id: f.author_id, displayName: f.author_name },
      },
      thread: { id: f.thread_id, title: f.thread_title, tableId: f.table_id },
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ after: last.id }) : null,
  };
}

/** Resolving hides the post or dismisses the report; every open flag on that post closes with it. */
export async function resolveFlag(deps: Deps, actor: UserRow, flagId: number, action: 'hide' | 'dismiss') {
  const flag = await flagRepo.findById(deps.db, flagId);
  if (!flag) throw notFound('flag');
  const { post } = await readablePost(deps, actor, flag.post_id);
  const context = await readableThread(deps.db, actor, post.thread_id);
  assertModerates(context);
  if (flag.status !== 'open') throw conflict('flag_resolved', 'This flag is already resolved');
  const eventId = await deps.db.transaction().execute(async (tx) => {
    const resolved = await flagRepo.resolveForPost(tx, post.id, action, actor.id, deps.clock.now());
    if (resolved.length === 0) throw conflict('flag_resolved', 'This flag is already resolved');
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: `flag.${action}`,
      subjectType: 'post',
      subjectId: post.id,
      data: { flagIds: resolved.map((r) => r.id) },
    });
    if (action === 'hide' && !post.hidden_at) return (await applyHidden(deps, tx, actor, post, true)).eventId;
    return undefined;
  });
  if (eventId !== undefined) deps.events.publish([eventId]);
}
