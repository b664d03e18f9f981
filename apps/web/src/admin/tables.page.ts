import type { EnteRow, TableRow } from '@hubspoke/db';
import type { PageContext } from '../context.js';
import { TABLE_KINDS } from '../spaces/tables.view.js';
import { section } from '../ui/cards.js';
import {
  errorIdFor,
  type FormError,
  field,
  formErrorMessage,
  requiredNote,
  select,
  submit,
  textarea,
} from '../ui/form.js';
import { html } from '../ui/html.js';
import { adminFrame } from './frame.view.js';

export interface TableInput {
  name: string;
  description: string;
  kind: string;
  regions: string;
  visibility: string;
  enteId: string;
}

function list(ctx: PageContext, tables: readonly TableRow[]) {
  const { t } = ctx;
  if (tables.length === 0) return html`<p>${t('admin.empty')}</p>`;
  return html`<div class="table-responsive"><table class="table">
    <caption class="visually-hidden">${t('admin.tables')}</caption>
    <thead><tr>
      <th scope="col">${t('admin.name')}</th><th scope="col">${t('admin.kind')}</th>
      <th scope="col">${t('admin.regions')}</th><th scope="col">${t('admin.visibility')}</th>
      <th scope="col">${t('admin.members')}</th>
    </tr></thead>
    <tbody>${tables.map(
      (table) => html`<tr>
        <th scope="row"><a href="/tavoli/${table.id}">${table.name}</a></th>
        <td>${t(`tableKind.${table.kind}`)}</td>
        <td>${table.regions.join(', ') || '—'}</td>
        <td>${t(`visibility.${table.visibility}`)}</td>
        <td><a href="/admin/tavoli/${table.id}" aria-label="${t('admin.manageMembers', { name: table.name })}">${t('admin.members')}</a></td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

function createForm(
  ctx: PageContext,
  enti: readonly EnteRow[],
  input: TableInput | undefined,
  error?: FormError | null,
) {
  const { t } = ctx;
  const id = 'table';
  return html`${formErrorMessage(ctx, id, error)}
    <form method="post" action="/admin/tavoli" id="${id}" novalidate>
      ${requiredNote(ctx)}
      ${field(ctx, { id: 'table-name', name: 'name', label: t('admin.name'), value: input?.name, required: true, maxlength: 120, errorId: errorIdFor(id, error, 'name') })}
      ${textarea(ctx, { id: 'table-description', name: 'description', label: t('admin.description'), value: input?.description, maxlength: 2000 })}
      ${select(ctx, {
        id: 'table-kind',
        name: 'kind',
        label: t('admin.kind'),
        required: true,
        selected: input?.kind ?? 'lab',
        options: TABLE_KINDS.map((kind) => ({ value: kind, label: t(`tableKind.${kind}`) })),
      })}
      ${field(ctx, { id: 'table-regions', name: 'regions', label: t('admin.regions'), value: input?.regions, hint: t('admin.regionsHint') })}
      ${select(ctx, {
        id: 'table-visibility',
        name: 'visibility',
        label: t('admin.visibility'),
        selected: input?.visibility ?? '',
        hint: t('admin.visibilityHint'),
        options: [
          { value: '', label: t('admin.visibilityDefault') },
          { value: 'members', label: t('visibility.members') },
          { value: 'participants', label: t('visibility.participants') },
        ],
      })}
      ${select(ctx, {
        id: 'table-ente',
        name: 'enteId',
        label: t('admin.ente'),
        selected: input?.enteId ?? '',
        options: [{ value: '', label: t('form.none') }, ...enti.map((e) => ({ value: String(e.id), label: e.name }))],
      })}
      ${submit(t('admin.tableSubmit'))}
    </form>`;
}

export interface AdminTablesView {
  tables: readonly TableRow[];
  enti: readonly EnteRow[];
  input?: TableInput;
  error?: FormError | null;
}

export function adminTablesPage(ctx: PageContext, view: AdminTablesView) {
  const { t } = ctx;
  return adminFrame(
    ctx,
    t('admin.tables'),
    t('admin.tablesIntro'),
    html`<div class="row">
      <div class="col-12 col-xl-7">${section('tables-list', t('admin.count', { count: view.tables.length }), list(ctx, view.tables))}</div>
      <div class="col-12 col-xl-5">${section('table-create', t('admin.tableCreate'), createForm(ctx, view.enti, view.input, view.error))}</div>
    </div>`,
  );
}
