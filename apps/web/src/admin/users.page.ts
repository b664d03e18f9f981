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

/** Turning an account off or on, and the way to erase it (a page that asks first). */
function accountActions(ctx: PageContext, user: UserRow) {
  const { t } = ctx;
  const action = user.deactivated_at ? 'riattiva' : 'disattiva';
  return html`<div class="d-flex gap-2 align-items-center">
    <form method="post" action="/admin/utenti/${user.id}/${action}">
      <button type="submit" class="btn btn-outline-secondary btn-xs">${t(user.deactivated_at ? 'admin.reactivate' : 'admin.deactivate')}<span class="visually-hidden"> ${user.display_name}</span></button>
    </form>
    <a class="btn btn-outline-danger btn-xs" href="/admin/utenti/${user.id}/elimina">${t('admin.erase')}<span class="visually-hidden"> ${user.display_name}</span></a>
  </div>`;
}

export function eraseUserPage(ctx: PageContext, user: UserRow) {
  const { t } = ctx;
  return adminFrame(
    ctx,
    t('admin.eraseTitle', { name: user.display_name }),
    t('admin.eraseIntro'),
    html`<form method="post" action="/admin/utenti/${user.id}/elimina">
      <div class="form-check mb-4">
        <input class="form-check-input" type="checkbox" id="erase-posts" name="deletePosts" value="1">
        <label class="form-check-label" for="erase-posts">${t('admin.eraseDeletePosts')}</label>
      </div>
      <button type="submit" class="btn btn-danger">${t('admin.eraseSubmit')}</button>
      <a class="btn btn-link" href="/admin/utenti">${t('common.cancel')}</a>
    </form>`,
  );
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
      <td>${user.deactivated_at ? html`<span class="badge bg-secondary me-2">${t('admin.deactivated')}</span>` : ''}${user.id === ctx.user?.id ? '' : accountActions(ctx, user)}</td>
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
        <th scope="col">${t('admin.ente')}</th><th scope="col">${t('admin.role')}</th><th scope="col">${t('admin.actions')}</th>
      </tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    ${view.nextCursor ? html`<p><a class="btn btn-outline-primary" href="/admin/utenti?dopo=${view.nextCursor}">${t('admin.more')}</a></p>` : ''}`,
  );
}
