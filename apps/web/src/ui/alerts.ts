import type { PageContext } from '../context.js';
import { html } from './html.js';

/** The one-shot message left by the previous POST, announced politely to screen readers. */
export function flashMessage(ctx: PageContext) {
  const { flash } = ctx;
  if (!flash) return '';
  return html`<div class="alert alert-success" role="status">
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
