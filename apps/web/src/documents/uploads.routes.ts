import type { DocumentKind, DocumentLanguage } from '@hubspoke/db';
import {
  AppError,
  addVersion,
  canPostInTable,
  createDocument,
  createLocalDiskStorage,
  DOCUMENT_KINDS,
  DOCUMENT_LANGUAGES,
  type DocumentDeps,
  getDocument,
  listDimensions,
  listVisibleTables,
} from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { focusAreaNames } from '../forum/listing.js';
import { currentUser, type Form, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { type FailedForm, formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { documentPage } from './documents.page.js';
import { type UploadInput, uploadPage } from './upload.page.js';

const isKind = (value: string): value is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(value);
const isLanguage = (value: string): value is DocumentLanguage =>
  (DOCUMENT_LANGUAGES as readonly string[]).includes(value);

/** The fields each refusal of the services is about. */
const UPLOAD_FIELDS = {
  invalid_title: ['title'],
  invalid_description: ['description'],
  invalid_tags: ['tags'],
  table_not_found: ['tableId'],
  forbidden: ['tableId'],
};
const VERSION_FIELDS = { invalid_note: ['note'] };

const readInput = (form: Form): UploadInput => ({
  tableId: form.text('tableId'),
  kind: form.text('kind'),
  title: form.text('title'),
  description: form.text('description'),
  focusArea: form.text('focusArea'),
  dimension: form.text('dimension'),
  language: form.text('language'),
  tags: form.text('tags'),
});

const EMPTY: UploadInput = readInput(readForm({}));

/**
 * Sharing a document and adding a version from the pages: multipart forms, read with the api's
 * own parser (registered for these routes only) and handed to the same services as the api.
 * A refusal re-renders the form with its reason and status, never an error page.
 */
const documentUploadRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps, uploads }) => {
  const { config } = deps;
  const documentDeps: DocumentDeps = { ...deps, storage: createLocalDiskStorage(config.uploads.dir) };
  const maxBytes = config.uploads.maxBytes;
  await uploads.register(app);

  async function renderUpload(request: FastifyRequest, reply: FastifyReply, input: UploadInput, error?: FailedForm) {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const [tables, focusAreas, dimensions] = await Promise.all([
      listVisibleTables(deps, user),
      focusAreaNames(deps, ctx),
      listDimensions(deps),
    ]);
    const page = uploadPage(ctx, {
      input,
      error: error ?? null,
      tables: tables.filter((table) => canPostInTable(user, table.is_member)),
      focusAreas,
      dimensions: dimensions.map((d) => ({ slug: d.slug, name: ctx.locale === 'en' ? d.name_en : d.name_it })),
      maxBytes,
    });
    return sendPage(reply, ctx, ctx.t('documents.upload.title'), page, error?.status);
  }

  app.get<{ Querystring: { tavolo?: string } }>('/documenti/nuovo', (request, reply) =>
    renderUpload(request, reply, { ...EMPTY, tableId: request.query.tavolo ?? '' }),
  );

  app.post('/documenti/nuovo', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    let input = EMPTY;
    try {
      const { fields, upload } = await uploads.read(request);
      const form = readForm(fields);
      input = readInput(form);
      const tableId = form.id('tableId');
      const areas = await focusAreaNames(deps, ctx);
      const dimensions = (await listDimensions(deps)).map((d) => d.slug);
      const missing = [
        ...(tableId ? [] : ['tableId']),
        ...(isKind(input.kind) ? [] : ['kind']),
        ...(input.title ? [] : ['title']),
        ...(areas.has(input.focusArea) ? [] : ['focusArea']),
        ...(isLanguage(input.language) ? [] : ['language']),
        // A browser sends an empty, nameless file part when none was chosen.
        ...(upload.filename ? [] : ['file']),
      ];
      if (missing.length || !tableId || !isKind(input.kind) || !isLanguage(input.language)) {
        return renderUpload(request, reply, input, formError(ctx, 'error.required', missing));
      }
      const document = await createDocument(
        documentDeps,
        currentUser(request),
        {
          tableId,
          kind: input.kind,
          title: input.title,
          description: input.description,
          focusArea: input.focusArea,
          dimension: dimensions.includes(input.dimension) ? input.dimension : null,
          language: input.language,
          tags: input.tags ? [input.tags] : [],
        },
        upload,
      );
      setFlash(reply, { key: 'flash.documentShared' }, config.secureCookies);
      return seeOther(reply, `/documenti/${document.id}`);
    } catch (caught) {
      return renderUpload(request, reply, input, toFormError(ctx, caught, ['file'], UPLOAD_FIELDS));
    }
  });

  app.post<{ Params: { id: string } }>('/documenti/:id/versioni', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    let note = '';
    let error: FailedForm;
    try {
      const { fields, upload } = await uploads.read(request);
      note = readForm(fields).secret('note');
      if (upload.filename) {
        const version = await addVersion(documentDeps, user, id, note, upload);
        setFlash(reply, { key: 'flash.versionAdded', params: { number: version.number } }, config.secureCookies);
        return seeOther(reply, `/documenti/${id}`);
      }
      error = formError(ctx, 'error.required', ['file']);
    } catch (caught) {
      // An unknown document, or one that is not the reader's to revise, is the error page's.
      if (caught instanceof AppError && (caught.status === 403 || caught.status === 404)) throw caught;
      error = toFormError(ctx, caught, ['file'], VERSION_FIELDS);
    }
    const [data, areas] = await Promise.all([getDocument(deps, user, id), focusAreaNames(deps, ctx)]);
    const page = documentPage(ctx, data, areas, { maxBytes, version: { error, note } });
    return sendPage(reply, ctx, data.document.title, page, error.status);
  });
};

export default documentUploadRoutes;
