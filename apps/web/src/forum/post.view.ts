import type { PostDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { writePrivatelyLink } from '../conversations/write-link.view.js';
import { html, raw } from '../ui/html.js';
import { icon } from '../ui/icon.js';
import { timeTag } from '../ui/time.js';
import { type PostActionsContext, postActions } from './post-actions.view.js';

export interface PostContext extends PostActionsContext {
  /** Post numbers of the posts on this page, by id, to name what a reply answers. */
  numbers: ReadonlyMap<number, number>;
  /** The first post the reader had not read before opening the page. */
  firstUnread: number | null;
  /**
   * On a question: whether the reader may accept a reply, which one is accepted, who asked and
   * who holds it (their replies, and every tutor's, carry a "Tutor" badge).
   */
  accept?: {
    threadId: number;
    allowed: boolean;
    acceptedPostId: number | null;
    askerId: number;
    tutorId: number | null;
  } | null;
}

/** The accepted reply says so; those who may accept see a button on every other visible reply. */
function acceptControl(ctx: PageContext, post: PostDto, pc: PostContext) {
  const { t } = ctx;
  const accept = pc.accept;
  if (!accept || post.number === 1 || post.deleted || post.hidden) return '';
  if (accept.acceptedPostId === post.id) {
    return html`<p class="mb-2"><span class="label label-accepted">${icon('check-circle', 'icon-xs me-1')}${t('question.acceptedBadge')}</span></p>`;
  }
  // The asker's own reply is not an answer to their question.
  if (!accept.allowed || (post.author.id === accept.askerId && pc.viewerId === accept.askerId)) return '';
  return html`<form method="post" action="/discussioni/${accept.threadId}/risposta-accettata" class="mb-2">
    <input type="hidden" name="postId" value="${post.id}">
    <button type="submit" class="btn btn-xs btn-outline-success">${icon('check', 'icon-xs me-1')}${t('question.accept')}</button>
  </form>`;
}

/** Deleted posts, and hidden ones for those who may not see them, keep their place but not their words. */
function tombstone(ctx: PageContext, post: PostDto) {
  const text = post.deleted ? ctx.t('post.deleted') : ctx.t('post.hiddenTombstone');
  return html`<p class="post-tombstone mb-0"><em>${text}</em></p>`;
}

function tutorBadge(ctx: PageContext, post: PostDto, pc: PostContext) {
  const accept = pc.accept;
  if (!accept || post.number === 1) return '';
  if (post.author.role !== 'tutor' && post.author.id !== accept.tutorId) return '';
  return html` <span class="label label-tutor" data-tutor-badge>${ctx.t('question.tutorBadge')}</span>`;
}

function header(ctx: PageContext, post: PostDto, pc: PostContext) {
  const { t } = ctx;
  const answered = post.replyTo === null ? undefined : pc.numbers.get(post.replyTo);
  return html`<header class="post-header">
    <h2 class="h6 mb-0 post-author" id="post-${post.number}-author">${post.author.displayName}
      <span class="fw-normal text-secondary">@${post.author.handle}</span>${tutorBadge(ctx, post, pc)}</h2>
    <p class="small text-secondary mb-0">
      <a href="#post-${post.number}" class="post-number" aria-label="${t('post.permalink', { number: post.number })}">#${post.number}</a>
      · ${timeTag(ctx, post.createdAt)}
      ${post.editedAt ? html`· <a href="/messaggi/${post.id}/versioni">${t('post.edited')}</a>` : ''}
      ${answered ? html`· <a href="#post-${answered}">${t('post.inReplyTo', { number: answered })}</a>` : ''}
      ${post.author.id === pc.viewerId ? '' : html`· ${writePrivatelyLink(ctx, post.author)}`}
    </p>
  </header>`;
}

/** What the live client compares an event with, to know whether the post shown is out of date. */
const liveState = (post: PostDto) => (post.deleted ? 'deleted' : post.hidden ? 'hidden' : 'shown');

/**
 * One post as `<article id="post-N">`: its sanitized body and what the reader may do with it.
 * Also sent alone, to the live client bringing an edited or deleted post up to date in place.
 */
export function postArticleElement(ctx: PageContext, post: PostDto, pc: PostContext) {
  const { t } = ctx;
  const withheld = post.deleted || (post.hidden && post.bodyHtml === '');
  const isNew = pc.firstUnread !== null && post.number >= pc.firstUnread;
  return html`<article id="post-${post.number}" class="post${isNew ? ' post-new' : ''}${post.hidden ? ' post-hidden' : ''}" aria-labelledby="post-${post.number}-author"
      data-post-id="${post.id}" data-post-state="${liveState(post)}" data-edited-at="${post.editedAt ?? ''}">
      ${header(ctx, post, pc)}
      ${post.hidden && !withheld ? html`<p class="post-hidden-note small mb-2">${t('post.hiddenNote')}</p>` : ''}
      ${
        withheld
          ? tombstone(ctx, post)
          : // The body was rendered from Markdown and passed the sanitizer when it was saved.
            html`<div class="post-body">${raw(post.bodyHtml)}</div>`
      }
      ${acceptControl(ctx, post, pc)}
      ${post.deleted ? '' : postActions(ctx, post, pc)}
    </article>`;
}

/** One post in the thread's list, after the "unread from here" divider when it is the first unread. */
export function postArticle(ctx: PageContext, post: PostDto, pc: PostContext) {
  const { t } = ctx;
  return html`<li>
    ${pc.firstUnread === post.number ? html`<p class="unread-divider" id="unread"><span>${t('post.unreadDivider')}</span></p>` : ''}
    ${postArticleElement(ctx, post, pc)}
  </li>`;
}
