import { contentDisposition, openPostUpload, readableThread, readPost, uploadForPost } from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { currentUser, idParam, readForm } from '../respond.js';
import { toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { afterParam } from './post-lookup.js';
import { renderEdit } from './post-pages.routes.js';
import { readNewThreadInput, renderNewThread } from './thread-new.routes.js';
import { renderThread } from './thread-render.js';

/** The composer's text with the upload's Markdown on a line of its own at the end. */
export function appendMarkdown(body: string, markdown: string): string {
  const trimmed = body.replace(/\s+$/, '');
  return trimmed === '' ? `${markdown}\n` : `${trimmed}\n\n${markdown}\n`;
}

/**
 * The pictures and files of posts: served only to whoever may read the post (an unattached
 * upload to its uploader), with the documents library's download headers; and the composer's
 * "Allega" button without JavaScript, which uploads and gives the page back with the Markdown added.
 */
const postUploadRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps, uploads }) => {
  const { config } = deps;
  await uploads.register(app);

  async function send(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, thumbnail: boolean) {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const file = await openPostUpload(deps, currentUser(request), id, thumbnail ? 'thumbnail' : 'original');
    const disposition = contentDisposition(file.filename);
    const textual = file.mediaType.startsWith('text/');
    return reply
      .type(textual ? `${file.mediaType}; charset=utf-8` : file.mediaType)
      .headers({
        ...(file.size !== undefined ? { 'content-length': String(file.size) } : {}),
        // Pictures were decoded and written again by us, so they may show in the browser; files are saved.
        'content-disposition': file.inline ? disposition.replace(/^attachment/, 'inline') : disposition,
        'x-content-type-options': 'nosniff',
        // Opened directly, the file still gets no script, no styles, no origin.
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-cache',
        etag: `"${file.etag}"`,
      })
      .send(file.stream);
  }

  app.get<{ Params: { id: string } }>('/allegati/:id', (request, reply) => send(request, reply, false));
  app.get<{ Params: { id: string } }>('/allegati/:id/anteprima', (request, reply) => send(request, reply, true));

  // The same for a new thread: the table chosen in the form decides who may read the upload.
  app.post('/discussioni/nuova/allegati', async (request, reply) => {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const { fields, upload } = await uploads.read(request);
    const form = readForm(fields);
    const input = readNewThreadInput(form);
    const body = form.secret('body');
    const tableId = form.id('tableId');
    if (!upload.filename || !tableId) {
      upload.stream.resume();
      await upload.done();
      const error = tableId
        ? { message: ctx.t('composer.attachChoose'), fields: ['file'], status: 400 }
        : { message: ctx.t('error.upload_needs_table'), fields: ['tableId'], status: 400 };
      return renderNewThread(deps, request, reply, input, { body, error });
    }
    try {
      const uploaded = await uploadForPost(deps, user, tableId, upload);
      return renderNewThread(deps, request, reply, input, { body: appendMarkdown(body, uploaded.markdown) });
    } catch (caught) {
      return renderNewThread(deps, request, reply, input, { body, error: toFormError(ctx, caught, ['file']) });
    }
  });

  // And while editing a post: the post's table decides; the edit attaches it when saved.
  app.post<{ Params: { id: string } }>('/messaggi/:id/allegati', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const { thread } = await readPost(deps, user, id);
    const { fields, upload } = await uploads.read(request);
    const body = readForm(fields).secret('body');
    if (!upload.filename) {
      upload.stream.resume();
      await upload.done();
      return renderEdit(deps, request, reply, {
        body,
        error: { message: ctx.t('composer.attachChoose'), fields: ['file'], status: 400 },
      });
    }
    try {
      const uploaded = await uploadForPost(deps, user, thread.tableId, upload);
      return renderEdit(deps, request, reply, { body: appendMarkdown(body, uploaded.markdown) });
    } catch (caught) {
      return renderEdit(deps, request, reply, { body, error: toFormError(ctx, caught, ['file']) });
    }
  });

  app.post<{ Params: { id: string } }>('/discussioni/:id/allegati', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    // An unreadable thread is the error page's, before any byte is read.
    const { thread } = await readableThread(deps.db, user, id);
    const { fields, upload } = await uploads.read(request);
    const form = readForm(fields);
    const body = form.secret('body');
    const composer = { body, replyTo: form.id('replyTo') ?? null };
    const after = afterParam(form.text('after'));
    if (!upload.filename) {
      // A browser sends an empty, nameless file part when none was chosen.
      upload.stream.resume();
      await upload.done();
      const error = { message: ctx.t('composer.attachChoose'), fields: ['file'], status: 400 };
      return renderThread(deps, request, reply, { id, after, composer: { ...composer, error } });
    }
    try {
      const uploaded = await uploadForPost(deps, user, thread.table_id, upload);
      return renderThread(deps, request, reply, {
        id,
        after,
        composer: { ...composer, body: appendMarkdown(body, uploaded.markdown) },
      });
    } catch (caught) {
      const error = toFormError(ctx, caught, ['file']);
      return renderThread(deps, request, reply, { id, after, composer: { ...composer, error } });
    }
  });
};

export default postUploadRoutes;
