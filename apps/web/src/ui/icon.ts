import { html } from './html.js';

export const SPRITES = '/static/vendor/bootstrap-italia/svg/sprites.svg';

/** A decorative Bootstrap Italia icon; the text next to it carries the meaning. */
export const icon = (name: string, extra = '') =>
  html`<svg class="icon ${extra}" aria-hidden="true" focusable="false"><use href="${SPRITES}#it-${name}"></use></svg>`;
