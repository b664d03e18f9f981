import type { PostDto, ThreadDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { errorIdFor, type FormError, formErrorMessage } from '../ui/form.js';
import { html, raw, type SafeHtml } from '../ui/html.js';
import { timeTag } from '../ui/time.js';
import { type ComposerState, composerError, composerFields } from './composer.view.js';
import { postHref } from './post-lookup.js';
import { revisionDiff } from './revision-diff.view.js';

export interface PostPageView {
  thread: ThreadDto;
  post: PostDto;
}

/** The frame of the pages about one post: where it is, a heading, and the way back. */
export function postFrame(ctx: PageContext, view: PostPageView, title: string, body: SafeHtml) {
  const { t } = ctx;
  return html`<p class="mb-1"><a href="${postHref(view.thread.id, view.post.number)}">${t('post.backToThread', { title: view.thread.title })}</a></p>
    <h1 class="mb-4">${title}</h1>
    ${body}`;
}

/** The post as it stands, for the reader to check before acting on it. */
export const quotedPost = (ctx: PageContext, post: PostDto) =>
  html`<figure class="post-excerpt mb-4">
    <figcaption class="small text-secondary mb-2">${post.author.displayName} · ${timeTag(ctx, post.createdAt)}</figcaption>
    <div class="post-body">${
      // Sanitized when the post was saved.
      raw(post.bodyHtml)
    }</div>
  </figure>`;

export function editPostPage(ctx: PageContext, view: PostPageView, composer: ComposerState) {
  const { t } = ctx;
  const form = 'edit-post';
  return postFrame(
    ctx,
    view,
    t('editPost.title', { number: view.post.number }),
    html`${composerError(ctx, form, composer.error)}
      <form method="post" action="/messaggi/${view.post.id}/modifica" id="${form}" novalidate data-composer>
        ${composerFields(ctx, { formId: form, label: t('editPost.body'), submitLabel: t('editPost.submit'), state: composer, rows: 12, tableId: view.thread.tableId, drafts: false, uploadAction: `/messaggi/${view.post.id}/allegati` })}
      </form>
      <p class="mt-3"><a href="${postHref(view.thread.id, view.post.number)}">${t('common.cancel')}</a></p>`,
  );
}

export function deletePostPage(ctx: PageContext, view: PostPageView) {
  const { t } = ctx;
  return postFrame(
    ctx,
    view,
    t('deletePost.title', { number: view.post.number }),
    html`<p>${t('deletePost.intro')}</p>
      ${quotedPost(ctx, view.post)}
      <form method="post" action="/messaggi/${view.post.id}/elimina" class="d-flex flex-wrap gap-3 align-items-center">
        <button type="submit" class="btn btn-danger">${t('deletePost.submit')}</button>
        <a href="${postHref(view.thread.id, view.post.number)}">${t('common.cancel')}</a>
      </form>`,
  );
}

export function flagPostPage(
  ctx: PageContext,
  view: PostPageView,
  input: { reason: string; error?: FormError | null },
) {
  const { t } = ctx;
  const form = 'flag';
  const errorId = errorIdFor(form, input.error, 'reason');
  return postFrame(
    ctx,
    view,
    t('flag.title', { number: view.post.number }),
    html`<p>${t('flag.intro')}</p>
      ${quotedPost(ctx, view.post)}
      ${formErrorMessage(ctx, form, input.error)}
      <form method="post" action="/messaggi/${view.post.id}/segnala" id="${form}" novalidate>
        <div class="form-group">
          <label for="flag-reason" class="active">${t('flag.reason')}<span class="required-mark" aria-hidden="true">*</span></label>
          <textarea id="flag-reason" name="reason" rows="3" class="form-control${errorId ? ' is-invalid' : ''}" required maxlength="500"${
            errorId ? html` aria-describedby="${errorId}" aria-invalid="true"` : ''
          }>${input.reason}</textarea>
        </div>
        <button type="submit" class="btn btn-danger">${t('flag.submit')}</button>
      </form>`,
  );
}

export interface RevisionView {
  revision: number;
  /** The Markdown as typed, to show what the next edit changed. */
  body: string;
  bodyHtml: string;
  writtenAt: string;
  replacedAt: string;
  editor: { displayName: string } | null;
}

/** Every earlier version of a post, newest first, after the current one. */
export function historyPage(ctx: PageContext, view: PostPageView, revisions: readonly RevisionView[]) {
  const { t } = ctx;
  const current = html`<article class="revision revision-current mb-4" aria-labelledby="revision-current">
    <h2 class="h5" id="revision-current">${t('history.current')}</h2>
    ${view.post.editedAt ? html`<p class="small text-secondary">${t('history.editedAt')} ${timeTag(ctx, view.post.editedAt)}</p>` : ''}
    <div class="post-body">${raw(view.post.bodyHtml)}</div>
  </article>`;
  // Each version is compared with the one that replaced it: the next one, or the current text.
  const nextBody = (index: number) => revisions[index + 1]?.body ?? view.post.body;
  const earlier = revisions
    .map((r, index) => ({ r, diff: revisionDiff(ctx, r.body, nextBody(index), `revision-${r.revision}-changes`) }))
    .reverse()
    .map(
      ({ r, diff }) => html`<article class="revision mb-4" aria-labelledby="revision-${r.revision}">
      <h2 class="h5" id="revision-${r.revision}">${t('history.version', { number: r.revision })}</h2>
      <p class="small text-secondary">${t('history.written')} ${timeTag(ctx, r.writtenAt)} · ${t('history.replaced')} ${timeTag(ctx, r.replacedAt)}${
        r.editor ? html` · ${t('history.editor', { name: r.editor.displayName })}` : ''
      }</p>
      <div class="post-body">${
        // Each version was sanitized when it was saved, like the post itself.
        raw(r.bodyHtml)
      }</div>
      ${diff}
    </article>`,
    );
  return postFrame(
    ctx,
    view,
    t('history.title', { number: view.post.number }),
    html`${current}${revisions.length ? earlier : html`<p>${t('history.none')}</p>`}`,
  );
}
