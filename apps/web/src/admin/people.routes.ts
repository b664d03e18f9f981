import type { Role } from '@hubspoke/db';
import {
  AppError,
  changeRole,
  eraseAccount,
  findUser,
  invite,
  listEnti,
  listInvitations,
  listUsers,
  listVisibleTables,
  ROLES,
  revokeInvitation,
  setAccountActive,
} from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, readForm, seeOther, sendPage } from '../respond.js';
import { CONFIRMED, confirmPage } from '../ui/confirm.js';
import type { FormError } from '../ui/form.js';
import { formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { type InvitationInput, invitationsPage } from './invitations.page.js';
import { type IdParams, idParam } from './support.js';
import { eraseUserPage, usersPage } from './users.page.js';

const PAGE_SIZE = 50;
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Admin: invitations and people's roles. */
const adminPeopleRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;

  async function renderInvitations(
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { input: InvitationInput; error: FormError & { status: number } },
  ) {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const cursor = (request.query as { dopo?: string }).dopo;
    const [enti, tables, sent] = await Promise.all([
      listEnti(deps),
      listVisibleTables(deps, user),
      listInvitations(deps, user, cursor ? { cursor } : {}),
    ]);
    const page = invitationsPage(ctx, { enti, tables, sent, ...(failed ?? {}) });
    return sendPage(reply, ctx, ctx.t('admin.invitations'), page, failed?.error.status);
  }

  app.get('/admin/inviti', (request, reply) => renderInvitations(request, reply));

  app.post<IdParams>('/admin/inviti/:id/ritira', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    await revokeInvitation(deps, currentUser(request), id);
    setFlash(reply, { key: 'flash.invitationRevoked' }, secure);
    return seeOther(reply, '/admin/inviti');
  });

  app.post('/admin/inviti', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const input = {
      email: form.text('email'),
      role: form.text('role'),
      enteId: form.text('enteId'),
      tableIds: form.all('tableIds'),
    };
    if (!input.email || !isRole(input.role)) {
      return renderInvitations(request, reply, { input, error: formError(ctx, 'error.required', ['email', 'role']) });
    }
    try {
      const tableIds = input.tableIds.map(idParam).filter((id): id is number => id !== undefined);
      const enteId = form.id('enteId') ?? null;
      const invitation = await invite(deps, currentUser(request), {
        email: input.email,
        role: input.role,
        enteId,
        tableIds,
      });
      const params = { email: invitation.email, days: config.invitationDays };
      setFlash(reply, { key: 'flash.invitationSent', params }, secure);
      return seeOther(reply, '/admin/inviti');
    } catch (caught) {
      const error = toFormError(ctx, caught, ['email'], { unknown_ente: ['enteId'], invalid_role: ['role'] });
      return renderInvitations(request, reply, { input, error });
    }
  });

  app.get<{ Querystring: { dopo?: string } }>('/admin/utenti', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const { items: users, nextCursor } = await listUsers(deps, currentUser(request), {
      limit: PAGE_SIZE,
      ...(request.query.dopo ? { cursor: request.query.dopo } : {}),
    });
    const page = usersPage(ctx, { users, enti: await listEnti(deps), nextCursor });
    return sendPage(reply, ctx, ctx.t('admin.users'), page);
  });

  app.post<IdParams>('/admin/utenti/:id/ruolo', async (request, reply) => {
    const id = idParam(request.params.id);
    const role = readForm(request.body).text('role');
    if (!id) return reply.callNotFound();
    if (!isRole(role)) throw new AppError(400, 'invalid_role', 'Unknown role');
    // Making someone an admin hands over every key: asked once more.
    if (role === 'admin' && readForm(request.body).text(CONFIRMED) !== '1') {
      const ctx = pageContext(request, reply, config);
      const user = await findUser(deps, currentUser(request), id);
      if (!user) return reply.callNotFound();
      const title = ctx.t('admin.makeAdminConfirm', { name: user.display_name });
      const page = confirmPage(ctx, {
        title,
        intro: ctx.t('admin.makeAdminIntro'),
        action: `/admin/utenti/${id}/ruolo`,
        fields: { role },
        submit: ctx.t('admin.roleSubmit'),
        cancel: '/admin/utenti',
      });
      return sendPage(reply, ctx, title, page);
    }
    const user = await changeRole(deps, currentUser(request), id, role);
    setFlash(reply, { key: 'flash.roleChanged', params: { name: user.display_name } }, secure);
    return seeOther(reply, '/admin/utenti');
  });

  for (const [path, active] of [
    ['/admin/utenti/:id/disattiva', false],
    ['/admin/utenti/:id/riattiva', true],
  ] as const) {
    app.post<IdParams>(path, async (request, reply) => {
      const id = idParam(request.params.id);
      if (!id) return reply.callNotFound();
      const user = await setAccountActive(deps, currentUser(request), id, active);
      const key = active ? 'flash.accountReactivated' : 'flash.accountDeactivated';
      setFlash(reply, { key, params: { name: user.display_name } }, secure);
      return seeOther(reply, '/admin/utenti');
    });
  }

  app.get<IdParams>('/admin/utenti/:id/elimina', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const id = idParam(request.params.id);
    const user = id ? await findUser(deps, currentUser(request), id) : undefined;
    if (!user || user.erased_at) return reply.callNotFound();
    return sendPage(reply, ctx, ctx.t('admin.eraseTitle', { name: user.display_name }), eraseUserPage(ctx, user));
  });

  app.post<IdParams>('/admin/utenti/:id/elimina', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const deletePosts = readForm(request.body).text('deletePosts') === '1';
    await eraseAccount(deps, currentUser(request), id, { deletePosts });
    setFlash(reply, { key: 'flash.accountErasedByAdmin' }, secure);
    return seeOther(reply, '/admin/utenti');
  });
};

export default adminPeopleRoutes;
