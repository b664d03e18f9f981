import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { addVersion, contentDisposition, createDocument, type DocumentDeps, openVersionFile } from '@hubspoke/domain';
import {
  DocumentSchema,
  NewDocumentFields,
  NewVersionFields,
  VersionParams,
  VersionSchema,
} from '../document-schemas.js';
import { parseFields, readMultipartForm } from '../multipart-form.js';
import { requireUser } from '../plugins/auth.js';
import { errors, IdParams } from '../schemas.js';

const MULTIPART = 'multipart/form-data: the text fields first, then the file in a part named `file` (last).';

/** Uploads (new documents, new versions) and downloads: the routes that move bytes. */
const documentFileRoutes: FastifyPluginAsyncTypebox<{ deps: DocumentDeps }> = async (app, { deps }) => {
  const maxBytes = deps.config.uploads.maxBytes;

  app.post(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        consumes: ['multipart/form-data'],
        description: `${MULTIPART} Fields: title, description?, kind, focusArea, dimension?, tableId, language, tags? (repeated or comma-separated). Opens the document's discussion thread.`,
        response: { 201: Type.Object({ document: DocumentSchema }), ...errors(400, 401, 403, 404, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const { fields, upload } = await readMultipartForm(request, maxBytes);
      const input = parseFields(NewDocumentFields, fields);
      return reply.status(201).send({ document: await createDocument(deps, actor, input, upload) });
    },
  );

  app.post(
    '/documents/:id/versions',
    {
      schema: {
        tags: ['documents'],
        consumes: ['multipart/form-data'],
        description: `${MULTIPART} Fields: note? (what changed). Author only.`,
        params: IdParams,
        response: { 201: Type.Object({ version: VersionSchema }), ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const { fields, upload } = await readMultipartForm(request, maxBytes);
      const { note } = parseFields(NewVersionFields, fields);
      return reply.status(201).send({ version: await addVersion(deps, actor, request.params.id, note, upload) });
    },
  );

  app.get(
    '/documents/:id/versions/:n/file',
    {
      schema: {
        tags: ['documents'],
        description: 'The bytes of version `n`, always as an attachment. Counts a download.',
        params: VersionParams,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { id, n } = request.params;
      const file = await openVersionFile(deps, requireUser(request), id, n, { count: request.method === 'GET' });
      const textual = file.mediaType.startsWith('text/');
      return reply
        .type(textual ? `${file.mediaType}; charset=utf-8` : file.mediaType)
        .headers({
          'content-length': String(file.size),
          'content-disposition': contentDisposition(file.filename),
          'x-content-type-options': 'nosniff',
          // Opened directly by mistake, the file still gets no script, no styles, no origin.
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-cache',
          etag: `"${file.sha256}"`,
        })
        .send(file.stream);
    },
  );
};

export default documentFileRoutes;
