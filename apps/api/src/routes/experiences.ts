import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  createExperience,
  createStakeholder,
  deleteStakeholder,
  ExperienceDetailSchema,
  ExperienceInputSchema,
  ExperiencePageSchema,
  ExperiencePatchSchema,
  experiencesCsv,
  getExperience,
  getStakeholder,
  listExperiences,
  listStakeholders,
  SECTORS,
  STAKEHOLDER_KINDS,
  StakeholderInputSchema,
  StakeholderPageSchema,
  StakeholderSchema,
  stakeholdersCsv,
  updateExperience,
  updateStakeholder,
} from '@hubspoke/domain';
import { sendCsv } from '../csv-reply.js';
import { Cursor, Limit } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, IdParams, literals } from '../schemas.js';

const Format = Type.Optional(literals(['json', 'csv']));
const Words = Type.Optional(Type.String({ maxLength: 200 }));
const Country = Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' }));
const Sector = Type.Optional(literals(SECTORS));

const ExperienceQuery = Type.Object({
  q: Words,
  focusArea: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  country: Country,
  sector: Sector,
  fund: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  ente: Type.Optional(Id),
  year: Type.Optional(Type.Integer({ minimum: 1950, maximum: 2100 })),
  status: Type.Optional(literals(['draft', 'published'])),
  cursor: Cursor,
  limit: Limit,
  format: Format,
});

const StakeholderQuery = Type.Object({
  q: Words,
  kind: Type.Optional(literals(STAKEHOLDER_KINDS)),
  region: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  sector: Sector,
  country: Country,
  ente: Type.Optional(Id),
  cursor: Cursor,
  limit: Limit,
  format: Format,
});

/** The programme's optional databases: schede di valorizzazione and territorial stakeholders. */
const experienceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/experiences',
    {
      schema: {
        tags: ['experiences'],
        description:
          'Schede di valorizzazione, newest first: published ones for every signed-in person, drafts for their ' +
          'ente’s people and for tutors, moderators and admins. `q` searches the words (Italian and English ' +
          'stemming); `year` keeps those running that year; `format=csv` gives every match (at most 5,000).',
        querystring: ExperienceQuery,
        response: { 200: ExperiencePageSchema, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const { format, ente, ...query } = request.query;
      const filters = { ...query, ...(ente !== undefined ? { enteId: ente } : {}) };
      const actor = requireUser(request);
      if (format === 'csv') return sendCsv(reply, 'experiences.csv', await experiencesCsv(deps, actor, filters));
      return listExperiences(deps, actor, filters);
    },
  );

  app.post(
    '/experiences',
    {
      schema: {
        tags: ['experiences'],
        description:
          'A new sheet, in draft. Participants write for their own ente; tutors, moderators and admins for any.',
        body: ExperienceInputSchema,
        response: { 201: Type.Object({ experience: ExperienceDetailSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ experience: await createExperience(deps, requireUser(request), request.body) }),
  );

  app.get(
    '/experiences/:id',
    {
      schema: {
        tags: ['experiences'],
        params: IdParams,
        response: { 200: Type.Object({ experience: ExperienceDetailSchema }), ...errors(401, 404) },
      },
    },
    async (request) => ({ experience: await getExperience(deps, requireUser(request), request.params.id) }),
  );

  app.patch(
    '/experiences/:id',
    {
      schema: {
        tags: ['experiences'],
        description:
          'The author and moderators edit (the ente’s people and tutors too while it is a draft); `status` ' +
          'publishes it or takes it back to draft, for moderators and admins.',
        params: IdParams,
        body: ExperiencePatchSchema,
        response: { 200: Type.Object({ experience: ExperienceDetailSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      experience: await updateExperience(deps, requireUser(request), request.params.id, request.body),
    }),
  );

  app.get(
    '/stakeholders',
    {
      schema: {
        tags: ['experiences'],
        description:
          'Territorial stakeholders in name order, for every signed-in person; `format=csv` gives every match.',
        querystring: StakeholderQuery,
        response: { 200: StakeholderPageSchema, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const { format, ente, ...query } = request.query;
      const filters = { ...query, ...(ente !== undefined ? { enteId: ente } : {}) };
      const actor = requireUser(request);
      if (format === 'csv') return sendCsv(reply, 'stakeholders.csv', await stakeholdersCsv(deps, actor, filters));
      return listStakeholders(deps, actor, filters);
    },
  );

  app.post(
    '/stakeholders',
    {
      schema: {
        tags: ['experiences'],
        description: 'Each ente keeps its own; tutors, moderators and admins may add for any.',
        body: StakeholderInputSchema,
        response: { 201: Type.Object({ stakeholder: StakeholderSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ stakeholder: await createStakeholder(deps, requireUser(request), request.body) }),
  );

  app.get(
    '/stakeholders/:id',
    {
      schema: {
        tags: ['experiences'],
        params: IdParams,
        response: { 200: Type.Object({ stakeholder: StakeholderSchema }), ...errors(401, 404) },
      },
    },
    async (request) => ({ stakeholder: await getStakeholder(deps, requireUser(request), request.params.id) }),
  );

  app.patch(
    '/stakeholders/:id',
    {
      schema: {
        tags: ['experiences'],
        params: IdParams,
        body: Type.Partial(StakeholderInputSchema, { additionalProperties: false }),
        response: { 200: Type.Object({ stakeholder: StakeholderSchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      stakeholder: await updateStakeholder(deps, requireUser(request), request.params.id, request.body),
    }),
  );

  app.delete(
    '/stakeholders/:id',
    { schema: { tags: ['experiences'], params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await deleteStakeholder(deps, requireUser(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default experienceRoutes;
