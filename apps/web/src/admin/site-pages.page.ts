import type { getSitePageSources } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { type FormError, formErrorMessage, submit, textarea } from '../ui/form.js';
import { html } from '../ui/html.js';
import { adminFrame } from './frame.view.js';

type Sources = Awaited<ReturnType<typeof getSitePageSources>>;

export function adminSitePagesPage(
  ctx: PageContext,
  pages: Sources,
  failed?: { slug: string; textIt: string; textEn: string; error: FormError },
) {
  const { t } = ctx;
  return adminFrame(
    ctx,
    t('admin.sitePages'),
    t('admin.sitePagesIntro'),
    html`${pages.map((page) => {
      const id = `page-${page.slug}`;
      const mine = failed?.slug === page.slug ? failed : undefined;
      return section(
        `${id}-title`,
        t(`site.${page.slug}`),
        html`${formErrorMessage(ctx, id, mine?.error)}
          <p><a href="/${page.slug}">${t(`site.${page.slug}`)}</a></p>
          <form method="post" action="/admin/pagine/${page.slug}" id="${id}" novalidate>
            ${textarea(ctx, { id: `${id}-it`, name: 'textIt', label: t('admin.sitePageTextIt'), value: mine?.textIt ?? page.textIt, required: true })}
            ${textarea(ctx, { id: `${id}-en`, name: 'textEn', label: t('admin.sitePageTextEn'), value: mine?.textEn ?? page.textEn, required: true })}
            ${submit(t('admin.sitePageSave'))}
          </form>`,
      );
    })}`,
  );
}
