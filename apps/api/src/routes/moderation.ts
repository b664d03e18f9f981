import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { listAudit, listOpenFlags, resolveFlag } from '@hubspoke/domain';
import { Cursor, Limit } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, IdParams, literals, Nullable } from '../schemas.js';

const FlagSchema = Type.Object({
  id: Type.Integer(),
  reason: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  flagger: Type.Object({ id: Type.Integer(), displayName: Type.String() }),
  post: Type.Object({
    id: Type.Integer(),
    number: Type.Integer(),
    bodyHtml: Type.String(),
    hidden: Type.Boolean(),
    author: Type.Object({ id: Type.Integer(), displayName: Type.String() }),
  }),
  thread: Type.Object({ id: Type.Integer(), title: Type.String(), tableId: Type.Integer() }),
});

const AuditSchema = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  subjectName: Nullable(Type.String({ description: 'what the subject is called now' })),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  actor: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
});

const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const Page = Type.Object({ cursor: Cursor, limit: Limit });

  app.get(
    '/moderation/flags',
    {
      schema: {
        tags: ['moderation'],
        querystring: Page,
        response: {
          200: Type.Object({ items: Type.Array(FlagSchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => listOpenFlags(deps, requireUser(request), request.query),
  );

  app.post(
    '/moderation/flags/:id/resolve',
    {
      schema: {
        tags: ['moderation'],
        params: IdParams,
        body: Type.Object({ action: literals(['hide', 'dismiss']) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await resolveFlag(deps, requireUser(request), request.params.id, request.body.action);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/moderation/audit',
    {
      schema: {
        tags: ['moderation'],
        querystring: Page,
        response: {
          200: Type.Object({ items: Type.Array(AuditSchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request) => listAudit(deps, requireUser(request), request.query),
  );
};

export default moderationRoutes;
