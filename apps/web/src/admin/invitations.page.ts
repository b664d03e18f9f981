import type { EnteRow, TableRow } from '@hubspoke/db';
import { type listInvitations, ROLES } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { errorIdFor, type FormError, field, formErrorMessage, requiredNote, select, submit } from '../ui/form.js';
import { attr, html } from '../ui/html.js';
import { adminFrame } from './frame.view.js';

export interface InvitationInput {
  email: string;
  role: string;
  enteId: string;
  tableIds: string[];
}

export interface InvitationsView {
  sent: Awaited<ReturnType<typeof listInvitations>>;
  enti: readonly EnteRow[];
  tables: readonly TableRow[];
  input?: InvitationInput;
  error?: FormError | null;
}

function tableChoices(ctx: PageContext, tables: readonly TableRow[], chosen: readonly string[]) {
  const { t } = ctx;
  if (tables.length === 0) return '';
  return html`<fieldset class="mb-4">
    <legend class="h6">${t('admin.invitationTables')}</legend>
    ${tables.map(
      (table) => html`<div class="form-check">
        <input type="checkbox" id="invite-table-${table.id}" name="tableIds" value="${table.id}"${attr('checked', chosen.includes(String(table.id)))}>
        <label for="invite-table-${table.id}">${table.name} <span class="text-secondary">(${t(`tableKind.${table.kind}`)})</span></label>
      </div>`,
    )}
  </fieldset>`;
}

function sentList(ctx: PageContext, sent: InvitationsView['sent']) {
  const { t } = ctx;
  if (sent.items.length === 0) return html`<p>${t('admin.invitationNone')}</p>`;
  return html`<div class="table-responsive"><table class="table align-middle">
      <caption class="visually-hidden">${t('admin.invitationList')}</caption>
      <thead><tr><th scope="col">${t('admin.email')}</th><th scope="col">${t('admin.role')}</th><th scope="col">${t('admin.ente')}</th>
        <th scope="col">${t('admin.invitationSentBy')}</th><th scope="col">${t('admin.invitationStatus')}</th></tr></thead>
      <tbody>${sent.items.map(
        (
          i,
        ) => html`<tr><th scope="row">${i.email}</th><td>${t(`role.${i.role}`)}</td><td>${i.ente ?? '—'}</td><td>${i.invitedBy ?? '—'}</td>
          <td>${t(`admin.invitationStatus.${i.status}`, { date: ctx.dateTime(new Date(i.expiresAt)) })}
          ${
            i.status === 'pending'
              ? html`<form method="post" action="/admin/inviti/${i.id}/ritira" class="d-inline ms-2">
                  <button type="submit" class="btn btn-outline-danger btn-xs">${t('admin.invitationRevoke')}<span class="visually-hidden"> ${i.email}</span></button>
                </form>`
              : ''
          }</td></tr>`,
      )}</tbody>
    </table></div>
    ${sent.nextCursor ? html`<p><a class="btn btn-outline-primary" href="/admin/inviti?dopo=${sent.nextCursor}">${t('admin.more')}</a></p>` : ''}`;
}

export function invitationsPage(ctx: PageContext, view: InvitationsView) {
  const { t } = ctx;
  const id = 'invite';
  const input = view.input;
  return adminFrame(
    ctx,
    t('admin.invitations'),
    t('admin.invitationsIntro'),
    html`<div class="row"><div class="col-12 col-lg-8">
      <h2 class="h4 mb-3">${t('admin.invitationCreate')}</h2>
      ${formErrorMessage(ctx, id, view.error)}
      <form method="post" action="/admin/inviti" id="${id}" novalidate>
        ${requiredNote(ctx)}
        ${field(ctx, { id: 'invite-email', name: 'email', label: t('admin.email'), type: 'email', value: input?.email, required: true, autocomplete: 'off', errorId: errorIdFor(id, view.error, 'email') })}
        ${select(ctx, {
          id: 'invite-role',
          name: 'role',
          label: t('admin.role'),
          required: true,
          selected: input?.role ?? 'participant',
          options: ROLES.map((role) => ({ value: role, label: t(`role.${role}`) })),
          errorId: errorIdFor(id, view.error, 'role'),
        })}
        ${select(ctx, {
          id: 'invite-ente',
          name: 'enteId',
          label: t('admin.ente'),
          selected: input?.enteId ?? '',
          options: [
            { value: '', label: t('form.none') },
            ...view.enti.map((e) => ({ value: String(e.id), label: e.name })),
          ],
          errorId: errorIdFor(id, view.error, 'enteId'),
        })}
        ${tableChoices(ctx, view.tables, input?.tableIds ?? [])}
        ${submit(t('admin.invitationSubmit'))}
      </form>
      <h2 class="h4 mt-5 mb-3">${t('admin.invitationList')}</h2>
      ${sentList(ctx, view.sent)}
    </div></div>`,
  );
}
