import type { listTutorPools } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { type FormError, formErrorMessage, select, submit } from '../ui/form.js';
import { html } from '../ui/html.js';
import { adminFrame } from './frame.view.js';

export type PoolsView = Awaited<ReturnType<typeof listTutorPools>> & {
  tables: ReadonlyArray<{ id: number; name: string }>;
  areas: ReadonlyMap<string, string>;
  error?: FormError | null;
};

function poolList(ctx: PageContext, view: PoolsView) {
  const { t } = ctx;
  if (view.pools.length === 0) return html`<p>${t('admin.poolsEmpty')}</p>`;
  const rows = view.pools.map((p) => {
    const where = p.table?.name ?? t('admin.poolEverywhere');
    const area = p.focusArea ? (view.areas.get(p.focusArea) ?? p.focusArea) : t('admin.poolAllAreas');
    return html`<tr>
      <th scope="row">${p.tutor.displayName}</th><td>${where}</td><td>${area}</td>
      <td><form method="post" action="/admin/tutor/rimuovi">
        <input type="hidden" name="tutorId" value="${p.tutor.id}">
        <input type="hidden" name="tableId" value="${p.table?.id ?? ''}">
        <input type="hidden" name="focusArea" value="${p.focusArea ?? ''}">
        <button type="submit" class="btn btn-xs btn-outline-danger"
          aria-label="${t('admin.poolRemoveLabel', { name: p.tutor.displayName, where, area })}">${t('admin.poolRemove')}</button>
      </form></td>
    </tr>`;
  });
  return html`<div class="table-responsive"><table class="table">
    <caption class="visually-hidden">${t('admin.pools')}</caption>
    <thead><tr>
      <th scope="col">${t('tutoring.col.tutor')}</th><th scope="col">${t('tutoring.col.table')}</th>
      <th scope="col">${t('tutoring.col.focusArea')}</th><th scope="col"><span class="visually-hidden">${t('admin.actions')}</span></th>
    </tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`;
}

function addForm(ctx: PageContext, view: PoolsView) {
  const { t } = ctx;
  if (view.tutors.length === 0) return html`<p>${t('admin.poolNoTutors')}</p>`;
  const id = 'pool';
  return html`${formErrorMessage(ctx, id, view.error)}
    <form method="post" action="/admin/tutor" id="${id}" novalidate>
      ${select(ctx, {
        id: 'pool-tutor',
        name: 'tutorId',
        label: t('tutoring.col.tutor'),
        required: true,
        options: view.tutors.map((tutor) => ({ value: String(tutor.id), label: tutor.displayName })),
      })}
      ${select(ctx, {
        id: 'pool-table',
        name: 'tableId',
        label: t('tutoring.col.table'),
        hint: t('admin.poolTableHint'),
        options: [
          { value: '', label: t('admin.poolEverywhere') },
          ...view.tables.map((table) => ({ value: String(table.id), label: table.name })),
        ],
      })}
      ${select(ctx, {
        id: 'pool-area',
        name: 'focusArea',
        label: t('tutoring.col.focusArea'),
        options: [
          { value: '', label: t('admin.poolAllAreas') },
          ...[...view.areas].map(([slug, name]) => ({ value: slug, label: name })),
        ],
      })}
      ${submit(t('admin.poolAdd'))}
    </form>`;
}

/** Who answers where: each tutor's pool places, and a form to add one. */
export function adminPoolsPage(ctx: PageContext, view: PoolsView) {
  const { t } = ctx;
  return adminFrame(
    ctx,
    t('admin.pools'),
    t('admin.poolsIntro'),
    html`<div class="row">
      <div class="col-12 col-lg-7">${section('pools-list', t('admin.count', { count: view.pools.length }), poolList(ctx, view))}</div>
      <div class="col-12 col-lg-5">${section('pool-add', t('admin.poolAdd'), addForm(ctx, view))}</div>
    </div>`,
  );
}
