import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  createThread,
  getThreadPage,
  listThreads,
  markRead,
  reply,
  setBookmark,
  setThreadSubscription,
  updateThread,
} from '@hubspoke/domain';
import {
  Body,
  Cursor,
  DimensionSlug,
  FocusAreaSlug,
  Limit,
  PostSchema,
  ThreadKind,
  ThreadSchema,
  WatchLevel,
} from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, IdParams, Nullable } from '../schemas.js';
import { toggleRoute } from '../toggle-route.js';

const NoContent = { 204: Type.Null() };

const threadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/threads',
    {
      schema: {
        tags: ['threads'],
        querystring: Type.Object({
          table: Type.Optional(Id),
          focusArea: Type.Optional(FocusAreaSlug),
          kind: Type.Optional(ThreadKind),
          dimension: Type.Optional(DimensionSlug),
          author: Type.Optional(Id),
          new: Type.Optional(Type.Boolean({ description: 'only threads active since your last visit' })),
          bookmarked: Type.Optional(Type.Boolean()),
          cursor: Cursor,
          limit: Limit,
        }),
        response: {
          200: Type.Object({ items: Type.Array(ThreadSchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return listThreads(deps, requireUser(request), {
        ...(q.table !== undefined ? { tableId: q.table } : {}),
        ...(q.focusArea !== undefined ? { focusArea: q.focusArea } : {}),
        ...(q.kind !== undefined ? { kind: q.kind } : {}),
        ...(q.dimension !== undefined ? { dimension: q.dimension } : {}),
        ...(q.author !== undefined ? { authorId: q.author } : {}),
        ...(q.new ? { newSinceLastVisit: true } : {}),
        ...(q.bookmarked ? { bookmarkedOnly: true } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      });
    },
  );

  app.post(
    '/threads',
    {
      schema: {
        tags: ['threads'],
        body: Type.Object(
          {
            tableId: Id,
            focusArea: FocusAreaSlug,
            dimension: Type.Optional(Nullable(DimensionSlug)),
            kind: ThreadKind,
            title: Type.String({ minLength: 1, maxLength: 300 }),
            body: Body,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ thread: ThreadSchema, post: PostSchema }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await createThread(deps, requireUser(request), request.body)),
  );

  app.get(
    '/threads/:id',
    {
      schema: {
        tags: ['threads'],
        params: IdParams,
        querystring: Type.Object({ after: Type.Optional(Type.Integer({ minimum: 0 })), limit: Limit }),
        response: {
          200: Type.Object({
            thread: ThreadSchema,
            posts: Type.Array(PostSchema),
            acceptedAnswer: Nullable(PostSchema),
            nextCursor: Nullable(Type.String()),
            permissions: Type.Object({ moderate: Type.Boolean(), accept: Type.Boolean() }),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => getThreadPage(deps, requireUser(request), request.params.id, request.query),
  );

  app.patch(
    '/threads/:id',
    {
      schema: {
        tags: ['threads'],
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
            pinned: Type.Optional(Type.Boolean()),
            locked: Type.Optional(Type.Boolean()),
            slowModeMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1440 }))),
            tableId: Type.Optional(Id),
            focusArea: Type.Optional(FocusAreaSlug),
            dimension: Type.Optional(Nullable(DimensionSlug)),
            reason: Type.Optional(
              Type.String({ maxLength: 500, description: 'why, for a lock or a move: sent to the author' }),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Object({ thread: ThreadSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { reason, ...changes } = request.body;
      return { thread: await updateThread(deps, requireUser(request), request.params.id, changes, reason) };
    },
  );

  app.post(
    '/threads/:id/posts',
    {
      schema: {
        tags: ['threads'],
        params: IdParams,
        body: Type.Object({ body: Body, replyTo: Type.Optional(Nullable(Id)) }, { additionalProperties: false }),
        response: { 201: Type.Object({ post: PostSchema }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, res) =>
      res.status(201).send({ post: await reply(deps, requireUser(request), request.params.id, request.body) }),
  );

  app.put(
    '/threads/:id/read',
    {
      schema: {
        tags: ['threads'],
        params: IdParams,
        body: Type.Object({ postNumber: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { ...NoContent, ...errors(400, 401, 404) },
      },
    },
    async (request, res) => {
      await markRead(deps, requireUser(request), request.params.id, request.body.postNumber);
      return res.status(204).send(null);
    },
  );

  app.put(
    '/threads/:id/subscription',
    {
      schema: {
        tags: ['threads'],
        params: IdParams,
        body: Type.Object({ level: WatchLevel }, { additionalProperties: false }),
        response: { ...NoContent, ...errors(400, 401, 404) },
      },
    },
    async (request, res) => {
      await setThreadSubscription(deps, requireUser(request), request.params.id, request.body.level);
      return res.status(204).send(null);
    },
  );

  toggleRoute(app, '/threads/:id/bookmark', 'threads', (user, id, on) => setBookmark(deps, user, id, on));
};

export default threadRoutes;
