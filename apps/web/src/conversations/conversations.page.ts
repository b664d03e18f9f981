import type { ConversationMessageDto, ConversationPageDto, ConversationSummaryDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { type ComposerState, composerError, composerFields } from '../forum/composer.view.js';
import { errorIdFor, field, requiredNote } from '../ui/form.js';
import { attr, html, raw } from '../ui/html.js';
import { icon } from '../ui/icon.js';
import { timeTag } from '../ui/time.js';

export interface ConversationListView {
  items: readonly ConversationSummaryDto[];
  moreHref: string | null;
  firstHref: string | null;
  viewerId: number;
}

function summary(ctx: PageContext, c: ConversationSummaryDto, viewerId: number) {
  const { t } = ctx;
  const others = c.people.filter((p) => p.id !== viewerId).map((p) => p.displayName);
  return html`<li class="thread-item${c.unreadCount ? ' conversation-unread' : ''}" data-conversation="${c.id}">
    <p class="mb-1 thread-title"><a href="/conversazioni/${c.id}">${c.title}</a>
      ${c.unreadCount ? html`<span class="count-badge ms-2">${t('conversations.unread', { count: c.unreadCount })}</span>` : ''}
      ${c.isQuestion ? html`<span class="label label-tutor ms-2">${t('conversations.questionBadge')}</span>` : ''}</p>
    <p class="small mb-0">${t('conversations.with', { people: others.join(', ') })}</p>
    <p class="small text-secondary mb-0">${icon('clock', 'icon-xs me-1')}${t('conversations.lastMessage')} ${timeTag(ctx, c.lastMessageAt)}</p>
  </li>`;
}

/** One's conversations, the most recent first, with what waits unread. */
export function conversationListPage(ctx: PageContext, view: ConversationListView) {
  const { t } = ctx;
  return html`<h1 class="mb-2">${t('conversations.title')}</h1>
    <p class="lead mb-3">${t('conversations.intro')}</p>
    <p class="mb-4"><a class="btn btn-primary" href="/conversazioni/nuova">${icon('plus', 'icon-sm icon-white me-1')}${t('conversations.new')}</a></p>
    ${
      view.items.length
        ? html`<ul class="list-unstyled thread-list" data-conversations>${view.items.map((c) => summary(ctx, c, view.viewerId))}</ul>`
        : html`<p data-conversations-empty>${t('conversations.empty')}</p>`
    }
    <nav class="d-flex flex-wrap gap-3" aria-label="${t('conversations.pages')}">
      ${view.firstHref ? html`<a href="${view.firstHref}">${t('conversations.first')}</a>` : ''}
      ${view.moreHref ? html`<a class="btn btn-outline-primary btn-sm" href="${view.moreHref}" rel="next">${t('conversations.more')}</a>` : ''}
    </nav>`;
}

export interface NewConversationInput {
  recipients: string;
  title: string;
  isQuestion: boolean;
}

const NEW_FORM = 'new-conversation';

/** To whom, about what, the first message, and whether it is a question for a tutor. */
export function newConversationPage(ctx: PageContext, input: NewConversationInput, composer: ComposerState) {
  const { t } = ctx;
  const error = composer.error;
  return html`<p class="mb-1"><a href="/conversazioni">${t('conversations.back')}</a></p>
    <h1 class="mb-3">${t('conversations.newTitle')}</h1>
    <p class="lead mb-4">${t('conversations.newIntro')}</p>
    <div class="row"><div class="col-12 col-lg-9">
    ${composerError(ctx, NEW_FORM, error)}
    <form method="post" action="/conversazioni" id="${NEW_FORM}" novalidate data-composer>
      ${requiredNote(ctx)}
      ${field(ctx, {
        id: `${NEW_FORM}-recipients`,
        name: 'recipients',
        label: t('conversations.recipients'),
        value: input.recipients,
        required: true,
        autocomplete: 'off',
        hint: t('conversations.recipientsHint'),
        errorId: errorIdFor(NEW_FORM, error, 'recipients'),
      })}
      ${field(ctx, {
        id: `${NEW_FORM}-title`,
        name: 'title',
        label: t('conversations.titleField'),
        value: input.title,
        maxlength: 200,
        hint: t('conversations.titleHint'),
        errorId: errorIdFor(NEW_FORM, error, 'title'),
      })}
      <div class="form-check mb-4">
        <input type="checkbox" id="${NEW_FORM}-question" name="isQuestion" value="1" aria-describedby="${NEW_FORM}-question-hint"${attr('checked', input.isQuestion)}>
        <label for="${NEW_FORM}-question">${t('conversations.isQuestion')}</label>
        <small id="${NEW_FORM}-question-hint" class="form-text d-block">${t('conversations.isQuestionHint')}</small>
      </div>
      ${composerFields(ctx, {
        formId: NEW_FORM,
        label: t('conversations.message'),
        submitLabel: t('conversations.send'),
        state: composer,
        drafts: false,
      })}
    </form>
    </div></div>`;
}

/** One message as `<article id="m-N">`; conversation.js builds new ones the same way. */
function messageItem(ctx: PageContext, m: ConversationMessageDto) {
  const { t } = ctx;
  return html`<li>
    <article id="m-${m.id}" class="conversation-message post" aria-labelledby="m-${m.id}-author" data-message-id="${m.id}">
      <header class="post-header">
        <h3 class="h6 mb-0 post-author" id="m-${m.id}-author">${
          m.author
            ? html`${m.author.displayName} <span class="fw-normal text-secondary">@${m.author.handle}</span>`
            : t('conversations.formerMember')
        }</h3>
        <p class="small text-secondary mb-0">${timeTag(ctx, m.createdAt)}</p>
      </header>
      <div class="post-body">${
        // The body was rendered from Markdown and passed the sanitizer when the message was written.
        raw(m.bodyHtml)
      }</div>
    </article>
  </li>`;
}

function members(ctx: PageContext, page: ConversationPageDto) {
  const { t } = ctx;
  return html`<section class="mb-4" aria-labelledby="conversation-members">
    <h2 class="h5" id="conversation-members">${t('conversations.members')}</h2>
    <ul class="list-inline mb-0" data-members>${page.conversation.members.map(
      (m) => html`<li class="list-inline-item me-3"${m.left ? html` data-left` : ''}>
        <a href="/u/${encodeURIComponent(m.handle)}">${m.displayName}</a>
        ${m.left ? html`<span class="small text-secondary">(${t('conversations.left')})</span>` : ''}
        ${m.calledIn ? html`<span class="label label-tutor">${t('conversations.calledIn')}</span>` : ''}
      </li>`,
    )}</ul>
  </section>`;
}

export interface ConversationView {
  page: ConversationPageDto;
  /** Showing the page before a cursor: no live messages are added there. */
  older: boolean;
  composer: ComposerState;
  flagError?: string | null;
  flagReason?: string;
}

const REPLY_FORM = 'reply';

/** A conversation: who is in it, its messages oldest first, a reply form, and leaving or calling a moderator. */
export function conversationPage(ctx: PageContext, view: ConversationView) {
  const { t } = ctx;
  const { page } = view;
  const id = page.conversation.id;
  const newest = page.messages.at(-1)?.id ?? 0;
  return html`<p class="mb-1"><a href="/conversazioni">${t('conversations.back')}</a></p>
    <h1 class="mb-2">${page.conversation.title}</h1>
    ${page.conversation.isQuestion ? html`<p><span class="label label-tutor">${t('conversations.questionBadge')}</span></p>` : ''}
    ${members(ctx, page)}
    <section aria-labelledby="conversation-messages" data-conversation-id="${id}" data-newest-message="${newest}"${
      view.older ? html` data-older-page` : html` data-live-room="conversation:${id}"`
    } data-live-new="${t('conversations.liveNew', { name: '{name}' })}" data-time-zone="${ctx.user?.timezone ?? 'Europe/Rome'}">
      <h2 class="h5" id="conversation-messages">${t('conversations.messages')}</h2>
      <nav class="mb-3 d-flex gap-3" aria-label="${t('conversations.older')}">
        ${page.olderCursor ? html`<a href="/conversazioni/${id}?prima=${encodeURIComponent(page.olderCursor)}" rel="prev">${t('conversations.older')}</a>` : ''}
        ${view.older ? html`<a href="/conversazioni/${id}">${t('conversations.newest')}</a>` : ''}
      </nav>
      ${page.messages.length ? '' : html`<p>${t('conversations.noMessages')}</p>`}
      <ol class="list-unstyled post-list" data-conversation-messages>${page.messages.map((m) => messageItem(ctx, m))}</ol>
      <p class="visually-hidden" role="status" aria-live="polite" data-live-announce></p>
    </section>
    <section class="mt-4" aria-labelledby="${REPLY_FORM}-title">
      <h2 class="h5" id="${REPLY_FORM}-title">${t('conversations.reply')}</h2>
      ${composerError(ctx, REPLY_FORM, view.composer.error)}
      <form method="post" action="/conversazioni/${id}/messaggi" id="${REPLY_FORM}" novalidate data-composer>
        ${composerFields(ctx, {
          formId: REPLY_FORM,
          label: t('conversations.replyLabel'),
          submitLabel: t('conversations.send'),
          state: view.composer,
          rows: 5,
          drafts: false,
        })}
      </form>
    </section>
    <div class="mt-5 d-flex flex-wrap gap-4 align-items-start">
      <form method="post" action="/conversazioni/${id}/lascia">
        <button type="submit" class="btn btn-outline-danger btn-sm">${t('conversations.leave')}</button>
      </form>
      ${flagForm(ctx, id, view)}
    </div>`;
}

function flagForm(ctx: PageContext, id: number, view: ConversationView) {
  const { t } = ctx;
  const failed = Boolean(view.flagError);
  return html`<details class="conversation-flag"${failed ? html` open` : ''}>
    <summary class="btn btn-outline-secondary btn-sm">${t('conversations.flag')}</summary>
    <form method="post" action="/conversazioni/${id}/segnala" class="mt-3" id="flag">
      <p class="small">${t('conversations.flagIntro')}</p>
      ${failed ? html`<div class="alert alert-danger" id="flag-error" role="alert"><p class="mb-0">${view.flagError}</p></div>` : ''}
      <div class="form-group">
        <label for="flag-reason" class="active">${t('conversations.flagReason')}<span class="required-mark" aria-hidden="true">*</span></label>
        <textarea id="flag-reason" name="reason" rows="3" class="form-control${failed ? ' is-invalid' : ''}" required maxlength="1000"${
          failed ? html` aria-invalid="true" aria-describedby="flag-error"` : ''
        }>${view.flagReason ?? ''}</textarea>
      </div>
      <button type="submit" class="btn btn-secondary btn-sm">${t('conversations.flagSubmit')}</button>
    </form>
  </details>`;
}
