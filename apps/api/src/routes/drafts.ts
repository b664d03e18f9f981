import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { type DraftTarget, discardDraft, getDraft, saveDraft } from '@hubspoke/domain';
import type { FastifyRequest } from 'fastify';
import { requireUser } from '../plugins/auth.js';
import { errors, IdParams, Nullable } from '../schemas.js';

const DraftSchema = Type.Object({
  title: Type.String(),
  body: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
});
const DraftReply = Type.Object({ draft: Nullable(DraftSchema) });
const DraftBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 1000, description: 'a new thread’s title; ignored for a reply' })),
    body: Type.String({ maxLength: 60_000 }),
  },
  { additionalProperties: false },
);

/**
 * One's unposted reply to a thread (`/threads/:id/draft`) or new thread in a table
 * (`/tables/:id/draft`), kept while typing so a closed tab loses nothing. Only its writer reads it.
 */
const draftRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const places: Array<[string, (id: number) => DraftTarget]> = [
    ['/threads/:id/draft', (threadId) => ({ threadId })],
    ['/tables/:id/draft', (tableId) => ({ tableId })],
  ];
  for (const [url, target] of places) {
    const of = (request: FastifyRequest<{ Params: { id: number } }>) => target(request.params.id);
    app.get(
      url,
      { schema: { tags: ['drafts'], params: IdParams, response: { 200: DraftReply, ...errors(401) } } },
      async (request) => ({ draft: await getDraft(deps, requireUser(request), of(request)) }),
    );
    app.put(
      url,
      {
        schema: {
          tags: ['drafts'],
          description: 'Saves over the draft before; a blank one removes it (`draft: null`).',
          params: IdParams,
          body: DraftBody,
          response: { 200: DraftReply, ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => ({ draft: await saveDraft(deps, requireUser(request), of(request), request.body) }),
    );
    app.delete(
      url,
      { schema: { tags: ['drafts'], params: IdParams, response: { 204: Type.Null(), ...errors(401) } } },
      async (request, reply) => {
        await discardDraft(deps, requireUser(request), of(request));
        return reply.status(204).send(null);
      },
    );
  }
};

export default draftRoutes;
