import type { UserRow } from '@hubspoke/db';
import {
  AppError,
  canModerateTable,
  canReplyToThread,
  type Deps,
  getReadableTable,
  getThreadPage,
  listVisibleTables,
  locatePost,
  markRead,
} from '@hubspoke/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { currentUser, sendPage } from '../respond.js';
import type { FailedForm } from '../ui/form-errors.js';
import { focusAreaNames } from './listing.js';
import { postArticleElement } from './post.view.js';
import { POSTS_PER_PAGE, pageAfter, threadPageHref } from './post-lookup.js';
import { postContextOf, threadPage } from './thread.page.js';

export interface ComposerInput {
  body: string;
  replyTo: number | null;
  error?: FailedForm;
  previewHtml?: string;
  draftSavedAt?: string;
}

const loadPage = (deps: Deps, user: UserRow, id: number, after: number) =>
  getThreadPage(deps, user, id, { after, limit: POSTS_PER_PAGE });

/**
 * The page asked for, or, when none is, the one holding the reader's first unread post: links
 * from mails name the thread and an anchor, and the anchor never reaches the server.
 */
async function pageToShow(deps: Deps, user: UserRow, id: number, requested: number | undefined) {
  if (requested !== undefined) return { page: await loadPage(deps, user, id, requested), after: requested };
  const first = await loadPage(deps, user, id, 0);
  const lastRead = first.thread.lastReadPostNumber;
  if (lastRead === null || lastRead >= first.thread.lastPostNumber) return { page: first, after: 0 };
  const after = pageAfter(lastRead + 1);
  return after === 0 ? { page: first, after } : { page: await loadPage(deps, user, id, after), after };
}

/** Renders a thread page: for a GET (and marks it read), or again after a reply that failed. */
export async function renderThread(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { id: number; after: number | undefined; composer: ComposerInput },
) {
  const user = currentUser(request);
  const ctx = pageContext(request, reply, deps.config);
  const { page, after } = await pageToShow(deps, user, options.id, options.after);
  const { thread, posts, permissions, acceptedAnswer } = page;
  const [table, focusAreas] = await Promise.all([
    getReadableTable(deps, user, thread.tableId),
    focusAreaNames(deps, ctx),
  ]);
  const moveTargets = permissions.moderate
    ? (await listVisibleTables(deps, user)).filter((t) => canModerateTable(user, t.is_member))
    : [];
  const lastRead = thread.lastReadPostNumber;
  const lastShown = posts.at(-1)?.number ?? 0;
  if (request.method === 'GET' && lastShown > (lastRead ?? 0)) await markRead(deps, user, thread.id, lastShown);

  const { error, ...composer } = options.composer;
  const view = {
    thread,
    table,
    posts,
    after,
    pageHref: threadPageHref(thread.id, after),
    moderates: permissions.moderate,
    canRetitle: permissions.moderate || thread.author.id === user.id,
    canReply: canReplyToThread(user, thread, table.is_member),
    firstUnread: lastRead !== null && lastRead < lastShown ? lastRead + 1 : null,
    moveTargets,
    focusAreas,
    acceptedAnswer,
    canAccept: permissions.accept,
    composer: { ...composer, error: error ?? null },
  };
  return sendPage(reply, ctx, thread.title, threadPage(ctx, view), error?.status);
}

/**
 * One post as the thread page at `after` renders it for this reader: the live client's way to
 * bring an edited or deleted post up to date. The same services and checks as the page decide
 * what the reader sees (private labs, hidden posts) and may do; a post not on that page is 404.
 */
export async function renderPostFragment(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { postId: number; after: number | undefined },
) {
  const user = currentUser(request);
  const ctx = pageContext(request, reply, deps.config);
  const { threadId, number } = await locatePost(deps, user, options.postId);
  const after = options.after ?? pageAfter(number);
  const { thread, posts, permissions } = await loadPage(deps, user, threadId, after);
  const post = posts.find((p) => p.id === options.postId);
  if (!post) throw new AppError(404, 'post_not_found', 'post not found');
  const table = await getReadableTable(deps, user, thread.tableId);
  const postContext = postContextOf(ctx, {
    thread,
    posts,
    moderates: permissions.moderate,
    canReply: canReplyToThread(user, thread, table.is_member),
    pageHref: threadPageHref(thread.id, after),
    firstUnread: null,
    canAccept: permissions.accept,
  });
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(postArticleElement(ctx, post, postContext).toString());
}
