import type { TableKind } from '@hubspoke/db';
import type { TableDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html, raw } from '../ui/html.js';

export const TABLE_KINDS: readonly TableKind[] = ['lab', 'regional', 'interregional'];

/** A table as the API lists it, and how many of its threads have news for me. */
export type ListedTable = TableDto & { unreadThreads?: number };

interface CardOptions {
  showMembership?: boolean | undefined;
  /** The heading level of the card's title, so pages keep their outline without gaps. */
  level: 3 | 4;
}

export function tableCard(ctx: PageContext, table: ListedTable, options: CardOptions) {
  const { t } = ctx;
  const h = raw(`h${options.level}`);
  const unread = table.unreadThreads;
  return html`<li class="col-12 col-md-6 col-lg-4 mb-4">
    <div class="card card-bg no-after h-100 table-card table-card-${table.kind}">
      <div class="card-body">
        <div class="d-flex flex-wrap gap-2 mb-2">
          <span class="badge bg-primary">${t(`tableKind.${table.kind}`)}</span>
          ${options.showMembership && table.isMember ? html`<span class="badge bg-success">${t('tables.member')}</span>` : ''}
          ${unread ? html`<span class="badge bg-danger">${t('home.unread', { count: unread })}</span>` : ''}
        </div>
        <${h} class="card-title h5 mb-2"><a href="/tavoli/${table.id}" class="stretched-link">${table.name}</a></${h}>
        ${table.description ? html`<p class="card-text">${table.description}</p>` : ''}
        ${table.regions.length ? html`<p class="card-text small text-secondary mb-0">${table.regions.join(', ')}</p>` : ''}
      </div>
    </div>
  </li>`;
}

/** Tables grouped by kind (labs, regional, interregional), each group under its own heading. */
export function tablesByKind(
  ctx: PageContext,
  tables: readonly ListedTable[],
  options: { showMembership?: boolean; level: 2 | 3 },
) {
  const h = raw(`h${options.level}`);
  const level = options.level === 2 ? 3 : 4;
  return TABLE_KINDS.map((kind) => {
    const group = tables.filter((table) => table.kind === kind);
    if (group.length === 0) return '';
    return html`<${h} class="h4 mt-4 mb-3">${ctx.t(`tableKinds.${kind}`)}</${h}>
      <ul class="row list-unstyled mb-0">
        ${group.map((table) => tableCard(ctx, table, { showMembership: options.showMembership, level }))}
      </ul>`;
  });
}
