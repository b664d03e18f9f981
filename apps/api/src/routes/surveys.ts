import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  AnswersSchema,
  createSurvey,
  getSurvey,
  listSurveys,
  listSurveyTemplates,
  QuestionSchema,
  RespondentSchema,
  ResponseSchema,
  ResultsSchema,
  SURVEY_DESCRIPTION_MAX,
  SURVEY_TITLE_MAX,
  SurveyListItemSchema,
  SurveySchema,
  SurveyViewSchema,
  saveSurveyResponse,
  surveyAnswersCsv,
  surveyCountsCsv,
  surveyResults,
  TemplateSchema,
  updateSurvey,
} from '@hubspoke/domain';
import { sendCsv } from '../csv-reply.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, IdParams, literals, Nullable } from '../schemas.js';

const Title = Type.String({ minLength: 1, maxLength: SURVEY_TITLE_MAX });
const Description = Type.String({ maxLength: SURVEY_DESCRIPTION_MAX });
const When = Type.String({ format: 'date-time' });

/** Questionnaires: the built-in templates, surveys, answers and their results. */
const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/survey-templates',
    {
      schema: {
        tags: ['surveys'],
        response: { 200: Type.Object({ items: Type.Array(TemplateSchema) }), ...errors(401) },
      },
    },
    async (request) => {
      requireUser(request);
      return { items: [...listSurveyTemplates()] };
    },
  );

  app.post(
    '/surveys',
    {
      schema: {
        tags: ['surveys'],
        body: Type.Object(
          {
            title: Title,
            description: Type.Optional(Description),
            template: Type.Optional(Type.String({ maxLength: 40 })),
            questions: Type.Optional(Type.Array(QuestionSchema, { maxItems: 100 })),
            respondent: RespondentSchema,
            tableIds: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
            opensAt: Type.Optional(When),
            closesAt: Type.Optional(Nullable(When)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ survey: SurveySchema }), ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ survey: await createSurvey(deps, requireUser(request), request.body) }),
  );

  app.get(
    '/surveys',
    {
      schema: {
        tags: ['surveys'],
        querystring: Type.Object({ open: Type.Optional(Type.Boolean({ description: 'only those open now' })) }),
        response: { 200: Type.Object({ items: Type.Array(SurveyListItemSchema) }), ...errors(401) },
      },
    },
    async (request) => ({
      items: await listSurveys(deps, requireUser(request), { openOnly: request.query.open === true }),
    }),
  );

  app.get(
    '/surveys/:id',
    {
      schema: { tags: ['surveys'], params: IdParams, response: { 200: SurveyViewSchema, ...errors(401, 404) } },
    },
    async (request) => getSurvey(deps, requireUser(request), request.params.id),
  );

  app.patch(
    '/surveys/:id',
    {
      schema: {
        tags: ['surveys'],
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Title),
            description: Type.Optional(Description),
            opensAt: Type.Optional(When),
            closesAt: Type.Optional(Nullable(When)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ survey: SurveySchema }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => ({ survey: await updateSurvey(deps, requireUser(request), request.params.id, request.body) }),
  );

  app.put(
    '/surveys/:id/response',
    {
      schema: {
        tags: ['surveys'],
        description:
          'Saves a draft, or with `submit: true` sends the answer (required answers are then checked). Values are ' +
          'always checked; an answer already sent stays sent and every later save is checked as a submission. ' +
          '400 names the question in `error.question`; a refused save changes nothing.',
        params: IdParams,
        body: Type.Object(
          { answers: AnswersSchema, submit: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ response: ResponseSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({
      response: await saveSurveyResponse(deps, requireUser(request), request.params.id, request.body),
    }),
  );

  app.get(
    '/surveys/:id/results',
    {
      schema: {
        tags: ['surveys'],
        description:
          '`?format=csv` gives the answers, one row per submitted response (moderators and admins); ' +
          '`?format=csv&of=counts` the counts overall, by table and by region.',
        params: IdParams,
        querystring: Type.Object({
          format: Type.Optional(literals(['json', 'csv'])),
          of: Type.Optional(literals(['answers', 'counts'])),
          locale: Type.Optional(literals(['it', 'en'])),
        }),
        response: { 200: ResultsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const { id } = request.params;
      const { format, of, locale } = request.query;
      if (format === 'csv') {
        const lang = locale ?? actor.locale;
        return of === 'counts'
          ? sendCsv(reply, `survey-${id}-counts.csv`, await surveyCountsCsv(deps, actor, id, lang))
          : sendCsv(reply, `survey-${id}-answers.csv`, await surveyAnswersCsv(deps, actor, id, lang));
      }
      return surveyResults(deps, actor, id);
    },
  );
};

export default surveyRoutes;
