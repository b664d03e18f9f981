import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  addMember,
  createEnte,
  createTable,
  DimensionSchema,
  DocumentSchema,
  dimensionToDto,
  EnteKindSchema,
  EnteProfileSchema,
  EnteSummarySchema,
  enteToDto,
  FocusAreaSchema,
  focusAreaToDto,
  getEnte,
  getReadableTable,
  listDimensions,
  listEnteSummaries,
  listFocusAreas,
  listMembers,
  listTablesWithUnread,
  removeMember,
  setFocusAreaSubscription,
  setTableSubscription,
  suggestMentions,
  tableToDto,
  updateEnte,
} from '@hubspoke/domain';
import { FocusAreaSlug, WatchLevel } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { EnteSchema, errors, Id, IdParams, literals, Nullable, RoleSchema, TableSchema } from '../schemas.js';

const MemberSchema = Type.Object({
  id: Type.Integer(),
  displayName: Type.String(),
  handle: Type.String(),
  role: RoleSchema,
  enteId: Nullable(Type.Integer()),
});
const MemberParams = Type.Object({ id: Id, userId: Id });

/** Focus areas, dimensions, enti and tables with their members. */
const spaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/focus-areas',
    { schema: { tags: ['spaces'], response: { 200: Type.Object({ items: Type.Array(FocusAreaSchema) }) } } },
    async () => ({
      items: (await listFocusAreas(deps)).map(focusAreaToDto),
    }),
  );

  app.get(
    '/dimensions',
    { schema: { tags: ['spaces'], response: { 200: Type.Object({ items: Type.Array(DimensionSchema) }) } } },
    async () => ({
      items: (await listDimensions(deps)).map(dimensionToDto),
    }),
  );

  app.get(
    '/enti',
    {
      schema: {
        tags: ['spaces'],
        response: { 200: Type.Object({ items: Type.Array(EnteSummarySchema) }), ...errors(401) },
      },
    },
    async (request) => ({ items: await listEnteSummaries(deps, requireUser(request)) }),
  );

  app.get(
    '/enti/:id',
    {
      schema: {
        tags: ['spaces'],
        params: IdParams,
        response: {
          200: Type.Object({
            ente: EnteSummarySchema,
            people: Type.Array(
              Type.Object({ id: Type.Integer(), displayName: Type.String(), handle: Type.String(), role: RoleSchema }),
            ),
            products: Type.Array(
              Type.Object({ dimension: Nullable(Type.String()), documents: Type.Array(DocumentSchema) }),
              { description: 'the documents of its tables you may see, by dimension' },
            ),
            profile: Nullable(EnteProfileSchema),
          }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => getEnte(deps, requireUser(request), request.params.id),
  );

  app.patch(
    '/enti/:id',
    {
      schema: {
        tags: ['spaces'],
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
            kind: Type.Optional(EnteKindSchema),
            region: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ ente: EnteSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({
      ente: enteToDto(await updateEnte(deps, requireUser(request), request.params.id, request.body)),
    }),
  );

  app.post(
    '/enti',
    {
      schema: {
        tags: ['spaces'],
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 120 }),
            kind: EnteKindSchema,
            region: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ ente: EnteSchema }), ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ ente: enteToDto(await createEnte(deps, requireUser(request), request.body)) }),
  );

  app.get(
    '/tables',
    {
      schema: {
        tags: ['spaces'],
        response: {
          200: Type.Object({
            items: Type.Array(Type.Intersect([TableSchema, Type.Object({ unreadThreads: Type.Integer() })])),
          }),
          ...errors(401),
        },
      },
    },
    async (request) => ({
      items: (await listTablesWithUnread(deps, requireUser(request))).map((t) => ({
        ...tableToDto(t),
        unreadThreads: t.unread_threads,
      })),
    }),
  );

  app.post(
    '/tables',
    {
      schema: {
        tags: ['spaces'],
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 120 }),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
            kind: literals(['lab', 'regional', 'interregional']),
            regions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 25 })),
            visibility: Type.Optional(literals(['members', 'participants'])),
            enteId: Type.Optional(Nullable(Id)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ table: TableSchema }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ table: tableToDto(await createTable(deps, requireUser(request), request.body)) }),
  );

  app.get(
    '/tables/:id',
    {
      schema: {
        tags: ['spaces'],
        params: IdParams,
        response: { 200: Type.Object({ table: TableSchema }), ...errors(401, 404) },
      },
    },
    async (request) => ({
      table: tableToDto(await getReadableTable(deps, requireUser(request), request.params.id)),
    }),
  );

  app.get(
    '/tables/:id/mentionable',
    {
      schema: {
        tags: ['spaces'],
        description:
          'Whom you may @-mention in this table, by the start of a handle or of a word of the name (8 at most).',
        params: IdParams,
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 60 }) }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ handle: Type.String(), displayName: Type.String() })) }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request) => ({
      items: await suggestMentions(deps, requireUser(request), request.params.id, request.query.q),
    }),
  );

  app.get(
    '/tables/:id/members',
    {
      schema: {
        tags: ['spaces'],
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(MemberSchema) }), ...errors(401, 404) },
      },
    },
    async (request) => ({
      items: (await listMembers(deps, requireUser(request), request.params.id)).map((m) => ({
        id: m.id,
        displayName: m.display_name,
        handle: m.handle,
        role: m.role,
        enteId: m.ente_id,
      })),
    }),
  );

  app.put(
    '/tables/:id/members/:userId',
    {
      schema: { tags: ['spaces'], params: MemberParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await addMember(deps, requireUser(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/tables/:id/members/:userId',
    {
      schema: { tags: ['spaces'], params: MemberParams, response: { 204: Type.Null(), ...errors(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await removeMember(deps, requireUser(request), request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/tables/:id/subscription',
    {
      schema: {
        tags: ['spaces'],
        params: IdParams,
        body: Type.Object({ level: WatchLevel }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await setTableSubscription(deps, requireUser(request), request.params.id, request.body.level);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/focus-areas/:slug/subscription',
    {
      schema: {
        tags: ['spaces'],
        params: Type.Object({ slug: FocusAreaSlug }),
        body: Type.Object({ level: WatchLevel }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      await setFocusAreaSubscription(deps, requireUser(request), request.params.slug, request.body.level);
      return reply.status(204).send(null);
    },
  );
};

export default spaceRoutes;
