import type { ActivityDto, DirectoryEntryDto, getProfileByHandle } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { writePrivatelyLink } from '../conversations/write-link.view.js';
import { cvView, type Vocabularies } from '../cv/cv.view.js';
import { postHref } from '../forum/post-lookup.js';
import { section } from '../ui/cards.js';
import { html } from '../ui/html.js';
import { timeTag } from '../ui/time.js';

export type Profile = Awaited<ReturnType<typeof getProfileByHandle>>;

function recentPosts(ctx: PageContext, posts: readonly ActivityDto[]) {
  const { t } = ctx;
  if (posts.length === 0) return html`<p>${t('person.noPosts')}</p>`;
  return html`<ul class="list-unstyled thread-list mb-0">${posts.map(
    (p) => html`<li class="thread-item" data-person-post="${p.postId}">
      <p class="mb-1 thread-title"><a href="${postHref(p.threadId, p.postNumber)}">${p.threadTitle}</a></p>
      <p class="small text-secondary mb-0">${t(p.opensThread ? 'person.opened' : 'person.replied')} ·
        <a href="/tavoli/${p.table.id}">${p.table.name}</a> · ${timeTag(ctx, p.createdAt)}</p>
    </li>`,
  )}</ul>`;
}

/** Their CV as the directory shows it, given only while they hold the current Liberatoria. */
function cvSection(ctx: PageContext, cv: { entry: DirectoryEntryDto; vocabularies: Vocabularies }) {
  const { t } = ctx;
  return section(
    'person-cv',
    t('person.cv'),
    html`${cvView(ctx, cv.entry.cv, cv.vocabularies, 3)}
      <p class="mt-3"><a href="/competenze/${cv.entry.person.id}">${t('person.cvEntry')}</a></p>`,
  );
}

/** A person as others see them, with their CV if the directory shows it and their recent posts: where mentions of `@handle` lead. */
export function personPage(
  ctx: PageContext,
  profile: Profile,
  posts: readonly ActivityDto[],
  cv: { entry: DirectoryEntryDto; vocabularies: Vocabularies } | null = null,
) {
  const { t } = ctx;
  return html`<h1 class="mb-4">${profile.displayName}</h1>
    <dl class="row">
      <dt class="col-sm-3">${t('person.handle')}</dt><dd class="col-sm-9">@${profile.handle}</dd>
      <dt class="col-sm-3">${t('person.role')}</dt><dd class="col-sm-9">${t(`role.${profile.role}`)}</dd>
      <dt class="col-sm-3">${t('person.ente')}</dt><dd class="col-sm-9">${profile.enteName ?? t('person.noEnte')}</dd>
    </dl>
    ${ctx.user && ctx.user.id !== profile.id ? html`<p class="mb-4">${writePrivatelyLink(ctx, profile, 'btn btn-outline-primary btn-sm')}</p>` : ''}
    ${cv ? cvSection(ctx, cv) : ''}
    ${section('person-posts', t('person.recentPosts'), recentPosts(ctx, posts))}`;
}
