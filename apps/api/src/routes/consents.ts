import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  AcceptanceSchema,
  acceptancesCsv,
  acceptConsent,
  CONSENT_TEXT_MAX,
  ConsentKindSchema,
  ConsentSchema,
  listAcceptances,
  listConsents,
  publishConsentVersion,
  revokeConsent,
} from '@hubspoke/domain';
import { sendCsv } from '../csv-reply.js';
import { Cursor, Limit } from '../forum-schemas.js';
import { requireUser } from '../plugins/auth.js';
import { errors, literals, Nullable } from '../schemas.js';

// Any string: an unknown kind answers 404 consent_kind_not_found, as the contract says, not 400.
const KindParams = Type.Object({ kind: Type.String({ maxLength: 40 }) });
const ConsentText = Type.String({ minLength: 1, maxLength: CONSENT_TEXT_MAX });

/** The Patto, the Liberatoria and the privacy notice: reading and accepting them, publishing new versions. */
const consentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/consents',
    {
      schema: {
        tags: ['consents'],
        response: { 200: Type.Object({ items: Type.Array(ConsentSchema) }), ...errors(401) },
      },
    },
    async (request) => ({ items: await listConsents(deps, requireUser(request)) }),
  );

  app.post(
    '/consents/:kind/accept',
    {
      schema: {
        tags: ['consents'],
        params: KindParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ consent: ConsentSchema }), ...errors(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const consent = await acceptConsent(deps, requireUser(request), request.params.kind, {
        version: request.body.version,
        ip: request.ip,
      });
      return reply.status(201).send({ consent });
    },
  );

  app.post(
    '/consents/:kind/revoke',
    {
      schema: {
        tags: ['consents'],
        params: KindParams,
        response: { 200: Type.Object({ consent: ConsentSchema }), ...errors(401, 404, 409) },
      },
    },
    async (request) => ({
      consent: await revokeConsent(deps, requireUser(request), request.params.kind, { ip: request.ip }),
    }),
  );

  app.post(
    '/admin/consents/:kind/versions',
    {
      schema: {
        tags: ['admin', 'consents'],
        params: KindParams,
        body: Type.Object({ textIt: ConsentText, textEn: ConsentText }, { additionalProperties: false }),
        response: {
          201: Type.Object({ kind: ConsentKindSchema, version: Type.Integer(), mailed: Type.Integer() }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await publishConsentVersion(deps, requireUser(request), request.params.kind, request.body)),
  );

  app.get(
    '/admin/consents/:kind/acceptances',
    {
      schema: {
        tags: ['admin', 'consents'],
        params: KindParams,
        querystring: Type.Object({ cursor: Cursor, limit: Limit, format: Type.Optional(literals(['json', 'csv'])) }),
        response: {
          200: Type.Object({
            currentVersion: Nullable(Type.Integer()),
            items: Type.Array(AcceptanceSchema),
            nextCursor: Nullable(Type.String()),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const { kind } = request.params;
      const { cursor, limit, format } = request.query;
      if (format === 'csv') {
        return sendCsv(reply, `${kind}-acceptances.csv`, await acceptancesCsv(deps, actor, kind));
      }
      return listAcceptances(deps, actor, kind, { ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
    },
  );
};

export default consentRoutes;
