import type { PostDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html } from '../ui/html.js';
import { icon } from '../ui/icon.js';

export interface PostActionsContext {
  viewerId: number;
  moderates: boolean;
  canReply: boolean;
  /** This page's address (without the anchor), where the actions come back to. */
  pageHref: string;
}

const back = (pc: PostActionsContext, post: PostDto) =>
  html`<input type="hidden" name="next" value="${pc.pageHref}#post-${post.number}">`;

function likeControl(ctx: PageContext, post: PostDto, pc: PostActionsContext) {
  const { t } = ctx;
  const count = post.reactions.like;
  if (post.author.id === pc.viewerId || post.hidden) {
    return count ? html`<span class="small text-secondary">${t('post.likes', { count })}</span>` : '';
  }
  return html`<form method="post" action="/messaggi/${post.id}/mi-piace" class="d-inline">
    ${back(pc, post)}<input type="hidden" name="liked" value="${post.likedByMe ? '0' : '1'}">
    <button type="submit" class="btn btn-xs ${post.likedByMe ? 'btn-primary' : 'btn-outline-primary'}" aria-pressed="${post.likedByMe ? 'true' : 'false'}">
      ${icon(post.likedByMe ? 'star-full' : 'star-outline', 'icon-xs me-1')}${t('post.like')}
      <span class="visually-hidden">,</span> <span data-like-count>${count}</span>
    </button>
  </form>`;
}

function flagForm(ctx: PageContext, post: PostDto, pc: PostActionsContext) {
  const { t } = ctx;
  const id = `flag-${post.id}`;
  return html`<details class="post-flag">
    <summary class="btn btn-xs btn-outline-secondary">${icon('flag', 'icon-xs me-1')}${t('post.flag')}</summary>
    <form method="post" action="/messaggi/${post.id}/segnala" class="mt-2">
      ${back(pc, post)}
      <div class="form-group mt-3 mb-2">
        <label for="${id}-reason" class="active">${t('flag.reason')}</label>
        <textarea id="${id}-reason" name="reason" rows="2" class="form-control" required maxlength="500"></textarea>
      </div>
      <button type="submit" class="btn btn-xs btn-danger">${t('flag.submit')}</button>
    </form>
  </details>`;
}

function moderatorHide(ctx: PageContext, post: PostDto, pc: PostActionsContext) {
  const { t } = ctx;
  return html`<form method="post" action="/messaggi/${post.id}/nascondi" class="d-inline">
    ${back(pc, post)}<input type="hidden" name="hidden" value="${post.hidden ? '0' : '1'}">
    ${
      post.hidden
        ? ''
        : html`<label class="visually-hidden" for="hide-reason-${post.id}">${t('moderation.reasonField')}</label>
      <input type="text" id="hide-reason-${post.id}" name="reason" maxlength="500" class="form-control form-control-sm d-inline-block w-auto" placeholder="${t('moderation.reasonField')}">`
    }
    <button type="submit" class="btn btn-xs btn-outline-danger">${post.hidden ? t('post.unhide') : t('post.hide')}</button>
  </form>`;
}

/** Like, reply, quote, edit, delete, flag, hide: each a plain link or form, shown to whoever may use it. */
export function postActions(ctx: PageContext, post: PostDto, pc: PostActionsContext) {
  const { t } = ctx;
  const own = post.author.id === pc.viewerId;
  // Hidden posts can be neither quoted nor flagged again, even by those who still see them.
  const readable = post.bodyHtml !== '' && !post.hidden;
  // Replying and quoting stay on this page, so the post answered remains in view above the composer.
  const compose = (param: string) =>
    `${pc.pageHref}${pc.pageHref.includes('?') ? '&' : '?'}${param}=${post.id}#composer`;
  return html`<footer class="post-actions">
    ${likeControl(ctx, post, pc)}
    ${
      pc.canReply && readable
        ? html`<a class="btn btn-xs btn-outline-primary" href="${compose('rispondi')}">${icon('comment', 'icon-xs me-1')}${t('post.reply')}</a>
          <a class="btn btn-xs btn-outline-primary" href="${compose('cita')}" data-quote="${post.id}">${t('post.quote')}</a>`
        : ''
    }
    ${(own && !post.hidden) || pc.moderates ? html`<a class="btn btn-xs btn-outline-primary" href="/messaggi/${post.id}/modifica">${icon('pencil', 'icon-xs me-1')}${t('post.edit')}</a>` : ''}
    ${own || pc.moderates ? html`<a class="btn btn-xs btn-outline-danger" href="/messaggi/${post.id}/elimina">${icon('delete', 'icon-xs me-1')}${t('post.delete')}</a>` : ''}
    ${pc.moderates ? moderatorHide(ctx, post, pc) : ''}
    ${own || !readable ? '' : flagForm(ctx, post, pc)}
  </footer>`;
}
