import { Type } from '@fastify/type-provider-typebox';
import {
  DocumentKindSchema as DocumentKind,
  DocumentLanguageSchema as DocumentLanguage,
  DocumentSchema,
  DocumentStatusSchema as DocumentStatus,
  TransitionSchema,
  VersionSchema,
} from '@hubspoke/domain';
import { DimensionSlug, FocusAreaSlug } from './forum-schemas.js';
import { Id } from './schemas.js';

export { DocumentKind, DocumentLanguage, DocumentSchema, DocumentStatus, TransitionSchema, VersionSchema };

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
