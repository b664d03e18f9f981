import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  ConversationMessageSchema,
  ConversationPageSchema,
  ConversationSummarySchema,
  flagConversation,
  getConversation,
  leaveConversation,
  listConversations,
  postConversationMessage,
  StartConversationSchema,
  startConversation,
  unreadConversationCount,
} from '@hubspoke/domain';
import { Cursor, Limit } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, IdParams, Nullable } from '../schemas.js';

const Body = Type.Object({ body: Type.String({ maxLength: 60_000 }) }, { additionalProperties: false });

/** Private conversations: between two and twenty people, read by their members only. */
const conversationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const tags = ['conversations'];

  app.get(
    '/conversations',
    {
      schema: {
        tags,
        description: 'One’s conversations, the most recent first, with how many messages wait unread in each.',
        querystring: Type.Object({ cursor: Cursor, limit: Limit }),
        response: {
          200: Type.Object({
            items: Type.Array(ConversationSummarySchema),
            nextCursor: Nullable(Type.String()),
            unreadConversations: Type.Integer(),
          }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      const [page, unreadConversations] = await Promise.all([
        listConversations(deps, actor, request.query),
        unreadConversationCount(deps, actor),
      ]);
      return { ...page, unreadConversations };
    },
  );

  app.post(
    '/conversations',
    {
      schema: {
        tags,
        description:
          'Starts a conversation with one to nineteen people and its first message. People who are deactivated or ' +
          'do not accept private messages answer 400; unknown ones 404.',
        body: StartConversationSchema,
        response: {
          201: Type.Object({ conversationId: Type.Integer(), message: ConversationMessageSchema }),
          ...errors(400, 401, 403, 404, 429),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await startConversation(deps, requireUser(request), request.body)),
  );

  app.get(
    '/conversations/:id',
    {
      schema: {
        tags,
        description: 'The newest messages (and marks them read), or with `before` the page before.',
        params: IdParams,
        querystring: Type.Object({ before: Cursor }),
        response: { 200: ConversationPageSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => getConversation(deps, requireUser(request), request.params.id, request.query),
  );

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        params: IdParams,
        body: Body,
        response: { 201: Type.Object({ message: ConversationMessageSchema }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ message: await postConversationMessage(deps, requireUser(request), request.params.id, request.body) }),
  );

  app.post(
    '/conversations/:id/leave',
    { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors(401, 404) } } },
    async (request, reply) => {
      await leaveConversation(deps, requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/conversations/:id/flag',
    {
      schema: {
        tags,
        description: 'Calls the moderators in: they join the conversation and are told why.',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ calledIn: Type.Integer() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ calledIn: await flagConversation(deps, requireUser(request), request.params.id, request.body.reason) }),
  );
};

export default conversationRoutes;
