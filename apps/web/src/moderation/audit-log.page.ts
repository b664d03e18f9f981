import { isMessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { html } from '../ui/html.js';
import { timeTag } from '../ui/time.js';
import { moderationFrame } from './moderation.page.js';

export interface AuditEntryView {
  id: number;
  action: string;
  subjectType: string;
  subjectId: string | number | null;
  subjectName: string | null;
  data: unknown;
  createdAt: string;
  actor: { displayName: string } | null;
}

/** Where an entry's subject can be seen, for the kinds of subject that have a page. */
function subjectHref(entry: AuditEntryView): string | undefined {
  if (entry.subjectId === null) return undefined;
  return (
    {
      thread: `/discussioni/${entry.subjectId}`,
      post: `/messaggi/${entry.subjectId}/versioni`,
      table: `/tavoli/${entry.subjectId}`,
      document: `/documenti/${entry.subjectId}`,
    } as Record<string, string>
  )[entry.subjectType];
}

/** Which words tell an entry: a thread's change says what changed, a document's move where it went. */
function variant(entry: AuditEntryView): string {
  const data = (entry.data ?? {}) as { changes?: Record<string, unknown>; to?: unknown };
  if (entry.action === 'thread.update') {
    const c = data.changes ?? {};
    if (c.tableId !== undefined) return 'thread.move';
    if (c.locked !== undefined) return c.locked ? 'thread.lock' : 'thread.unlock';
    if (c.pinned !== undefined) return c.pinned ? 'thread.pin' : 'thread.unpin';
    if (c.title !== undefined) return 'thread.rename';
  }
  if (entry.action === 'document.transition' && typeof data.to === 'string') return `document.transition.${data.to}`;
  return entry.action;
}

/** One sentence per entry ("Luca ha bloccato «…»"), its subject a link where it has a page. */
function sentence(ctx: PageContext, entry: AuditEntryView) {
  const key = [`audit.did.${variant(entry)}`, `audit.did.${entry.action}`].find(isMessageKey) ?? 'audit.did.other';
  const marker = '\u0000';
  const text = ctx.t(key, { actor: entry.actor?.displayName ?? ctx.t('audit.system'), subject: marker });
  const [before = '', after = ''] = text.split(marker);
  const name = entry.subjectName ?? ctx.t('audit.gone');
  const href = entry.subjectName === null ? undefined : subjectHref(entry);
  return html`${before}${href ? html`<a href="${href}">${name}</a>` : name}${after}`;
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
    <thead><tr><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.what')}</th></tr></thead>
    <tbody>${entries.map(
      (e) => html`<tr data-audit-entry="${e.id}">
        <td>${timeTag(ctx, e.createdAt)}</td>
        <td>${sentence(ctx, e)}</td>
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
