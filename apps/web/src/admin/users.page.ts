import type { EnteRow, UserRow } from '@hubspoke/db';
import { ROLES } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { type FormError, formErrorMessage } from '../ui/form.js';
import { attr, html } from '../ui/html.js';
import { adminFrame } from './frame.view.js';

export interface UsersView {
  users: readonly UserRow[];
  enti: readonly EnteRow[];
  /** The keyset cursor of the next page, if there is one. */
  nextCursor: string | null;
  error?: FormError | null;
}

function roleForm(ctx: PageContext, user: UserRow) {
  const { t } = ctx;
  const selectId = `role-${user.id}`;
  return html`<form method="post" action="/admin/utenti/${user.id}/ruolo" class="d-flex gap-2 align-items-center role-form">
    <label for="${selectId}" class="visually-hidden">${t('admin.roleFor', { name: user.display_name })}</label>
    <select id="${selectId}" name="role" class="form-select form-select-sm">
      ${ROLES.map((role) => html`<option value="${role}"${attr('selected', role === user.role)}>${t(`role.${role}`)}</option>`)}
    </select>
    <button type="submit" class="btn btn-outline-primary btn-xs">${t('admin.roleSubmit')}</button>
  </form>`;
}

export function usersPage(ctx: PageContext, view: UsersView) {
  const { t } = ctx;
  const enteName = new Map(view.enti.map((e) => [e.id, e.name]));
  const rows = view.users.map(
    (user) => html`<tr>
      <th scope="row">${user.display_name}${user.id === ctx.user?.id ? html` <span class="text-secondary">(${t('admin.you')})</span>` : ''}</th>
      <td>${user.email}</td>
      <td>${user.ente_id ? (enteName.get(user.ente_id) ?? '—') : '—'}</td>
      <td>${user.id === ctx.user?.id ? t(`role.${user.role}`) : roleForm(ctx, user)}</td>
    </tr>`,
  );
  return adminFrame(
    ctx,
    t('admin.users'),
    t('admin.usersIntro'),
    html`${formErrorMessage(ctx, 'users', view.error)}
    <div class="table-responsive"><table class="table align-middle">
      <caption class="visually-hidden">${t('admin.usersCaption')}</caption>
      <thead><tr>
        <th scope="col">${t('admin.name')}</th><th scope="col">${t('admin.email')}</th>
        <th scope="col">${t('admin.ente')}</th><th scope="col">${t('admin.role')}</th>
      </tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    ${view.nextCursor ? html`<p><a class="btn btn-outline-primary" href="/admin/utenti?dopo=${view.nextCursor}">${t('admin.more')}</a></p>` : ''}`,
  );
}
