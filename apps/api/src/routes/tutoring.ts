import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  acceptAnswer,
  handBackQuestion,
  reassignQuestion,
  requestDocumentReview,
  setTutorPool,
  tutoringMetrics,
  tutorQueue,
} from '@hubspoke/domain';
import { FocusAreaSlug, PostSchema, ThreadSchema } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, IdParams, literals, Nullable } from '../schemas.js';

const Stats = Type.Object({
  questions: Type.Integer(),
  open: Type.Integer(),
  answered: Type.Integer(),
  resolved: Type.Integer(),
  firstReplyHours: Type.Object({ median: Nullable(Type.Number()), p90: Nullable(Type.Number()) }),
  resolutionHours: Type.Object({ median: Nullable(Type.Number()), p90: Nullable(Type.Number()) }),
});
const QueueItem = Type.Object({
  threadId: Type.Integer(),
  title: Type.String(),
  url: Type.String(),
  table: Type.Object({ id: Type.Integer(), name: Type.String() }),
  focusArea: Type.String(),
  status: literals(['open', 'answered']),
  asker: Type.Object({ id: Type.Integer(), displayName: Type.String() }),
  askedAt: Type.String({ format: 'date-time' }),
  ageHours: Type.Number(),
  replies: Type.Integer(),
});
const PoolParams = Type.Object({ tableId: Id, userId: Id });
const PoolBody = Type.Optional(
  Type.Object({ focusArea: Type.Optional(FocusAreaSlug) }, { additionalProperties: false }),
);
const FocusPoolParams = Type.Object({ slug: FocusAreaSlug, userId: Id });

const tutoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const done = { 204: Type.Null() };

  for (const [method, member] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/tutoring/pools/:tableId/tutors/:userId',
      schema: {
        tags: ['tutoring'],
        params: PoolParams,
        body: PoolBody,
        response: { ...done, ...errors(400, 401, 403, 404) },
      },
      handler: async (request, reply) => {
        const { tableId, userId } = request.params;
        await setTutorPool(
          deps,
          requireUser(request),
          { tutorId: userId, tableId, focusArea: request.body?.focusArea ?? null },
          member,
        );
        return reply.status(204).send(null);
      },
    });
    app.route({
      method,
      url: '/tutoring/focus-pools/:slug/tutors/:userId',
      schema: { tags: ['tutoring'], params: FocusPoolParams, response: { ...done, ...errors(400, 401, 403, 404) } },
      handler: async (request, reply) => {
        await setTutorPool(
          deps,
          requireUser(request),
          { tutorId: request.params.userId, tableId: null, focusArea: request.params.slug },
          member,
        );
        return reply.status(204).send(null);
      },
    });
  }

  app.get(
    '/tutoring/queue',
    {
      schema: {
        tags: ['tutoring'],
        response: { 200: Type.Object({ items: Type.Array(QueueItem) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: await tutorQueue(deps, requireUser(request)) }),
  );

  app.get(
    '/tutoring/metrics',
    {
      schema: {
        tags: ['tutoring'],
        querystring: Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            workingHours: Type.Boolean(),
            total: Stats,
            privateQuestions: Type.Object(Stats.properties, {
              description: 'questions asked in private conversations their askers marked as questions',
            }),
            byTutor: Type.Array(Type.Object({ tutorId: Type.Integer(), name: Type.String(), ...Stats.properties })),
            byTable: Type.Array(Type.Object({ tableId: Type.Integer(), name: Type.String(), ...Stats.properties })),
            byFocusArea: Type.Array(Type.Object({ focusArea: Type.String(), ...Stats.properties })),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    // `to` is inclusive: questions asked on that day count.
    async (request) =>
      tutoringMetrics(deps, requireUser(request), {
        from: new Date(request.query.from),
        to: new Date(new Date(request.query.to).getTime() + 86_400_000),
      }),
  );

  app.post(
    '/threads/:id/accept',
    {
      schema: {
        tags: ['tutoring'],
        params: IdParams,
        body: Type.Object({ postId: Id }, { additionalProperties: false }),
        response: { 200: Type.Object({ thread: ThreadSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({
      thread: await acceptAnswer(deps, requireUser(request), request.params.id, request.body.postId),
    }),
  );

  app.put(
    '/tutoring/questions/:id/assignee',
    {
      schema: {
        tags: ['tutoring'],
        params: IdParams,
        body: Type.Object({ tutorId: Nullable(Id) }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await reassignQuestion(deps, requireUser(request), request.params.id, request.body.tutorId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/tutoring/questions/:id/hand-back',
    {
      schema: {
        tags: ['tutoring'],
        params: IdParams,
        response: { 200: Type.Object({ tutorId: Nullable(Type.Integer()) }), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => handBackQuestion(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/documents/:id/versions/:n/review',
    {
      schema: {
        tags: ['tutoring'],
        params: Type.Object({ id: Id, n: Type.Integer({ minimum: 1 }) }),
        body: Type.Optional(
          Type.Object({ note: Type.Optional(Type.String({ maxLength: 5000 })) }, { additionalProperties: false }),
        ),
        response: { 201: Type.Object({ thread: ThreadSchema, post: PostSchema }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await requestDocumentReview(
            deps,
            requireUser(request),
            request.params.id,
            request.params.n,
            request.body?.note,
          ),
        ),
  );
};

export default tutoringRoutes;
