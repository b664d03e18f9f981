import type { TableDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html } from '../ui/html.js';
import { tablesByKind } from './tables.view.js';

export function tablesPage(ctx: PageContext, tables: readonly TableDto[]) {
  const { t } = ctx;
  return html`<h1 class="mb-2">${t('tables.title')}</h1>
    <p class="lead mb-4">${t('tables.intro')}</p>
    ${tables.length ? tablesByKind(ctx, tables, { showMembership: true, level: 2 }) : html`<p>${t('tables.empty')}</p>`}`;
}
