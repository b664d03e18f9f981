import type { DocumentDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { moderationFrame } from '../moderation/moderation.page.js';
import { html } from '../ui/html.js';
import { documentItem } from './documents.page.js';

/** The documents submitted in the tables the reader moderates, waiting longest first. */
export function reviewQueuePage(ctx: PageContext, items: readonly DocumentDto[], areas: ReadonlyMap<string, string>) {
  const { t } = ctx;
  return moderationFrame(
    ctx,
    t('moderation.review'),
    t('moderation.reviewIntro'),
    items.length
      ? html`<ul class="list-unstyled">${items.map((d) => documentItem(ctx, d, areas))}</ul>`
      : html`<p>${t('moderation.noReview')}</p>`,
  );
}
