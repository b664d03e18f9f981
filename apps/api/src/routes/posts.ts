import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  deletePost,
  editPost,
  flagPost,
  invalid,
  listRevisions,
  quotePost,
  setLike,
  setPostHidden,
} from '@hubspoke/domain';
import { Body, PostSchema } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, IdParams, literals, Nullable } from '../schemas.js';

const Reactions = Type.Object({ reactions: Type.Object({ like: Type.Integer() }), likedByMe: Type.Boolean() });
const RevisionSchema = Type.Object({
  revision: Type.Integer(),
  body: Type.String(),
  bodyHtml: Type.String(),
  writtenAt: Type.String({ format: 'date-time' }),
  replacedAt: Type.String({ format: 'date-time' }),
  editor: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
});

const postRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.patch(
    '/posts/:id',
    {
      schema: {
        tags: ['posts'],
        params: IdParams,
        body: Type.Object({ body: Body }, { additionalProperties: false }),
        response: { 200: Type.Object({ post: PostSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ post: await editPost(deps, requireUser(request), request.params.id, request.body) }),
  );

  app.delete(
    '/posts/:id',
    { schema: { tags: ['posts'], params: IdParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await deletePost(deps, requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/posts/:id/revisions',
    {
      schema: {
        tags: ['posts'],
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(RevisionSchema) }), ...errors(400, 401, 404) },
      },
    },
    async (request) => ({ items: await listRevisions(deps, requireUser(request), request.params.id) }),
  );

  app.get(
    '/posts/:id/quote',
    {
      schema: {
        tags: ['posts'],
        params: IdParams,
        response: { 200: Type.Object({ markdown: Type.String() }), ...errors(400, 401, 404) },
      },
    },
    async (request) => ({ markdown: await quotePost(deps, requireUser(request), request.params.id) }),
  );

  for (const [method, liked] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/posts/:id/reactions',
      schema: {
        tags: ['posts'],
        params: IdParams,
        body: Type.Object({ kind: literals(['like']) }, { additionalProperties: false }),
        response: { 200: Reactions, ...errors(400, 401, 403, 404) },
      },
      handler: (request) => setLike(deps, requireUser(request), request.params.id, liked),
    });
  }

  app.post(
    '/posts/:id/flags',
    {
      schema: {
        tags: ['posts'],
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({
            flag: Type.Object({
              id: Type.Integer(),
              postId: Type.Integer(),
              reason: Type.String(),
              createdAt: Type.String({ format: 'date-time' }),
            }),
          }),
          ...errors(400, 401, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ flag: await flagPost(deps, requireUser(request), request.params.id, request.body.reason) }),
  );

  for (const [action, hidden] of [
    ['hide', true],
    ['unhide', false],
  ] as const) {
    app.post(
      `/posts/:id/${action}`,
      {
        schema: {
          tags: ['moderation'],
          params: IdParams,
          response: { 200: Type.Object({ post: PostSchema }), ...errors(400, 401, 403, 404) },
        },
      },
      async (request) => ({
        post: await setPostHidden(deps, requireUser(request), request.params.id, hidden, hideReason(request.body)),
      }),
    );
  }
};

/** The body is optional here (a bare POST hides): `{reason}` when given, sent to the author. */
function hideReason(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  const reason = (body as { reason?: unknown }).reason;
  if (reason === undefined) return undefined;
  if (typeof reason !== 'string' || reason.length > 500)
    throw invalid('invalid_request', 'reason must be a string of at most 500 characters');
  return reason;
}

export default postRoutes;
