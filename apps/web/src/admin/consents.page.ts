import type { AcceptanceDto, ConsentDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { type FormError, formErrorMessage, submit, textarea } from '../ui/form.js';
import { html } from '../ui/html.js';
import { adminFrame } from './frame.view.js';

export interface ConsentDraft {
  kind: string;
  textIt: string;
  textEn: string;
  error: FormError;
}

function publishForm(ctx: PageContext, kind: string, draft: ConsentDraft | undefined) {
  const { t } = ctx;
  const id = `publish-${kind}`;
  const mine = draft?.kind === kind ? draft : undefined;
  return html`${formErrorMessage(ctx, id, mine?.error)}
    <form method="post" action="/admin/consensi/${kind}" id="${id}" novalidate>
      <p class="small text-secondary">${t('admin.consentPublishHint')}</p>
      ${textarea(ctx, { id: `${id}-it`, name: 'textIt', label: t('admin.consentTextIt'), value: mine?.textIt, required: true })}
      ${textarea(ctx, { id: `${id}-en`, name: 'textEn', label: t('admin.consentTextEn'), value: mine?.textEn, required: true })}
      ${submit(t('admin.consentPublish'))}
    </form>`;
}

/** Each kind: its current version, who accepted it, and the form for the next one. */
export function adminConsentsPage(ctx: PageContext, consents: readonly ConsentDto[], draft?: ConsentDraft) {
  const { t } = ctx;
  return adminFrame(
    ctx,
    t('admin.consents'),
    t('admin.consentsIntro'),
    html`${consents.map((c) =>
      section(
        `consent-${c.kind}`,
        t(`consents.kind.${c.kind}`),
        html`<p>${
          c.version !== null && c.publishedAt
            ? html`${t('admin.consentCurrent', { version: c.version, date: ctx.date(new Date(c.publishedAt)) })} ·
                <a href="/admin/consensi/${c.kind}">${t('admin.consentAcceptances')}</a>`
            : t('admin.consentNone')
        }</p>
        <details${draft?.kind === c.kind ? ' open' : ''}><summary class="mb-2">${t('admin.consentPublish')}</summary>
          ${publishForm(ctx, c.kind, draft)}
        </details>`,
      ),
    )}`,
  );
}

export interface AcceptancesView {
  kind: string;
  items: readonly AcceptanceDto[];
  nextCursor: string | null;
}

export function adminAcceptancesPage(ctx: PageContext, view: AcceptancesView) {
  const { t } = ctx;
  const state = (a: AcceptanceDto) => t(`admin.consentState.${a.state}`, { version: a.version ?? 0 });
  return adminFrame(
    ctx,
    `${t(`consents.kind.${view.kind as 'patto'}`)}: ${t('admin.consentAcceptances')}`,
    t('admin.consentsIntro'),
    html`<p><a class="btn btn-outline-primary btn-sm" href="/api/admin/consents/${view.kind}/acceptances?format=csv" download>${t('admin.consentCsv')}</a></p>
      <div class="table-responsive"><table class="table">
        <caption class="visually-hidden">${t('admin.consentAcceptances')}</caption>
        <thead><tr><th scope="col">${t('admin.name')}</th><th scope="col">${t('admin.email')}</th><th scope="col">${t('admin.ente')}</th><th scope="col">${t('admin.consentState')}</th><th scope="col">${t('admin.consentWhen')}</th></tr></thead>
        <tbody>${view.items.map(
          (a) => html`<tr><th scope="row">${a.user.displayName}</th><td>${a.user.email}</td><td>${a.ente ?? '—'}</td>
            <td>${state(a)}</td><td>${a.at ? ctx.dateTime(new Date(a.at)) : '—'}</td></tr>`,
        )}</tbody>
      </table></div>
      ${view.nextCursor ? html`<p><a class="btn btn-outline-primary" href="/admin/consensi/${view.kind}?dopo=${view.nextCursor}">${t('admin.more')}</a></p>` : ''}`,
  );
}
