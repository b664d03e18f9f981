import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { openDataExport, personalDataStorages, requestDataExport } from '@hubspoke/domain';
import type { FastifyReply } from 'fastify';
import { requireUser } from '../plugins/auth.js';
import { errors } from '../schemas.js';

const Zip = Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'application/zip' });

/** An archive as a download: never shown inline, never cached, never sniffed. */
const asZip = (reply: FastifyReply, filename: string) =>
  reply.type('application/zip').headers({
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });

/** GDPR: one's own data as a ZIP (`/api/me/export`), at once or through a one-time mailed link. */
const personalDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { ...app.deps, ...personalDataStorages(app.config) };

  app.get(
    '/export',
    {
      schema: {
        tags: ['me'],
        description:
          'A ZIP of everything held about you (JSON files plus the original files of the documents you uploaded and of your CV). Answered at once up to `EXPORT_INLINE_MAX_BYTES`; beyond, 202 and the worker mails a link to `/profilo/dati/<token>` that works once within 24 h. Once per `EXPORT_WINDOW_SECONDS` (429 with Retry-After).',
        response: {
          200: Zip,
          202: Type.Object({ status: Type.Literal('preparing') }),
          ...errors(401, 429),
        },
      },
    },
    async (request, reply) => {
      const outcome = await requestDataExport(deps, requireUser(request));
      if (!outcome.ready) return reply.status(202).send({ status: 'preparing' as const });
      return asZip(reply, outcome.filename).send(outcome.stream);
    },
  );

  app.get(
    '/export/:token',
    {
      schema: {
        tags: ['me'],
        description:
          'The archive a mailed link points at, once, for the person it was made for (signed in). Used → 410 `export_link_used`; after 24 h → 410 `export_link_expired`.',
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: { 200: Zip, ...errors(401, 404, 410) },
      },
    },
    async (request, reply) => {
      const file = await openDataExport(deps, requireUser(request), request.params.token);
      if (file.size !== null) reply.header('content-length', String(file.size));
      return asZip(reply, file.filename).send(file.stream);
    },
  );
};

export default personalDataRoutes;
