import type { MessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { postHref } from '../forum/post-lookup.js';
import { html, raw, type SafeHtml } from '../ui/html.js';
import { timeTag } from '../ui/time.js';

const SECTIONS: Array<{ href: string; key: MessageKey }> = [
  { href: '/moderazione', key: 'moderation.flags' },
  { href: '/moderazione/revisione', key: 'moderation.review' },
  { href: '/moderazione/registro', key: 'moderation.audit' },
];

/** Every moderation page: its title, the sections as tabs-looking links, then its content. */
export function moderationFrame(ctx: PageContext, title: string, intro: string, body: SafeHtml) {
  return html`<p class="mb-1 text-secondary">${ctx.t('moderation.title')}</p>
    <h1 class="mb-2">${title}</h1>
    <p class="lead mb-4">${intro}</p>
    <nav aria-label="${ctx.t('moderation.sections')}" class="mb-4">
      <ul class="nav nav-tabs admin-tabs">
        ${SECTIONS.map((s) => {
          const current = ctx.path === s.href;
          return html`<li class="nav-item"><a class="nav-link${current ? ' active' : ''}" href="${s.href}"${current ? html` aria-current="page"` : ''}>${ctx.t(s.key)}</a></li>`;
        })}
      </ul>
    </nav>
    ${body}`;
}

export interface FlagView {
  id: number;
  reason: string;
  createdAt: string;
  flagger: { displayName: string };
  post: { id: number; number: number; bodyHtml: string; hidden: boolean; author: { displayName: string } };
  thread: { id: number; title: string };
}

function flagItem(ctx: PageContext, flag: FlagView) {
  const { t } = ctx;
  const action = `/moderazione/segnalazioni/${flag.id}`;
  return html`<li class="flag-item card card-bg no-after mb-4"><article class="card-body" aria-labelledby="flag-${flag.id}-title">
    <h2 class="h5 mb-1" id="flag-${flag.id}-title"><a href="${postHref(flag.thread.id, flag.post.number)}">${flag.thread.title} · #${flag.post.number}</a></h2>
    <p class="small text-secondary mb-2">${t('moderation.flaggedBy', { name: flag.flagger.displayName })} · ${timeTag(ctx, flag.createdAt)}
      ${flag.post.hidden ? html` · <strong>${t('moderation.alreadyHidden')}</strong>` : ''}</p>
    <p class="mb-2"><strong>${t('moderation.reason')}</strong> ${flag.reason}</p>
    <figure class="post-excerpt mb-3">
      <figcaption class="small text-secondary mb-1">${t('moderation.postBy', { name: flag.post.author.displayName })}</figcaption>
      <div class="post-body">${
        // The post's body as saved, which passed the sanitizer.
        raw(flag.post.bodyHtml)
      }</div>
    </figure>
    <div class="d-flex flex-wrap gap-2">
      <form method="post" action="${action}"><input type="hidden" name="action" value="hide">
        <button type="submit" class="btn btn-danger btn-sm">${t('moderation.resolveHide')}</button></form>
      <form method="post" action="${action}"><input type="hidden" name="action" value="dismiss">
        <button type="submit" class="btn btn-outline-primary btn-sm">${t('moderation.resolveDismiss')}</button></form>
    </div>
  </article></li>`;
}

export function flagsPage(ctx: PageContext, flags: readonly FlagView[], moreHref: string | null) {
  const { t } = ctx;
  return moderationFrame(
    ctx,
    t('moderation.flags'),
    t('moderation.flagsIntro'),
    html`${
      flags.length
        ? html`<ul class="list-unstyled">${flags.map((flag) => flagItem(ctx, flag))}</ul>`
        : html`<p>${t('moderation.noFlags')}</p>`
    }
    ${moreHref ? html`<p><a class="btn btn-outline-primary btn-sm" href="${moreHref}">${t('moderation.moreFlags')}</a></p>` : ''}`,
  );
}
