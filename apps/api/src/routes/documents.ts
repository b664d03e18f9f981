import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  createLocalDiskStorage,
  type DocumentDeps,
  getDocument,
  listDocuments,
  setDocumentFeatured,
  setDocumentFollowing,
  transitionDocument,
} from '@hubspoke/domain';
import {
  DocumentKind,
  DocumentLanguage,
  DocumentPageSchema,
  DocumentSchema,
  DocumentStatus,
} from '../document-schemas.js';
import { Cursor, DimensionSlug, FocusAreaSlug, Limit } from '../forum-schemas.js';
import { registerMultipart } from '../multipart-form.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, IdParams, literals, Nullable } from '../schemas.js';
import { toggleRoute } from '../toggle-route.js';
import documentFileRoutes from './document-files.js';

/** The shared documents library. Multipart parsing is registered for these routes only (and the upload pages'). */
const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps: DocumentDeps = { ...app.deps, storage: createLocalDiskStorage(app.config.uploads.dir) };
  await registerMultipart(app, deps.config.uploads.maxBytes);
  await app.register(documentFileRoutes, { deps });

  app.get(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        querystring: Type.Object({
          kind: Type.Optional(DocumentKind),
          focusArea: Type.Optional(FocusAreaSlug),
          dimension: Type.Optional(DimensionSlug),
          table: Type.Optional(Id),
          status: Type.Optional(DocumentStatus),
          language: Type.Optional(DocumentLanguage),
          q: Type.Optional(Type.String({ maxLength: 200, description: 'words in the title or description' })),
          cursor: Cursor,
          limit: Limit,
        }),
        response: {
          200: Type.Object({ items: Type.Array(DocumentSchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const { table, ...query } = request.query;
      return listDocuments(deps, requireUser(request), {
        ...query,
        ...(table !== undefined ? { tableId: table } : {}),
      });
    },
  );

  app.get(
    '/documents/:id',
    {
      schema: {
        tags: ['documents'],
        params: IdParams,
        response: { 200: DocumentPageSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => getDocument(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/documents/:id/transitions',
    {
      schema: {
        tags: ['documents'],
        params: IdParams,
        body: Type.Object(
          {
            to: literals(['submitted', 'published', 'changes_requested', 'archived']),
            comment: Type.Optional(Nullable(Type.String({ maxLength: 5_000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ document: DocumentSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({
      document: await transitionDocument(deps, requireUser(request), request.params.id, request.body),
    }),
  );

  app.put(
    '/documents/:id/featured',
    {
      schema: {
        tags: ['documents'],
        params: IdParams,
        body: Type.Object({ featured: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ document: DocumentSchema }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({
      document: await setDocumentFeatured(deps, requireUser(request), request.params.id, request.body.featured),
    }),
  );

  toggleRoute(app, '/documents/:id/follow', 'documents', (user, id, on) => setDocumentFollowing(deps, user, id, on));
};

export default documentRoutes;
