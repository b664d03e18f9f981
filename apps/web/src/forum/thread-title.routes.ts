import { AppError, getThreadPage, updateThread } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { type FailedForm, formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { threadTitlePage } from './thread-title.page.js';

type IdParams = { Params: { id: string } };

/** Renaming a thread: a page of its own, so a refused title comes back with what was typed. */
const threadTitleRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get<IdParams>('/discussioni/:id/titolo', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const { thread, permissions } = await getThreadPage(deps, user, id, { limit: 1 });
    if (!permissions.moderate && thread.author.id !== user.id) {
      throw new AppError(403, 'forbidden', 'Only the author and the moderators rename a thread');
    }
    const ctx = pageContext(request, reply, config);
    return sendPage(reply, ctx, ctx.t('thread.retitle'), threadTitlePage(ctx, thread, { title: thread.title }));
  });

  app.post<IdParams>('/discussioni/:id/titolo', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const title = readForm(request.body).text('title');
    let error: FailedForm | null = title ? null : formError(ctx, 'error.required', ['title']);
    if (!error) {
      try {
        await updateThread(deps, user, id, { title });
        setFlash(reply, { key: 'flash.threadRetitled' }, config.secureCookies);
        return seeOther(reply, `/discussioni/${id}`);
      } catch (caught) {
        error = toFormError(ctx, caught, ['title']);
        if (error.status === 403) throw caught;
      }
    }
    const { thread } = await getThreadPage(deps, user, id, { limit: 1 });
    return sendPage(reply, ctx, ctx.t('thread.retitle'), threadTitlePage(ctx, thread, { title, error }), error.status);
  });
};

export default threadTitleRoutes;
