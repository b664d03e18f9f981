import type { PageContext } from '../context.js';
import { html } from './html.js';

/**
 * The one-shot message left by the previous POST, announced politely to screen readers. A plain
 * one stays in sight even when the POST sent the reader down the page (to the post they flagged,
 * say): it sticks to the top of the screen until closed (menu.js shows the close button).
 */
export function flashMessage(ctx: PageContext) {
  const { flash } = ctx;
  if (!flash) return '';
  return html`<div class="alert alert-success${flash.secret ? '' : ' flash-message'}" role="status" data-flash>
    ${flash.secret ? '' : html`<button type="button" class="btn-close float-end" aria-label="${ctx.t('common.close')}" hidden data-flash-close></button>`}
    <p class="mb-0">${ctx.t(flash.key, flash.params)}</p>
    ${
      flash.secret
        ? html`<div class="form-group mt-3 mb-0">
            <label for="new-secret" class="active">${ctx.t('tokens.newToken')}</label>
            <input type="text" id="new-secret" class="form-control font-monospace" readonly value="${flash.secret}">
          </div>`
        : ''
    }
  </div>`;
}

/** A short informative note, for pages whose content arrives later. */
export const notice = (text: string) =>
  html`<div class="callout note"><div class="callout-inner"><p class="mb-0">${text}</p></div></div>`;
