import { diffWordsWithSpace } from 'diff';
import type { PageContext } from '../context.js';
import { html } from '../ui/html.js';

/**
 * What an edit changed, word by word, on the Markdown as it was typed: removed words struck
 * through, added ones marked, the rest as it was. Plain text in `<del>`/`<ins>`, escaped like
 * every other text, so nothing from a post runs as HTML here.
 */
export function revisionDiff(ctx: PageContext, before: string, after: string, id: string) {
  const { t } = ctx;
  const parts = diffWordsWithSpace(before, after);
  if (parts.every((p) => !p.added && !p.removed))
    return html`<p class="small text-secondary">${t('history.noTextChange')}</p>`;
  return html`<details class="revision-diff mt-2" open>
    <summary id="${id}">${t('history.changes')}</summary>
    <p class="visually-hidden">${t('history.diffLegend')}</p>
    <pre class="revision-diff-text" aria-labelledby="${id}">${parts.map((p) =>
      p.added ? html`<ins>${p.value}</ins>` : p.removed ? html`<del>${p.value}</del>` : html`<span>${p.value}</span>`,
    )}</pre>
  </details>`;
}
