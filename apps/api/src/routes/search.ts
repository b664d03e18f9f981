import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { searchPosts } from '@hubspoke/domain';
import { Cursor, FocusAreaSlug, Limit, ThreadKind } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, literals, Nullable } from '../schemas.js';

const HitSchema = Type.Object({
  postId: Type.Integer(),
  postNumber: Type.Integer(),
  threadId: Type.Integer(),
  title: Type.String(),
  titleHtml: Type.String(),
  snippetHtml: Type.String(),
  tableId: Type.Integer(),
  focusArea: Type.String(),
  kind: Type.String(),
  author: Type.Object({ id: Type.Integer(), displayName: Type.String() }),
  createdAt: Type.String({ format: 'date-time' }),
});

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 200 }),
          table: Type.Optional(Id),
          focusArea: Type.Optional(FocusAreaSlug),
          kind: Type.Optional(ThreadKind),
          author: Type.Optional(Id),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          sort: Type.Optional(literals(['relevance', 'recent'])),
          cursor: Cursor,
          limit: Limit,
        }),
        response: {
          200: Type.Object({ items: Type.Array(HitSchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const day = 86_400_000;
      return searchPosts(app.deps, requireUser(request), {
        q: q.q,
        ...(q.table !== undefined ? { tableId: q.table } : {}),
        ...(q.focusArea !== undefined ? { focusArea: q.focusArea } : {}),
        ...(q.kind !== undefined ? { kind: q.kind } : {}),
        ...(q.author !== undefined ? { authorId: q.author } : {}),
        ...(q.from !== undefined ? { from: new Date(q.from) } : {}),
        // `to` is inclusive: everything written on that day.
        ...(q.to !== undefined ? { to: new Date(new Date(q.to).getTime() + day) } : {}),
        ...(q.sort !== undefined ? { sort: q.sort } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      });
    },
  );
};

export default searchRoutes;
