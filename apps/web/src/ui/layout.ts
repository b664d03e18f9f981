import { isStaff } from '@hubspoke/domain';
import type { MessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { flashMessage } from './alerts.js';
import { html, type SafeHtml } from './html.js';
import { icon } from './icon.js';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Scripts of this page only, from /static, after the common ones. */
  scripts?: readonly string[];
}

const NAV: Array<{ href: string; key: MessageKey; icon: string; only?: 'staff' | 'admin' | 'tutoring' }> = [
  { href: '/', key: 'nav.home', icon: 'pa' },
  { href: '/tavoli', key: 'nav.tables', icon: 'comment' },
  { href: '/enti', key: 'nav.enti', icon: 'pa' },
  { href: '/questionari', key: 'nav.surveys', icon: 'list' },
  { href: '/documenti', key: 'nav.documents', icon: 'files' },
  { href: '/competenze', key: 'nav.directory', icon: 'card' },
  { href: '/esperienze', key: 'nav.experiences', icon: 'star-outline' },
  { href: '/stakeholder', key: 'nav.stakeholders', icon: 'map-marker' },
  { href: '/cerca', key: 'nav.search', icon: 'search' },
  { href: '/notifiche', key: 'nav.notifications', icon: 'inbox' },
  { href: '/conversazioni', key: 'nav.messages', icon: 'mail' },
  { href: '/profilo', key: 'nav.profile', icon: 'user' },
  { href: '/tutoraggio', key: 'nav.tutoring', icon: 'help-circle', only: 'tutoring' },
  { href: '/moderazione', key: 'nav.moderation', icon: 'flag', only: 'staff' },
  { href: '/programma', key: 'nav.progress', icon: 'chart-line', only: 'staff' },
  { href: '/admin', key: 'nav.admin', icon: 'settings', only: 'admin' },
];

const isCurrent = (path: string, href: string) => (href === '/' ? path === '/' : path.startsWith(href));

/** The other language, one click away; for signed-in people it also becomes their preference (mails included). */
function languageSwitch(ctx: PageContext) {
  const other = ctx.locale === 'it' ? 'en' : 'it';
  return html`<form method="post" action="/lingua" class="lang-switch" aria-label="${ctx.t('language.switch')}">
    <input type="hidden" name="next" value="${ctx.path}">
    <button type="submit" name="lang" value="${other}" lang="${other}" class="lang-button">${ctx.t(`language.${other}` as const)}</button>
  </form>`;
}

function accountZone(ctx: PageContext) {
  if (!ctx.user) {
    return html`${languageSwitch(ctx)}
      <a class="btn btn-primary btn-icon btn-full" href="/accedi">
        <span class="rounded-icon">${icon('user', 'icon-primary')}</span><span>${ctx.t('nav.signIn')}</span>
      </a>`;
  }
  return html`<span class="d-none d-md-inline text-white small">${ctx.t('layout.signedInAs', { name: ctx.user.display_name })}</span>
    ${languageSwitch(ctx)}
    <form method="post" action="/esci" class="d-flex align-self-stretch">
      <button type="submit" class="btn btn-primary btn-icon btn-full">
        <span class="rounded-icon">${icon('logout', 'icon-primary')}</span><span>${ctx.t('nav.signOut')}</span>
      </button>
    </form>`;
}

/** Always rendered (hidden at zero) so the live client has a place to show a new count. */
function unreadBadge(ctx: PageContext) {
  const count = ctx.header?.unreadNotifications ?? 0;
  return html`<span class="count-badge ms-1" data-unread-badge${count === 0 ? html` hidden` : ''}><span data-unread-count>${count}</span><span class="visually-hidden"> ${ctx.t('nav.unread')}</span></span>`;
}

/** The unread count on the folded phone menu, so news is seen without opening it. */
function menuBadge(ctx: PageContext) {
  const count = ctx.header?.unreadNotifications ?? 0;
  if (count === 0) return '';
  return html`<span class="count-badge ms-2">${count}<span class="visually-hidden"> ${ctx.t('nav.unread')}</span></span>`;
}

/** Private conversations with unread messages, shown only when there are some. */
function conversationsBadge(ctx: PageContext) {
  const count = ctx.header?.unreadConversations ?? 0;
  if (count === 0) return '';
  return html`<span class="count-badge ms-1" data-conversations-badge>${count}<span class="visually-hidden"> ${ctx.t('nav.unreadConversations')}</span></span>`;
}

/** Open flags waiting for the moderator, shown only when there are some. */
function flagsBadge(ctx: PageContext) {
  const count = ctx.header?.openFlags ?? 0;
  if (count === 0) return '';
  return html`<span class="count-badge ms-1" data-flags-badge>${count}<span class="visually-hidden"> ${ctx.t('nav.openFlags')}</span></span>`;
}

/** Where the live client starts from; it reads these instead of an inline script. */
function liveAttributes(ctx: PageContext) {
  const { header } = ctx;
  if (!header) return '';
  return html` data-live-last-event="${header.lastEventId}" data-live-newest-notification="${header.newestNotificationId}"`;
}

function mainNav(ctx: PageContext) {
  const { user } = ctx;
  if (!user) return '';
  const allowed = { staff: isStaff(user), admin: user.role === 'admin', tutoring: user.role !== 'participant' };
  const items = NAV.filter((item) => !item.only || allowed[item.only]);
  // Open without JavaScript (every item shown, wrapped on a phone); menu.js folds it on a phone.
  return html`<div class="it-header-navbar-wrapper">
    <div class="container">
      <nav class="navbar navbar-expand-lg app-nav" aria-label="${ctx.t('layout.mainNav')}" id="main-nav">
        <details class="app-menu" open data-app-menu>
        <summary class="app-menu-toggle">${icon('burger', 'icon-sm me-2')}<span>${ctx.t('nav.menu')}</span>${menuBadge(ctx)}</summary>
        <ul class="navbar-nav">
          ${items.map((item) => {
            const current = isCurrent(ctx.path, item.href);
            return html`<li class="nav-item">
              <a class="nav-link${current ? ' active' : ''}" href="${item.href}"${current ? html` aria-current="page"` : ''}>
                ${icon(item.icon, 'icon-sm me-1')}<span>${ctx.t(item.key)}</span>${item.href === '/notifiche' ? unreadBadge(ctx) : ''}${item.href === '/conversazioni' ? conversationsBadge(ctx) : ''}${item.href === '/moderazione' ? flagsBadge(ctx) : ''}
              </a>
            </li>`;
          })}
        </ul>
        </details>
      </nav>
    </div>
  </div>`;
}

function header(ctx: PageContext) {
  return html`<header class="it-header-wrapper">
    <div class="it-header-slim-wrapper">
      <div class="container">
        <div class="it-header-slim-wrapper-content">
          <span class="navbar-brand text-white">${ctx.t('app.programme')}</span>
          <div class="it-header-slim-right-zone app-account">${accountZone(ctx)}</div>
        </div>
      </div>
    </div>
    <div class="it-nav-wrapper">
      <div class="it-header-center-wrapper">
        <div class="container">
          <div class="it-header-center-content-wrapper">
            <div class="it-brand-wrapper">
              <a href="/">
                ${icon('comment')}
                <div class="it-brand-text">
                  <div class="it-brand-title">${ctx.t('app.name')}</div>
                  <div class="it-brand-tagline d-none d-md-block">${ctx.t('app.tagline')}</div>
                </div>
              </a>
            </div>
          </div>
        </div>
      </div>
      ${mainNav(ctx)}
    </div>
  </header>`;
}

function footer(ctx: PageContext) {
  return html`<footer class="it-footer">
    <div class="it-footer-main">
      <div class="container app-container py-4">
        <p class="h5 text-white mb-2">${ctx.t('app.name')}</p>
        <p class="mb-3">${ctx.t('layout.footerAbout')}</p>
        <nav aria-label="${ctx.t('layout.footerLinks')}">
          <ul class="list-inline mb-0">
            <li class="list-inline-item"><a href="/accessibilita">${ctx.t('site.accessibilita')}</a></li>
            <li class="list-inline-item"><a href="/privacy">${ctx.t('site.privacy')}</a></li>
            <li class="list-inline-item"><a href="/note-legali">${ctx.t('site.note-legali')}</a></li>
          </ul>
        </nav>
      </div>
    </div>
  </footer>`;
}

/** The whole document around one page's body: landmarks, skip links, header, footer. */
export function layout(ctx: PageContext, page: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${page.title} · ${ctx.t('app.name')}</title>
  <link rel="stylesheet" href="/static/vendor/bootstrap-italia/css/bootstrap-italia.min.css">
  <link rel="stylesheet" href="/static/fonts.css">
  <link rel="stylesheet" href="/static/app.css">
  <link rel="stylesheet" href="/static/forum.css">
  <link rel="stylesheet" href="/static/posts.css">
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  ${ctx.user ? html`<script src="/static/live.js" defer></script><script src="/static/composer.js" defer></script><script src="/static/menu.js" defer></script>` : ''}
  ${(page.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body${liveAttributes(ctx)}>
  <div class="skiplinks">
    <a class="visually-hidden-focusable" href="#main">${ctx.t('layout.skipToContent')}</a>
    ${ctx.user ? html`<a class="visually-hidden-focusable" href="#main-nav">${ctx.t('layout.skipToNav')}</a>` : ''}
  </div>
  ${header(ctx)}
  <main id="main" class="container app-container py-4 py-lg-5" tabindex="-1">
    ${flashMessage(ctx)}
    ${page.body}
  </main>
  ${footer(ctx)}
</body>
</html>`;
}
