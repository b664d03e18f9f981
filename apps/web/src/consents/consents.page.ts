import type { ConsentDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { submit } from '../ui/form.js';
import { html, raw } from '../ui/html.js';

/** Where the reader stands with one kind, in a sentence. */
function standing(ctx: PageContext, c: ConsentDto) {
  const { t } = ctx;
  const date = (iso: string) => ctx.date(new Date(iso));
  if (c.revokedAt) return t('consents.revoked', { date: date(c.revokedAt) });
  if (c.acceptedVersion !== null && c.acceptedAt) {
    return c.pending
      ? t('consents.outdated', { version: c.acceptedVersion })
      : t('consents.accepted', { version: c.acceptedVersion, date: date(c.acceptedAt) });
  }
  return c.version === null ? t('consents.none') : t('consents.pending');
}

export function consentsPage(ctx: PageContext, items: readonly ConsentDto[]) {
  const { t } = ctx;
  return html`<h1 class="mb-2">${t('consents.title')}</h1>
    <p class="lead mb-4">${t('consents.intro')}</p>
    <ul class="row list-unstyled">
      ${items.map(
        (c) => html`<li class="col-12 col-lg-4 mb-4">
          <div class="card card-bg no-after h-100"><div class="card-body">
            <h2 class="card-title h5">${
              c.version === null
                ? t(`consents.kind.${c.kind}`)
                : html`<a href="/consensi/${c.kind}" class="stretched-link">${t(`consents.kind.${c.kind}`)}</a>`
            }</h2>
            <p class="card-text">${t(`consents.about.${c.kind}`)}</p>
            <p class="card-text small${c.pending ? ' fw-semibold' : ' text-secondary'}">${standing(ctx, c)}</p>
          </div></div>
        </li>`,
      )}
    </ul>`;
}

export interface ConsentView {
  consent: ConsentDto;
  /** Where to go once answered (the page the reader was on when asked). */
  next: string;
  /** Shown because a page view asked for it: the reader may also put it off. */
  asked: boolean;
  /** Whether the reader may withdraw it here (the Patto is left only through an admin). */
  revocable: boolean;
  /** Why the last answer did not go through. */
  error?: string;
}

export function consentPage(ctx: PageContext, view: ConsentView) {
  const { t } = ctx;
  const { consent: c, next } = view;
  const nextField = html`<input type="hidden" name="next" value="${next}">`;
  const accept = c.pending
    ? html`<form method="post" action="/consensi/${c.kind}/accetta" class="d-inline-block me-3">
        <input type="hidden" name="version" value="${c.version ?? ''}">${nextField}
        ${submit(t('consents.accept'))}
      </form>`
    : '';
  const later = view.asked
    ? html`<form method="post" action="/consensi/${c.kind}/dopo" class="d-inline-block">${nextField}
        <button type="submit" class="btn btn-outline-secondary">${t('consents.later')}</button>
      </form>`
    : '';
  const revoke =
    !c.pending && c.acceptedVersion !== null
      ? view.revocable
        ? html`<form method="post" action="/consensi/${c.kind}/revoca" class="mt-4">${nextField}
            <button type="submit" class="btn btn-outline-danger btn-sm">${t('consents.revoke')}</button>
          </form>`
        : html`<p class="small text-secondary mt-4">${t('consents.pattoFixed')}</p>`
      : '';
  return narrowCard(html`
    <p class="mb-1"><a href="/consensi">${t('consents.title')}</a></p>
    <h1 class="h2 mb-2">${t(`consents.kind.${c.kind}`)}</h1>
    ${c.version !== null && c.publishedAt ? html`<p class="small text-secondary">${t('consents.version', { version: c.version, date: ctx.date(new Date(c.publishedAt)) })}</p>` : ''}
    ${view.error ? html`<div class="alert alert-danger" role="alert"><p class="mb-0">${view.error}</p></div>` : ''}
    ${view.asked && c.pending ? html`<div class="alert alert-info" role="status"><p class="mb-0">${t('consents.asked')}</p></div>` : ''}
    <p class="${c.pending ? 'fw-semibold' : 'text-secondary'}">${standing(ctx, c)}</p>
    ${c.textHtml ? html`<div class="post-body consent-text mb-4">${raw(c.textHtml)}</div>` : ''}
    <div>${accept}${later}</div>
    ${revoke}`);
}
