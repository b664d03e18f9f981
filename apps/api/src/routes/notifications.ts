import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { listNotifications, markNotificationsRead, NotificationSchema } from '@hubspoke/domain';
import { Cursor, Limit } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, Nullable } from '../schemas.js';

const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        querystring: Type.Object({ cursor: Cursor, limit: Limit, unread: Type.Optional(Type.Boolean()) }),
        response: {
          200: Type.Object({
            items: Type.Array(NotificationSchema),
            nextCursor: Nullable(Type.String()),
            unread: Type.Integer(),
          }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const { cursor, limit, unread } = request.query;
      return listNotifications(app.deps, requireUser(request), {
        ...(cursor !== undefined ? { cursor } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(unread ? { unreadOnly: true } : {}),
      });
    },
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        body: Type.Union([
          Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false }),
          Type.Object({ all: Type.Literal(true) }, { additionalProperties: false }),
        ]),
        response: { 200: Type.Object({ unread: Type.Integer() }), ...errors(400, 401) },
      },
    },
    async (request) =>
      markNotificationsRead(app.deps, requireUser(request), 'ids' in request.body ? request.body.ids : 'all'),
  );
};

export default notificationRoutes;
