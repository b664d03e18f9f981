import type { PageContext } from '../context.js';
import { html } from '../ui/html.js';
import { icon } from '../ui/icon.js';

/** Where "Scrivi in privato" leads: the new-conversation form with the person filled in. */
export const writeToHref = (handle: string) => `/conversazioni/nuova?con=${encodeURIComponent(handle)}`;

/** A link to write to someone privately, naming them for screen readers when the text alone would not. */
export function writePrivatelyLink(ctx: PageContext, person: { handle: string; displayName: string }, extra = '') {
  return html`<a href="${writeToHref(person.handle)}"${extra ? html` class="${extra}"` : ''} data-write-privately>${icon('mail', 'icon-xs me-1')}${ctx.t('conversations.writePrivately')}<span class="visually-hidden"> (${person.displayName})</span></a>`;
}
