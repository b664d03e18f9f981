import type { MessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { html } from './html.js';

export const ERROR_STATUSES = [400, 401, 403, 404, 429, 500, 503] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/** The nearest status we have words for: any other 4xx reads as 400, any other 5xx as 500. */
export function errorStatus(status: number): ErrorStatus {
  if ((ERROR_STATUSES as readonly number[]).includes(status)) return status as ErrorStatus;
  return status >= 500 ? 500 : 400;
}

/** A refused Origin: the one the forum expects, and the one the request carried (if any). */
export interface CsrfOrigins {
  expected: string;
  received: string | undefined;
}

export function errorPage(
  ctx: PageContext,
  status: ErrorStatus,
  options: { csrf?: CsrfOrigins | undefined; pattoRequired?: boolean; localPasswordsOff?: boolean } = {},
) {
  const { t } = ctx;
  const { csrf, pattoRequired, localPasswordsOff } = options;
  const body: MessageKey = csrf
    ? 'errorPage.csrf'
    : pattoRequired
      ? 'error.patto_required'
      : localPasswordsOff
        ? 'error.local_passwords_off'
        : `errorPage.body.${status}`;
  return html`<div class="row justify-content-center"><div class="col-12 col-lg-8 text-center py-lg-5">
    <p class="display-1 fw-bold text-primary mb-0" aria-hidden="true">${status}</p>
    <h1 class="mb-3">${t(`errorPage.title.${status}`)}</h1>
    <p class="lead mb-4">${t(body)}</p>
    ${
      csrf
        ? html`<p>${t('errorPage.csrfExpected', { expected: csrf.expected })}
            ${csrf.received ? t('errorPage.csrfReceived', { received: csrf.received }) : ''}</p>`
        : ''
    }
    ${status >= 500 ? html`<p class="small text-secondary">${t('errorPage.requestId', { id: ctx.requestId })}</p>` : ''}
    ${pattoRequired ? html`<p><a class="btn btn-primary" href="/consensi/patto">${t('errorPage.pattoLink')}</a></p>` : ''}
    ${localPasswordsOff ? html`<p><a class="btn btn-primary" href="/accedi">${t('signIn.title')}</a></p>` : ''}
    <p><a class="btn ${pattoRequired || localPasswordsOff ? 'btn-outline-primary' : 'btn-primary'}" href="/">${t('errorPage.home')}</a></p>
  </div></div>`;
}
