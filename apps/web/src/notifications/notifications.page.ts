import type { NotificationDto } from '@hubspoke/domain';
import { paths } from '@hubspoke/domain';
import { describeNotification } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { postHref } from '../forum/post-lookup.js';
import { html } from '../ui/html.js';
import { timeTag } from '../ui/time.js';

export interface NotificationsView {
  items: readonly NotificationDto[];
  unread: number;
  moreHref: string | null;
  firstHref: string | null;
}

/** Where a notification leads: the post it is about, through a link that also marks it read. */
export function notificationTarget(n: NotificationDto): string {
  if (n.surveyId !== null) return `/questionari/${n.surveyId}`;
  if (n.pathTableId !== null) return paths.path(n.pathTableId);
  if (n.conversationId !== null) return paths.conversation(n.conversationId);
  return n.threadId === null ? '/notifiche' : postHref(n.threadId, n.postNumber ?? 1);
}

function describe(ctx: PageContext, n: NotificationDto) {
  return describeNotification(ctx.t, {
    kind: n.kind,
    detail: n.documentStatus ?? n.moderation,
    actor: n.actor?.displayName ?? ctx.t('notifications.someone'),
    title: n.threadTitle,
  });
}

function item(ctx: PageContext, n: NotificationDto) {
  const { t } = ctx;
  const href = `/notifiche/${n.id}?vai=${encodeURIComponent(notificationTarget(n))}`;
  // Not `.notification`: Bootstrap Italia keeps that class for its hidden toasts.
  return html`<li class="notification-item${n.read ? '' : ' notification-unread'}">
    ${n.read ? '' : html`<span class="count-badge me-2">${t('notifications.new')}</span>`}
    <a href="${href}">${describe(ctx, n)}</a>
    ${n.comment ? html`<span class="d-block small">${ctx.t(n.moderation ? 'notifications.reason' : 'notifications.comment', { comment: n.comment })}</span>` : ''}
    <span class="d-block small text-secondary">${timeTag(ctx, n.createdAt)}</span>
  </li>`;
}

export function notificationsPage(ctx: PageContext, view: NotificationsView) {
  const { t } = ctx;
  return html`<h1 class="mb-2">${t('notifications.title')}</h1>
    <div class="d-flex flex-wrap gap-3 align-items-center mb-4">
      <p class="lead mb-0">${t('notifications.unread', { count: view.unread })}</p>
      ${
        view.unread
          ? html`<form method="post" action="/notifiche/lette"><button type="submit" class="btn btn-outline-primary btn-sm">${t('notifications.markAll')}</button></form>`
          : ''
      }
    </div>
    ${
      view.items.length
        ? html`<ul class="notification-list list-unstyled">${view.items.map((n) => item(ctx, n))}</ul>`
        : html`<p>${t('notifications.empty')}</p>`
    }
    <nav class="d-flex flex-wrap gap-3" aria-label="${t('notifications.pages')}">
      ${view.firstHref ? html`<a href="${view.firstHref}">${t('notifications.first')}</a>` : ''}
      ${view.moreHref ? html`<a class="btn btn-outline-primary btn-sm" href="${view.moreHref}">${t('notifications.more')}</a>` : ''}
    </nav>`;
}
