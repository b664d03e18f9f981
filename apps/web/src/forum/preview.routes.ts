import { MAX_SOURCE_LENGTH, renderMarkdown } from '@hubspoke/markdown';
import type { FastifyPluginAsync } from 'fastify';
import { readForm } from '../respond.js';
import type { WebOptions } from '../web-options.js';

/**
 * The composer's live preview: Markdown in, the sanitized fragment out, rendered as a saved post
 * is (only @mentions stay plain text: they become links once resolved on saving). A page route
 * (cookie, same-origin POST), so the composer needs no API of its own.
 */
const previewRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  app.post('/anteprima', async (request, reply) => {
    const body = readForm(request.body).secret('body').slice(0, MAX_SOURCE_LENGTH);
    const fragment = renderMarkdown(body, { publicOrigin: deps.config.publicOrigin });
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(fragment);
  });
};

export default previewRoutes;
