import type { EnteRow, TableRow } from '@hubspoke/db';
import { ROLES } from '@hubspoke/domain';
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
    </div></div>`,
  );
}
