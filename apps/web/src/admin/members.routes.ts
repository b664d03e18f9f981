import { addMember, getReadableTable, listMembers, removeMember } from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, readForm, seeOther, sendPage } from '../respond.js';
import { CONFIRMED, confirmPage } from '../ui/confirm.js';
import { attempt, type FailedForm, formError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { membersPage } from './members.page.js';
import { allUsers, type IdParams, idParam } from './support.js';

/** Admin: the members of one table, added from everyone registered or removed. */
const adminMemberRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;

  async function render(request: FastifyRequest, reply: FastifyReply, id: number, error?: FailedForm) {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const [table, members, users] = await Promise.all([
      getReadableTable(deps, user, id),
      listMembers(deps, user, id),
      allUsers(deps, user),
    ]);
    const memberIds = new Set(members.map((m) => m.id));
    const candidates = users.filter((u) => !memberIds.has(u.id));
    const page = membersPage(ctx, { table, members, candidates, error: error ?? null });
    return sendPage(reply, ctx, ctx.t('admin.membersTitle', { name: table.name }), page, error?.status);
  }

  app.get<IdParams>('/admin/tavoli/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    return id ? render(request, reply, id) : reply.callNotFound();
  });

  app.post<IdParams>('/admin/tavoli/:id/membri', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const userId = readForm(request.body).id('userId');
    const error = userId
      ? await attempt(ctx, () => addMember(deps, currentUser(request), id, userId), ['userId'])
      : formError(ctx, 'error.required', ['userId']);
    if (error) return render(request, reply, id, error);
    setFlash(reply, { key: 'flash.memberAdded' }, secure);
    return seeOther(reply, `/admin/tavoli/${id}`);
  });

  app.post<{ Params: { id: string; userId: string } }>(
    '/admin/tavoli/:id/membri/:userId/rimuovi',
    async (request, reply) => {
      const id = idParam(request.params.id);
      const userId = idParam(request.params.userId);
      if (!id || !userId) return reply.callNotFound();
      if (readForm(request.body).text(CONFIRMED) !== '1') {
        const ctx = pageContext(request, reply, config);
        const user = currentUser(request);
        const [table, members] = await Promise.all([getReadableTable(deps, user, id), listMembers(deps, user, id)]);
        const member = members.find((m) => m.id === userId);
        if (!member) return reply.callNotFound();
        const title = ctx.t('admin.memberRemoveConfirm', { name: member.display_name, table: table.name });
        const page = confirmPage(ctx, {
          title,
          intro: ctx.t('admin.memberRemoveIntro'),
          action: `/admin/tavoli/${id}/membri/${userId}/rimuovi`,
          submit: ctx.t('admin.memberRemove'),
          cancel: `/admin/tavoli/${id}`,
        });
        return sendPage(reply, ctx, title, page);
      }
      await removeMember(deps, currentUser(request), id, userId);
      setFlash(reply, { key: 'flash.memberRemoved' }, secure);
      return seeOther(reply, `/admin/tavoli/${id}`);
    },
  );
};

export default adminMemberRoutes;
