import type { PageContext } from '../context.js';
import { html } from '../html.js';
import { isMessageKey } from '../i18n/index.js';
import { timeTag } from '../views/time.js';
import { moderationFrame } from './moderation.js';

export interface AuditEntryView {
  id: number;
  action: string;
  subjectType: string;
  subjectId: string | number | null;
  createdAt: string;
  actor: { displayName: string } | null;
}

/** Where an entry's subject can be seen, for the kinds of subject that have a page. */
function subject(ctx: PageContext, entry: AuditEntryView) {
  const key = `audit.subject.${entry.subjectType}`;
  const label = `${isMessageKey(key) ? ctx.t(key) : entry.subjectType} ${entry.subjectId ?? ''}`.trim();
  const href =
    entry.subjectId === null
      ? null
      : (
          {
            thread: `/discussioni/${entry.subjectId}`,
            post: `/messaggi/${entry.subjectId}/versioni`,
            table: `/tavoli/${entry.subjectId}`,
          } as Record<string, string>
        )[entry.subjectType];
  return href ? html`<a href="${href}">${label}</a>` : label;
}

/** Actions read in words where we have them, else as their stable code. */
function action(ctx: PageContext, code: string) {
  const key = `audit.action.${code}`;
  return isMessageKey(key) ? ctx.t(key) : html`<code>${code}</code>`;
}

export function auditLogPage(
  ctx: PageContext,
  entries: readonly AuditEntryView[],
  moreHref: string | null,
  firstHref: string | null,
) {
  const { t } = ctx;
  const table = html`<div class="table-responsive"><table class="table">
    <caption class="visually-hidden">${t('moderation.audit')}</caption>
    <thead><tr>
      <th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.who')}</th>
      <th scope="col">${t('audit.what')}</th><th scope="col">${t('audit.subject')}</th>
    </tr></thead>
    <tbody>${entries.map(
      (e) => html`<tr>
        <td>${timeTag(ctx, e.createdAt)}</td>
        <td>${e.actor?.displayName ?? t('audit.system')}</td>
        <td>${action(ctx, e.action)}</td>
        <td>${subject(ctx, e)}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
  return moderationFrame(
    ctx,
    t('moderation.audit'),
    t('moderation.auditIntro'),
    html`${entries.length ? table : html`<p>${t('moderation.noAudit')}</p>`}
      <nav class="d-flex flex-wrap gap-3" aria-label="${t('moderation.auditPages')}">
        ${firstHref ? html`<a href="${firstHref}">${t('moderation.auditFirst')}</a>` : ''}
        ${moreHref ? html`<a class="btn btn-outline-primary btn-sm" href="${moreHref}">${t('moderation.auditMore')}</a>` : ''}
      </nav>`,
  );
}
