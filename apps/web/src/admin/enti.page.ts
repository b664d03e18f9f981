import type { EnteRow } from '@hubspoke/db';
import { ENTE_KINDS } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { errorIdFor, type FormError, field, formErrorMessage, requiredNote, select, submit } from '../ui/form.js';
import { html } from '../ui/html.js';
import { adminFrame } from './frame.view.js';

export interface EnteInput {
  name: string;
  kind: string;
  region: string;
}

function list(ctx: PageContext, enti: readonly EnteRow[]) {
  const { t } = ctx;
  if (enti.length === 0) return html`<p>${t('admin.empty')}</p>`;
  return html`<div class="table-responsive"><table class="table">
    <caption class="visually-hidden">${t('admin.enti')}</caption>
    <thead><tr><th scope="col">${t('admin.name')}</th><th scope="col">${t('admin.kind')}</th><th scope="col">${t('admin.region')}</th></tr></thead>
    <tbody>${enti.map(
      (e) =>
        html`<tr><th scope="row"><a href="/admin/enti/${e.id}">${e.name}</a></th><td>${t(`enteKind.${e.kind}`)}</td><td>${e.region ?? '—'}</td></tr>`,
    )}</tbody>
  </table></div>`;
}

function enteForm(
  ctx: PageContext,
  input: EnteInput | undefined,
  error: FormError | null | undefined,
  target: { action: string; submit: string },
) {
  const { t } = ctx;
  const id = 'ente';
  return html`${formErrorMessage(ctx, id, error)}
    <form method="post" action="${target.action}" id="${id}" novalidate>
      ${requiredNote(ctx)}
      ${field(ctx, { id: 'ente-name', name: 'name', label: t('admin.name'), value: input?.name, required: true, maxlength: 120, errorId: errorIdFor(id, error, 'name') })}
      ${select(ctx, {
        id: 'ente-kind',
        name: 'kind',
        label: t('admin.kind'),
        required: true,
        selected: input?.kind ?? 'comune',
        options: ENTE_KINDS.map((kind) => ({ value: kind, label: t(`enteKind.${kind}`) })),
      })}
      ${field(ctx, { id: 'ente-region', name: 'region', label: t('admin.region'), value: input?.region, maxlength: 80 })}
      ${submit(target.submit)}
    </form>`;
}

export function entiPage(ctx: PageContext, enti: readonly EnteRow[], input?: EnteInput, error?: FormError | null) {
  const { t } = ctx;
  return adminFrame(
    ctx,
    t('admin.enti'),
    t('admin.entiIntro'),
    html`<div class="row">
      <div class="col-12 col-lg-7">${section('enti-list', t('admin.count', { count: enti.length }), list(ctx, enti))}</div>
      <div class="col-12 col-lg-5">${section('ente-create', t('admin.enteCreate'), enteForm(ctx, input, error, { action: '/admin/enti', submit: t('admin.enteSubmit') }))}</div>
    </div>`,
  );
}

/** One ente's edit form, filled with what it is now (or what was typed, after a refusal). */
export function enteEditPage(ctx: PageContext, ente: EnteRow, input?: EnteInput, error?: FormError | null) {
  const { t } = ctx;
  const values = input ?? { name: ente.name, kind: ente.kind, region: ente.region ?? '' };
  return adminFrame(
    ctx,
    t('enti.edit'),
    ente.name,
    html`<div class="row"><div class="col-12 col-lg-6">
      ${enteForm(ctx, values, error, { action: `/admin/enti/${ente.id}`, submit: t('common.save') })}
      <p class="mt-3"><a href="/enti/${ente.id}">${ente.name}</a></p>
    </div></div>`,
  );
}
