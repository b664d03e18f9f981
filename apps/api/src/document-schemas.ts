import { Type } from '@fastify/type-provider-typebox';
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES, DOCUMENT_STATUSES } from '@hubspoke/domain';
import { DimensionSlug, FocusAreaSlug } from './forum-schemas.js';
import { Id, literals, Nullable } from './schemas.js';

export const DocumentKind = literals([...DOCUMENT_KINDS]);
export const DocumentStatus = literals([...DOCUMENT_STATUSES]);
export const DocumentLanguage = literals([...DOCUMENT_LANGUAGES]);

const DateTime = Type.String({ format: 'date-time' });
const Someone = Type.Object({ id: Type.Integer(), displayName: Type.String() });

export const DocumentSchema = Type.Object({
  id: Type.Integer(),
  tableId: Type.Integer(),
  threadId: Type.Integer({ description: 'the document’s discussion thread' }),
  title: Type.String(),
  description: Type.String(),
  kind: DocumentKind,
  focusArea: Type.String(),
  dimension: Nullable(Type.String()),
  language: DocumentLanguage,
  tags: Type.Array(Type.String()),
  status: DocumentStatus,
  featured: Type.Boolean(),
  author: Type.Object({ id: Type.Integer(), displayName: Type.String(), handle: Type.String() }),
  publishedVersion: Nullable(Type.Integer()),
  latestVersion: Type.Integer({ description: 'the newest version you may download' }),
  downloadCount: Type.Integer(),
  following: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const VersionSchema = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  size: Type.Integer(),
  mediaType: Type.String({ description: 'decided from the file’s content' }),
  originalName: Type.String({ description: 'sanitised; its extension matches the media type' }),
  sha256: Type.String(),
  note: Type.String(),
  uploadedBy: Someone,
  createdAt: DateTime,
  published: Type.Boolean(),
});

export const TransitionSchema = Type.Object({
  from: DocumentStatus,
  to: DocumentStatus,
  version: Type.Integer(),
  comment: Nullable(Type.String()),
  actor: Nullable(Someone),
  createdAt: DateTime,
});

export const DocumentPageSchema = Type.Object({
  document: DocumentSchema,
  versions: Type.Array(VersionSchema),
  history: Type.Array(TransitionSchema, { description: 'for the author and reviewers only; empty for others' }),
  permissions: Type.Object({
    transitions: Type.Array(DocumentStatus),
    upload: Type.Boolean(),
    feature: Type.Boolean(),
  }),
});

/** Text fields of the multipart create request (the file part comes after them). */
export const NewDocumentFields = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    description: Type.Optional(Type.String({ maxLength: 5_000 })),
    kind: DocumentKind,
    focusArea: FocusAreaSlug,
    dimension: Type.Optional(DimensionSlug),
    tableId: Id,
    language: DocumentLanguage,
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const NewVersionFields = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2_000 })) },
  { additionalProperties: false },
);

export const VersionParams = Type.Object({ id: Id, n: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
