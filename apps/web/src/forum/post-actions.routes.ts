import { flagPost, quotePost, readPost, setLike, setPostHidden } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, safeNext, seeOther, sendPage } from '../respond.js';
import { formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { flagPostPage } from './post-forms.page.js';
import { afterParam, postHref } from './post-lookup.js';
import { renderPostFragment } from './thread-render.js';

type PostParams = { Params: { id: string } };

/**
 * Small actions on a post (like, flag, hide) that go back to where they were made, the quote for
 * the composer, and the post alone for the live client.
 */
const postActionRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;

  app.post<PostParams>('/messaggi/:id/mi-piace', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const form = readForm(request.body);
    await setLike(deps, currentUser(request), id, form.text('liked') === '1');
    return seeOther(reply, safeNext(form.text('next'), '/'));
  });

  app.post<PostParams>('/messaggi/:id/nascondi', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const form = readForm(request.body);
    const hidden = form.text('hidden') === '1';
    await setPostHidden(deps, currentUser(request), id, hidden, form.text('reason'));
    setFlash(reply, { key: hidden ? 'flash.postHidden' : 'flash.postShown' }, secure);
    return seeOther(reply, safeNext(form.text('next'), '/'));
  });

  app.get<PostParams>('/messaggi/:id/segnala', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const view = await readPost(deps, currentUser(request), id);
    const ctx = pageContext(request, reply, config);
    return sendPage(
      reply,
      ctx,
      ctx.t('flag.title', { number: view.post.number }),
      flagPostPage(ctx, view, { reason: '' }),
    );
  });

  app.post<PostParams>('/messaggi/:id/segnala', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const reason = form.text('reason');
    const view = await readPost(deps, user, id);
    let error = reason && reason.length <= 500 ? null : formError(ctx, 'error.required', ['reason']);
    if (!error) {
      try {
        await flagPost(deps, user, id, reason);
        setFlash(reply, { key: 'flash.flagged' }, secure);
        return seeOther(reply, safeNext(form.text('next'), postHref(view.thread.id, view.post.number)));
      } catch (caught) {
        error = toFormError(ctx, caught, ['reason']);
      }
    }
    const page = flagPostPage(ctx, view, { reason, error });
    return sendPage(reply, ctx, ctx.t('flag.title', { number: view.post.number }), page, error.status);
  });

  // composer.js fetches this to fill the textarea when "Quote" is followed with JavaScript on.
  app.get<PostParams>('/messaggi/:id/citazione', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const quote = await quotePost(deps, currentUser(request), id);
    return reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send(quote);
  });

  // live.js fetches this when an event says a post on the page was edited, deleted or hidden.
  app.get<PostParams & { Querystring: { dopo?: string } }>('/messaggi/:id/frammento', async (request, reply) => {
    const postId = idParam(request.params.id);
    if (!postId) return reply.callNotFound();
    return renderPostFragment(deps, request, reply, { postId, after: afterParam(request.query.dopo) });
  });
};

export default postActionRoutes;
