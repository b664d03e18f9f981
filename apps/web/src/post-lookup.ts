import { postRepo, type UserRow } from '@hubspoke/db';
import { AppError, type Deps, getThreadPage } from '@hubspoke/domain';

export const POSTS_PER_PAGE = 20;

/** The `dopo` value of the thread page that shows post `number` (pages hold 20 numbers each). */
export const pageAfter = (number: number) => Math.floor((number - 1) / POSTS_PER_PAGE) * POSTS_PER_PAGE;

/** The `dopo` of a thread page's address, when it is a post number. */
export const afterParam = (value: string | undefined) =>
  value !== undefined && /^[0-9]{1,9}$/.test(value) ? Number(value) : undefined;

/** The address of the thread page holding the posts after number `after`. */
export const threadPageHref = (threadId: number, after: number) =>
  `/discussioni/${threadId}${after ? `?dopo=${after}` : ''}`;

/** The thread page address that shows a post, anchored on it. */
export const postHref = (threadId: number, number: number) =>
  `${threadPageHref(threadId, pageAfter(number))}#post-${number}`;

/** Which thread and number a post id is; what the reader may see of it is for the thread service to say. */
export async function locatePost(deps: Deps, user: UserRow, postId: number) {
  const location = await postRepo.findPageRow(deps.db, postId, user.id);
  if (!location) throw new AppError(404, 'post_not_found', 'post not found');
  return { threadId: location.thread_id, number: location.number };
}

/**
 * One post as its reader may see it, with its thread. Post pages (edit, delete, history, flag)
 * are addressed by post id; the repository only tells which thread and number that is, and the
 * thread service then applies every reading rule (private labs, hidden posts) as for the thread.
 */
export async function readPost(deps: Deps, user: UserRow, postId: number) {
  const location = await locatePost(deps, user, postId);
  const page = await getThreadPage(deps, user, location.threadId, { after: location.number - 1, limit: 1 });
  const post = page.posts[0];
  if (!post || post.id !== postId) throw new AppError(404, 'post_not_found', 'post not found');
  return { thread: page.thread, post, moderates: page.permissions.moderate };
}
