import type { PostDto, ThreadDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { notice } from '../ui/alerts.js';
import { html, raw } from '../ui/html.js';
import { icon } from '../ui/icon.js';
import { threadPagination } from '../ui/pagination.js';
import { timeTag } from '../ui/time.js';
import { type ComposerState, composerError, composerFields } from './composer.view.js';
import { type PostContext, postArticle } from './post.view.js';
import { POSTS_PER_PAGE, postHref } from './post-lookup.js';
import { type ToolsView, threadTools } from './thread-tools.view.js';

export interface ThreadView extends ToolsView {
  table: { id: number; name: string };
  posts: readonly PostDto[];
  after: number;
  canReply: boolean;
  firstUnread: number | null;
  composer: ComposerState & { replyTo: number | null };
  acceptedAnswer: PostDto | null;
  canAccept: boolean;
}

function breadcrumb(ctx: PageContext, view: ThreadView) {
  const { t } = ctx;
  return html`<nav class="breadcrumb-container" aria-label="${t('layout.breadcrumb')}">
    <ol class="breadcrumb p-0 mb-2">
      <li class="breadcrumb-item"><a href="/tavoli">${t('nav.tables')}</a><span class="separator">/</span></li>
      <li class="breadcrumb-item"><a href="/tavoli/${view.table.id}">${view.table.name}</a></li>
    </ol>
  </nav>`;
}

function heading(ctx: PageContext, thread: ThreadDto, areaName: string) {
  const { t } = ctx;
  return html`<div class="d-flex flex-wrap gap-2 mb-2 small">
      ${thread.pinned ? html`<span class="label label-pinned">${icon('pin', 'icon-xs me-1')}${t('thread.pinned')}</span>` : ''}
      ${thread.locked ? html`<span class="label label-locked">${icon('locked', 'icon-xs me-1')}${t('thread.locked')}</span>` : ''}
      <span class="label">${t(`threadKind.${thread.kind}`)}</span>
      ${
        thread.question
          ? html`<span class="label label-question-${thread.question.status}" data-question-status="${thread.question.status}">
              <span class="visually-hidden">${t('question.statusLabel')}: </span>${t(`question.status.${thread.question.status}`)}</span>`
          : ''
      }
      <a class="label label-area" href="/aree/${thread.focusArea}">${areaName}</a>
    </div>
    <h1 class="mb-2 thread-heading">${thread.title}</h1>
    <p class="text-secondary mb-3">${t('threads.startedBy', { name: thread.author.displayName })} · ${timeTag(ctx, thread.createdAt)}</p>
    ${questionHolder(ctx, thread)}`;
}

/** Who follows a question, for the asker and everyone else; the holder may hand it back. */
function questionHolder(ctx: PageContext, thread: ThreadDto) {
  const { t } = ctx;
  const question = thread.question;
  if (!question || question.status === 'resolved') return '';
  const holder = question.assignedTutor;
  const handBack =
    holder && holder.id === ctx.user?.id
      ? html`<form method="post" action="/discussioni/${thread.id}/restituisci" class="d-inline ms-2">
          <button type="submit" class="btn btn-xs btn-outline-secondary" aria-describedby="hand-back-note">${t('question.handBack')}</button>
          <span id="hand-back-note" class="visually-hidden">${t('question.handBackNote')}</span>
        </form>`
      : '';
  return html`<p class="mb-3" data-question-holder>${icon('user', 'icon-xs me-1')}${holder ? t('question.assignedTo', { name: holder.displayName }) : t('question.unassigned')}${handBack}</p>`;
}

function composer(ctx: PageContext, view: ThreadView) {
  const { t } = ctx;
  const { thread } = view;
  const state = view.composer;
  if (!view.canReply) {
    const refusal = notice(thread.locked ? t('thread.lockedNotice') : t('thread.membersOnly'));
    // Locked while someone was writing: give the words back so they are not lost.
    return state.error && state.body
      ? html`${refusal}${composerError(ctx, 'reply', state.error)}
          <div class="form-group"><label for="reply-unsent" class="active">${t('composer.unsent')}</label>
          <textarea id="reply-unsent" class="form-control" rows="6" readonly>${state.body}</textarea></div>`
      : refusal;
  }
  const replyNumber = view.posts.find((p) => p.id === state.replyTo)?.number;
  return html`${composerError(ctx, 'reply', state.error)}
    <form method="post" action="/discussioni/${thread.id}/risposte" id="reply" novalidate data-composer data-draft-url="/api/threads/${thread.id}/draft">
      <input type="hidden" name="after" value="${view.after}">
      <input type="hidden" name="replyTo" value="${state.replyTo ?? ''}" data-reply-to>
      ${
        state.replyTo
          ? html`<p class="small mb-0" data-reply-note>${replyNumber ? t('composer.replyingTo', { number: replyNumber }) : t('composer.replyingToPost')}
              <a href="${view.pageHref}#composer">${t('composer.cancelReplyTo')}</a></p>`
          : ''
      }
      ${thread.slowModeMinutes ? html`<p class="small text-secondary">${t('thread.slowModeNote', { minutes: thread.slowModeMinutes })}</p>` : ''}
      ${composerFields(ctx, { formId: 'reply', label: t('composer.replyLabel'), submitLabel: t('composer.replySubmit'), state, tableId: thread.tableId, uploadAction: `/discussioni/${thread.id}/allegati` })}
    </form>
    ${thread.locked ? html`<p class="small text-secondary mt-2">${t('thread.lockedModeratorNote')}</p>` : ''}`;
}

/** The accepted answer, repeated right under the question so readers find it without scrolling. */
function acceptedAnswer(ctx: PageContext, thread: ThreadDto, post: PostDto) {
  const { t } = ctx;
  const withheld = post.deleted || (post.hidden && post.bodyHtml === '');
  return html`<li>
    <section class="post accepted-answer" aria-labelledby="accepted-answer-title" data-accepted-answer="${post.number}">
      <h2 class="h6 mb-1" id="accepted-answer-title">${icon('check-circle', 'icon-xs me-1')}${t('question.acceptedTitle')}</h2>
      <p class="small text-secondary mb-2">${t('question.acceptedBy', { name: post.author.displayName })} ·
        <a href="${postHref(thread.id, post.number)}">${t('question.acceptedGoTo', { number: post.number })}</a></p>
      ${
        withheld
          ? ''
          : // Sanitized when the post was saved, like every post body.
            html`<div class="post-body">${raw(post.bodyHtml)}</div>`
      }
    </section>
  </li>`;
}

/** What the posts of one thread page are rendered with, on the page and one by one for the live client. */
export type PostListView = Pick<
  ThreadView,
  'thread' | 'posts' | 'moderates' | 'canReply' | 'pageHref' | 'firstUnread' | 'canAccept'
>;

export function postContextOf(ctx: PageContext, view: PostListView): PostContext {
  const { thread } = view;
  return {
    viewerId: ctx.user?.id ?? 0,
    moderates: view.moderates,
    canReply: view.canReply,
    pageHref: view.pageHref,
    numbers: new Map(view.posts.map((p) => [p.id, p.number])),
    firstUnread: view.firstUnread,
    accept: thread.question
      ? {
          threadId: thread.id,
          allowed: view.canAccept,
          acceptedPostId: thread.question.acceptedPostId,
          askerId: thread.author.id,
          tutorId: thread.question.assignedTutorId,
        }
      : null,
  };
}

/** The thread: its posts one page at a time, the reader's tools, and the reply composer at the bottom. */
export function threadPage(ctx: PageContext, view: ThreadView) {
  const { t } = ctx;
  const { thread } = view;
  const pagination = threadPagination(ctx, {
    threadId: thread.id,
    after: view.after,
    lastPostNumber: thread.lastPostNumber,
    label: t('thread.pages'),
  });
  const postContext = postContextOf(ctx, view);
  const accepted = view.acceptedAnswer;
  const items = view.posts.map((post) => {
    const article = postArticle(ctx, post, postContext);
    return post.number === 1 && accepted ? html`${article}${acceptedAnswer(ctx, thread, accepted)}` : article;
  });
  return html`${breadcrumb(ctx, view)}
    ${heading(ctx, thread, view.focusAreas.get(thread.focusArea) ?? thread.focusArea)}
    ${threadTools(ctx, view)}
    <div data-thread-id="${thread.id}" data-last-post-number="${thread.lastPostNumber}" data-page-size="${POSTS_PER_PAGE}"
      data-page-after="${view.after}" data-live-one="${t('live.oneReply')}" data-live-many="${t('live.replies')}"
      data-live-show="${t('live.show')}" data-live-changed="${t('live.postChanged')}" data-live-deleted="${t('live.postDeleted')}">
      ${pagination}
      <ol class="post-list list-unstyled">${items}</ol>
      ${pagination}
      <div class="live-updates" aria-live="polite" data-live-bar></div>
      <p class="visually-hidden" aria-live="polite" data-live-changes></p>
    </div>
    <section id="composer" class="composer-section mt-4" aria-labelledby="composer-title" tabindex="-1">
      <h2 class="h4" id="composer-title">${t('composer.replyTitle')}</h2>
      ${composer(ctx, view)}
    </section>`;
}
