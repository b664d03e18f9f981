import { deletePost, editPost, listRevisions, readPost } from '@hubspoke/domain';
import { renderMarkdown } from '@hubspoke/markdown';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { type FailedForm, formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { deletePostPage, editPostPage, historyPage } from './post-forms.page.js';
import { postHref } from './post-lookup.js';

type PostParams = { Params: { id: string } };

/** The edit form of a post: first shown, or again after a preview, an upload or a refusal. */
export async function renderEdit(
  deps: WebOptions['deps'],
  request: FastifyRequest<PostParams>,
  reply: FastifyReply,
  composer?: { body: string; error?: FailedForm; previewHtml?: string },
) {
  const id = idParam(request.params.id);
  if (!id) return reply.callNotFound();
  const view = await readPost(deps, currentUser(request), id);
  const ctx = pageContext(request, reply, deps.config);
  const page = editPostPage(ctx, view, composer ?? { body: view.post.body });
  return sendPage(reply, ctx, ctx.t('editPost.title', { number: view.post.number }), page, composer?.error?.status);
}

/** The pages about one post: editing it, deleting it, and its earlier versions. */
const postPageRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get<PostParams>('/messaggi/:id/modifica', (request, reply) => renderEdit(deps, request, reply));

  app.post<PostParams>('/messaggi/:id/modifica', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const body = form.secret('body');
    if (form.text('intent') === 'preview') {
      return renderEdit(deps, request, reply, {
        body,
        previewHtml: renderMarkdown(body, { publicOrigin: config.publicOrigin }),
      });
    }
    if (!body.trim())
      return renderEdit(deps, request, reply, { body, error: formError(ctx, 'error.required', ['body']) });
    try {
      const post = await editPost(deps, currentUser(request), id, { body });
      setFlash(reply, { key: 'flash.postEdited' }, config.secureCookies);
      return seeOther(reply, postHref(post.threadId, post.number));
    } catch (caught) {
      return renderEdit(deps, request, reply, { body, error: toFormError(ctx, caught, ['body']) });
    }
  });

  app.get<PostParams>('/messaggi/:id/elimina', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const view = await readPost(deps, currentUser(request), id);
    const ctx = pageContext(request, reply, config);
    return sendPage(reply, ctx, ctx.t('deletePost.title', { number: view.post.number }), deletePostPage(ctx, view));
  });

  app.post<PostParams>('/messaggi/:id/elimina', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const { thread, post } = await readPost(deps, user, id);
    await deletePost(deps, user, id);
    setFlash(reply, { key: 'flash.postDeleted' }, config.secureCookies);
    return seeOther(reply, postHref(thread.id, post.number));
  });

  app.get<PostParams>('/messaggi/:id/versioni', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const [view, revisions] = await Promise.all([readPost(deps, user, id), listRevisions(deps, user, id)]);
    const ctx = pageContext(request, reply, config);
    const page = historyPage(ctx, view, revisions);
    return sendPage(reply, ctx, ctx.t('history.title', { number: view.post.number }), page);
  });
};

export default postPageRoutes;
