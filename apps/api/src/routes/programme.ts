import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { ProgressPageSchema, ProgressViewSchema, programmeProgress, programmeProgressCsv } from '@hubspoke/domain';
import { sendCsv } from '../csv-reply.js';
import { Cursor, Limit } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, literals } from '../schemas.js';

/** The programme's progress per ente and per table, for moderators and admins. */
const programmeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/programme/progress',
    {
      schema: {
        tags: ['programme'],
        description:
          'Per ente (`view=enti`, the default) or per table (`view=tables`): participants and how many hold the ' +
          'current Patto, questionnaire answers expected and given, products by dimension and status, sessions ' +
          'held and attendance, open questions and the median time to a tutor’s first reply. Keyset paged by ' +
          'name; `format=csv` gives every row. Figures about tables count only the tables the reader may read.',
        querystring: Type.Object({
          view: Type.Optional(ProgressViewSchema),
          region: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
          cursor: Cursor,
          limit: Limit,
          format: Type.Optional(literals(['json', 'csv'])),
        }),
        response: { 200: ProgressPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const { format, view, region, cursor, limit } = request.query;
      const filter = { ...(view ? { view } : {}), ...(region ? { region } : {}) };
      if (format === 'csv') {
        return sendCsv(reply, `progress-${view ?? 'enti'}.csv`, await programmeProgressCsv(deps, actor, filter));
      }
      return programmeProgress(deps, actor, { ...filter, ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
    },
  );
};

export default programmeRoutes;
