import type { MessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { html, type SafeHtml } from '../ui/html.js';

const SECTIONS: Array<{ href: string; key: MessageKey }> = [
  { href: '/admin', key: 'admin.overview' },
  { href: '/admin/enti', key: 'admin.enti' },
  { href: '/admin/tavoli', key: 'admin.tables' },
  { href: '/admin/inviti', key: 'admin.invitations' },
  { href: '/admin/utenti', key: 'admin.users' },
  { href: '/admin/tutor', key: 'admin.pools' },
  { href: '/admin/consensi', key: 'admin.consents' },
  { href: '/admin/pagine', key: 'admin.sitePages' },
];

/** Every admin page: its title, the admin sections as tabs-looking links, then its content. */
export function adminFrame(ctx: PageContext, title: string, intro: string, body: SafeHtml) {
  const current = (href: string) =>
    href === '/admin' ? ctx.path === '/admin' : ctx.path === href || ctx.path.startsWith(`${href}/`);
  return html`<p class="mb-1 text-secondary">${ctx.t('admin.title')}</p>
    <h1 class="mb-2">${title}</h1>
    <p class="lead mb-4">${intro}</p>
    <nav aria-label="${ctx.t('admin.sections')}" class="mb-4">
      <ul class="nav nav-tabs admin-tabs">
        ${SECTIONS.map(
          (s) => html`<li class="nav-item">
            <a class="nav-link${current(s.href) ? ' active' : ''}" href="${s.href}"${current(s.href) ? html` aria-current="page"` : ''}>${ctx.t(s.key)}</a>
          </li>`,
        )}
      </ul>
    </nav>
    ${body}`;
}

export const adminOverview = (ctx: PageContext, counts: { enti: number; tables: number }) =>
  adminFrame(
    ctx,
    ctx.t('admin.title'),
    ctx.t('admin.intro'),
    html`<ul class="row list-unstyled">
      ${(
        [
          ['/admin/enti', 'admin.enti', 'admin.entiIntro', counts.enti],
          ['/admin/tavoli', 'admin.tables', 'admin.tablesIntro', counts.tables],
          ['/admin/inviti', 'admin.invitations', 'admin.invitationsIntro', null],
          ['/admin/utenti', 'admin.users', 'admin.usersIntro', null],
          ['/admin/tutor', 'admin.pools', 'admin.poolsIntro', null],
          ['/admin/consensi', 'admin.consents', 'admin.consentsIntro', null],
          ['/admin/pagine', 'admin.sitePages', 'admin.sitePagesIntro', null],
          ['/docs', 'admin.apiDocs', 'admin.apiDocsIntro', null],
        ] as const
      ).map(
        ([href, key, intro, count]) => html`<li class="col-12 col-md-6 mb-4">
          <div class="card card-bg no-after h-100"><div class="card-body">
            <h2 class="card-title h5"><a href="${href}" class="stretched-link">${ctx.t(key)}</a></h2>
            <p class="card-text">${ctx.t(intro)}</p>
            ${count === null ? '' : html`<p class="card-text small text-secondary">${ctx.t('admin.count', { count })}</p>`}
          </div></div>
        </li>`,
      )}
    </ul>`,
  );
