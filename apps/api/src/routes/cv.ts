import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  AppError,
  COUNTRY_CODES,
  CV_LIMITS,
  type CvDeps,
  type CvFileDownload,
  CvInvalidError,
  type CvIssueCode,
  contentDisposition,
  createLocalDiskStorage,
  DirectoryEntrySchema,
  getDirectoryEntry,
  getMyCv,
  LANGUAGE_CODES,
  LANGUAGE_LEVELS,
  MyCvSchema,
  openDirectoryFile,
  openMyCvFile,
  removeCvFile,
  saveCv,
  searchDirectory,
  setCvFile,
} from '@hubspoke/domain';
import type { FastifyReply, FastifySchemaValidationError } from 'fastify';
import { Cursor, DimensionSlug, FocusAreaSlug, Limit } from '../forum-schemas.js';
import { parseFields, readMultipartForm, registerMultipart } from '../multipart-form.js';
import { requireUser } from '../plugins/auth.js';
import { errors, Id, literals, Nullable } from '../schemas.js';

const Strict = { additionalProperties: false } as const;
const Line = (o: { required?: boolean } = {}) =>
  Type.String({ ...(o.required ? { minLength: 1 } : {}), maxLength: CV_LIMITS.text });
const Year = Type.Integer({ minimum: CV_LIMITS.firstYear, description: 'no later than the current year' });
const Entries = { maxItems: CV_LIMITS.entries };
const LanguageCode = literals([...LANGUAGE_CODES]);
const CountryCode = literals([...COUNTRY_CODES]);

/** The body of `PUT /api/me/cv`: the whole CV, what is left out is emptied. */
const CvBody = Type.Object(
  {
    headline: Type.Optional(Type.String({ maxLength: CV_LIMITS.headline })),
    summary: Type.Optional(Type.String({ maxLength: CV_LIMITS.summary, description: 'plain text' })),
    languages: Type.Optional(
      Type.Array(Type.Object({ code: LanguageCode, level: literals([...LANGUAGE_LEVELS]) }, Strict), {
        ...Entries,
        description: 'ISO 639-1 code and CEFR level (or native)',
      }),
    ),
    competences: Type.Optional(
      Type.Array(
        Type.Object(
          {
            skill: Line({ required: true }),
            dimension: Type.Optional(Nullable(DimensionSlug)),
            focusArea: Type.Optional(Nullable(FocusAreaSlug)),
          },
          Strict,
        ),
        Entries,
      ),
    ),
    experiences: Type.Optional(
      Type.Array(
        Type.Object(
          {
            title: Line({ required: true }),
            programme: Type.Optional(Nullable(Line())),
            fund: Type.Optional(Nullable(Line())),
            countries: Type.Optional(
              Type.Array(CountryCode, { maxItems: CV_LIMITS.countries, description: 'ISO 3166-1 alpha-2' }),
            ),
            yearFrom: Year,
            yearTo: Type.Optional(Nullable(Year)),
            role: Line({ required: true }),
          },
          Strict,
        ),
        Entries,
      ),
    ),
  },
  Strict,
);

const UserIdParams = Type.Object({ userId: Id });
const Binary = Type.Unsafe({ type: 'string', format: 'binary' });
const NoFields = Type.Object({}, Strict);
const MULTIPART =
  'multipart/form-data with the file in a part named `file`: a PDF, an ODT or a DOCX, typed by its content.';

/** Which rule of the CV a schema keyword broke, by the keyword and the field's name. */
function issueCode(error: FastifySchemaValidationError, field: string): CvIssueCode | undefined {
  const name = field.split('/').at(-1) ?? '';
  switch (error.keyword) {
    case 'additionalProperties':
      return 'unknown_field';
    case 'required':
    case 'minLength':
      return 'field_required';
    case 'maxLength':
      return 'text_too_long';
    case 'maxItems':
      return 'too_many_entries';
    case 'minimum':
      return name.startsWith('year') ? 'invalid_year' : undefined;
    case 'enum':
      if (field.startsWith('languages/')) return name === 'code' ? 'unknown_language' : 'unknown_level';
      if (field.includes('/countries/') || field === 'country') return 'unknown_country';
      if (name === 'dimension') return 'unknown_dimension';
      if (name === 'focusArea') return 'unknown_focus_area';
      if (name === 'language') return 'unknown_language';
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Schema refusals in the CV's own words and codes (`unknown_language`, `text_too_long`…), naming
 * the field as a path: `experiences/0/countries/1`, `languages/2/years` for a field it does not have.
 */
function cvSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const [first] = errors;
  if (!first) return new AppError(400, 'invalid_request', `Invalid ${dataVar}`);
  const params = first.params as { additionalProperty?: string; missingProperty?: string; limit?: number };
  const extra = params.additionalProperty ?? params.missingProperty;
  const field = [first.instancePath.replace(/^\//, ''), extra].filter(Boolean).join('/');
  const code = issueCode(first, field);
  if (!code) return new AppError(400, 'invalid_request', `Invalid ${dataVar}: ${field || dataVar} ${first.message}`);
  return new CvInvalidError([{ field, code, ...(typeof params.limit === 'number' ? { limit: params.limit } : {}) }]);
}

function sendFile(reply: FastifyReply, file: CvFileDownload) {
  return reply
    .type(file.mediaType)
    .headers({
      'content-length': String(file.size),
      'content-disposition': contentDisposition(file.filename),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-cache',
      etag: `"${file.sha256}"`,
    })
    .send(file.stream);
}

/** One's CV and its file, and the competence directory built from the CVs of people who gave the Liberatoria. */
const cvRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps: CvDeps = { ...app.deps, storage: createLocalDiskStorage(app.config.uploads.dir) };
  const maxBytes = deps.config.uploads.maxBytes;
  await registerMultipart(app, maxBytes);
  app.setSchemaErrorFormatter(cvSchemaErrors);

  app.get('/me/cv', { schema: { tags: ['cv'], response: { 200: MyCvSchema, ...errors(401) } } }, async (request) =>
    getMyCv(deps, requireUser(request)),
  );

  app.put(
    '/me/cv',
    {
      schema: {
        tags: ['cv'],
        description: 'Replaces the whole CV (the file stays). A refusal names the field, as `experiences/0/yearTo`.',
        body: CvBody,
        response: { 200: MyCvSchema, ...errors(400, 401) },
      },
    },
    async (request) => saveCv(deps, requireUser(request), request.body),
  );

  app.put(
    '/me/cv/file',
    {
      schema: {
        tags: ['cv'],
        consumes: ['multipart/form-data'],
        description: `${MULTIPART} Replaces the file before.`,
        response: { 200: MyCvSchema, ...errors(400, 401, 413, 415) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { fields, upload } = await readMultipartForm(request, maxBytes);
      parseFields(NoFields, fields);
      return setCvFile(deps, user, upload);
    },
  );

  app.get(
    '/me/cv/file',
    {
      schema: {
        tags: ['cv'],
        description: 'Your CV file, as an attachment.',
        response: { 200: Binary, ...errors(401, 404) },
      },
    },
    async (request, reply) => sendFile(reply, await openMyCvFile(deps, requireUser(request))),
  );

  app.delete(
    '/me/cv/file',
    { schema: { tags: ['cv'], response: { 200: MyCvSchema, ...errors(401, 404) } } },
    async (request) => removeCvFile(deps, requireUser(request)),
  );

  app.get(
    '/directory',
    {
      schema: {
        tags: ['cv'],
        description:
          'People who hold the current Liberatoria and have a CV, in name order. `q` searches skills, headline, summary and experiences in Italian and English.',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          focusArea: Type.Optional(FocusAreaSlug),
          dimension: Type.Optional(DimensionSlug),
          language: Type.Optional(LanguageCode),
          country: Type.Optional(CountryCode),
          region: Type.Optional(Type.String({ maxLength: 100, description: 'the region of their ente' })),
          ente: Type.Optional(Id),
          cursor: Cursor,
          limit: Limit,
        }),
        response: {
          200: Type.Object({ items: Type.Array(DirectoryEntrySchema), nextCursor: Nullable(Type.String()) }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const { ente, ...query } = request.query;
      return searchDirectory(deps, requireUser(request), { ...query, enteId: ente });
    },
  );

  app.get(
    '/directory/:userId',
    {
      schema: {
        tags: ['cv'],
        params: UserIdParams,
        response: { 200: Type.Object({ person: DirectoryEntrySchema }), ...errors(400, 401, 404) },
      },
    },
    async (request) => ({ person: await getDirectoryEntry(deps, requireUser(request), request.params.userId) }),
  );

  app.get(
    '/directory/:userId/file',
    {
      schema: {
        tags: ['cv'],
        description: 'The CV file of a person the directory shows, as an attachment.',
        params: UserIdParams,
        response: { 200: Binary, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      sendFile(reply, await openDirectoryFile(deps, requireUser(request), request.params.userId)),
  );
};

export default cvRoutes;
