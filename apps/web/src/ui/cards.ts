import { html, type SafeHtml } from './html.js';

/** A centred card for short, single-purpose pages (sign-in, invitation, password reset). */
export const narrowCard = (body: SafeHtml) => html`<div class="row justify-content-center">
  <div class="col-12 col-md-8 col-lg-6">
    <div class="card-wrapper"><div class="card card-bg no-after"><div class="card-body p-4 p-lg-5">${body}</div></div></div>
  </div>
</div>`;

/** A titled section of a longer page, with its own heading level 2. */
export const section = (id: string, title: string, body: SafeHtml | string) =>
  html`<section class="mb-5" aria-labelledby="${id}">
    <h2 class="h4 mb-3" id="${id}">${title}</h2>
    ${body}
  </section>`;
