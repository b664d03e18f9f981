import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { uploadForPost } from '@hubspoke/domain';
import { parseFields, readMultipartForm, registerMultipart } from '../multipart-form.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, literals } from '../schemas.js';

const UploadSchema = Type.Object({
  id: Id,
  kind: literals(['image', 'file']),
  name: Type.String(),
  size: Type.Integer(),
  mediaType: Type.String(),
  markdown: Type.String({ description: 'What the composer inserts: ![name](/allegati/ID) or [name](/allegati/ID)' }),
});

const UploadFields = Type.Object({ tableId: Id }, { additionalProperties: false });

/** Pictures and files for a post, sent from the composer. Multipart parsing is registered here only. */
const uploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const maxBytes = app.deps.config.uploads.maxBytes;
  await registerMultipart(app, maxBytes);

  app.post(
    '/uploads',
    {
      schema: {
        tags: ['posts'],
        consumes: ['multipart/form-data'],
        description:
          'multipart/form-data: `tableId` (the table the post will be in; the uploader must be able to post there), then the file in a part named `file` (last). PNG, JPEG, WebP and GIF pictures (at most 40 megapixels) are written again without metadata, with a thumbnail; an animated GIF keeps its first frame. Other files: the types and size the documents library accepts. An upload no post references within a day is removed.',
        response: {
          201: Type.Object({ upload: UploadSchema }),
          ...errors(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const actor = requireUser(request);
      const { fields, upload } = await readMultipartForm(request, maxBytes);
      const { tableId } = parseFields(UploadFields, fields);
      return reply.status(201).send({ upload: await uploadForPost(app.deps, actor, tableId, upload) });
    },
  );
};

export default uploadRoutes;
