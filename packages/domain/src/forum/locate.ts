import { postRepo } from '@hubspoke/db';
import type { Actor } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { notFound } from '../shared/errors.js';
import { getThreadPage } from './threads.js';

/**
 * Which thread and number a post id is. It says nothing of whether the reader may see the post:
 * callers go on to the thread service, which applies every reading rule (private labs, hidden posts).
 */
export async function locatePost(deps: Pick<Deps, 'db'>, actor: Actor, postId: number) {
  const location = await postRepo.findPageRow(deps.db, postId, actor.id);
  if (!location) throw notFound('post');
  return { threadId: location.thread_id, number: location.number };
}

/** One post as its reader may see it, with its thread, read through the thread page's own rules. */
export async function readPost(deps: Deps, actor: Parameters<typeof getThreadPage>[1], postId: number) {
  const location = await locatePost(deps, actor, postId);
  const page = await getThreadPage(deps, actor, location.threadId, { after: location.number - 1, limit: 1 });
  const post = page.posts[0];
  if (!post || post.id !== postId) throw notFound('post');
  return { thread: page.thread, post, moderates: page.permissions.moderate };
}
