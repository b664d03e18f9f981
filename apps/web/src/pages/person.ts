import type { getProfileByHandle } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html } from '../html.js';

export type Profile = Awaited<ReturnType<typeof getProfileByHandle>>;

/** A person as others see them: where mentions of `@handle` lead. */
export function personPage(ctx: PageContext, profile: Profile) {
  const { t } = ctx;
  return html`<h1 class="mb-4">${profile.displayName}</h1>
    <dl class="row">
      <dt class="col-sm-3">${t('person.handle')}</dt><dd class="col-sm-9">@${profile.handle}</dd>
      <dt class="col-sm-3">${t('person.role')}</dt><dd class="col-sm-9">${t(`role.${profile.role}`)}</dd>
      <dt class="col-sm-3">${t('person.ente')}</dt><dd class="col-sm-9">${profile.enteName ?? t('person.noEnte')}</dd>
    </dl>`;
}
