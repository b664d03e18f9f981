import type { TableRow, UserRow } from '@hubspoke/db';
import type { PageContext } from '../context.js';
import type { Member } from '../spaces/table.page.js';
import { section } from '../ui/cards.js';
import { errorIdFor, type FormError, formErrorMessage, select, submit } from '../ui/form.js';
import { html } from '../ui/html.js';
import { adminFrame } from './frame.view.js';

export interface MembersView {
  table: TableRow;
  members: readonly Member[];
  /** People who may be added: everyone not already a member. */
  candidates: readonly UserRow[];
  error?: FormError | null;
}

function list(ctx: PageContext, view: MembersView) {
  const { t } = ctx;
  if (view.members.length === 0) return html`<p>${t('table.noMembers')}</p>`;
  return html`<div class="table-responsive"><table class="table">
    <caption class="visually-hidden">${t('admin.membersTitle', { name: view.table.name })}</caption>
    <thead><tr>
      <th scope="col">${t('table.memberName')}</th><th scope="col">${t('table.memberRole')}</th>
      <th scope="col"><span class="visually-hidden">${t('admin.actions')}</span></th>
    </tr></thead>
    <tbody>${view.members.map(
      (m) => html`<tr>
        <th scope="row">${m.display_name} <span class="text-secondary">@${m.handle}</span></th>
        <td>${t(`role.${m.role}`)}</td>
        <td class="text-end">
          <form method="post" action="/admin/tavoli/${view.table.id}/membri/${m.id}/rimuovi">
            <button type="submit" class="btn btn-outline-danger btn-xs"
              aria-label="${t('admin.memberRemoveLabel', { name: m.display_name })}">${t('admin.memberRemove')}</button>
          </form>
        </td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}

function addForm(ctx: PageContext, view: MembersView) {
  const { t } = ctx;
  const id = 'member';
  return html`${formErrorMessage(ctx, id, view.error)}
    <form method="post" action="/admin/tavoli/${view.table.id}/membri" id="${id}" novalidate>
      ${select(ctx, {
        id: 'member-user',
        name: 'userId',
        label: t('admin.memberUser'),
        required: true,
        options: [
          { value: '', label: t('form.choose') },
          ...view.candidates.map((u) => ({ value: String(u.id), label: `${u.display_name} — ${u.email}` })),
        ],
        errorId: errorIdFor(id, view.error, 'userId'),
      })}
      ${submit(t('admin.memberSubmit'))}
    </form>`;
}

export function membersPage(ctx: PageContext, view: MembersView) {
  const { t } = ctx;
  return adminFrame(
    ctx,
    t('admin.membersTitle', { name: view.table.name }),
    t(`tableKind.${view.table.kind}`),
    html`<div class="row">
      <div class="col-12 col-lg-7">${section('members-list', t('table.membersCount', { count: view.members.length }), list(ctx, view))}</div>
      <div class="col-12 col-lg-5">${section('member-add', t('admin.memberAdd'), addForm(ctx, view))}</div>
    </div>
    <p><a href="/admin/tavoli">${t('admin.backToTables')}</a></p>`,
  );
}
