import type { DocumentListRow, DocumentRow, TransitionListRow, VersionListRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DateTime, literals, Nullable } from '../shared/schema.js';
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES, DOCUMENT_STATUSES } from './vocabulary.js';

export const DocumentKindSchema = literals([...DOCUMENT_KINDS]);
export const DocumentStatusSchema = literals([...DOCUMENT_STATUSES]);
export const DocumentLanguageSchema = literals([...DOCUMENT_LANGUAGES]);
const Someone = Type.Object({ id: Type.Integer(), displayName: Type.String() });

export const DocumentSchema = Type.Object({
  id: Type.Integer(),
  tableId: Type.Integer(),
  threadId: Type.Integer({ description: 'the document’s discussion thread' }),
  title: Type.String(),
  description: Type.String(),
  kind: DocumentKindSchema,
  focusArea: Type.String(),
  dimension: Nullable(Type.String()),
  language: DocumentLanguageSchema,
  tags: Type.Array(Type.String()),
  status: DocumentStatusSchema,
  featured: Type.Boolean(),
  author: Type.Object({ id: Type.Integer(), displayName: Type.String(), handle: Type.String() }),
  publishedVersion: Nullable(Type.Integer()),
  latestVersion: Type.Integer({ description: 'the newest version you may download' }),
  downloadCount: Type.Integer(),
  following: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type DocumentDto = Static<typeof DocumentSchema>;

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
  from: DocumentStatusSchema,
  to: DocumentStatusSchema,
  version: Type.Integer(),
  comment: Nullable(Type.String()),
  actor: Nullable(Someone),
  createdAt: DateTime,
});

/** The web page of a document, where its discussion thread links to. */
export const documentPath = (id: number) => `/documenti/${id}`;

/**
 * Row → public shape. `seesDrafts` viewers see the newest version; everyone else sees the
 * published one, even while a newer version is in review.
 */
export function documentToDto(d: DocumentListRow, seesDrafts: boolean): DocumentDto {
  return {
    id: d.id,
    tableId: d.table_id,
    threadId: d.thread_id,
    title: d.title,
    description: d.description,
    kind: d.kind,
    focusArea: d.focus_area,
    dimension: d.dimension,
    language: d.language,
    tags: d.tags,
    status: d.status,
    featured: d.featured,
    author: { id: d.author_id, displayName: d.author_name, handle: d.author_handle },
    publishedVersion: d.published_number,
    latestVersion: seesDrafts ? d.version_count : (d.published_number ?? 0),
    downloadCount: d.download_count,
    following: d.following,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

export const versionToDto = (v: VersionListRow, publishedNumber: number | null): Static<typeof VersionSchema> => ({
  id: v.id,
  number: v.number,
  size: v.size,
  mediaType: v.media_type,
  originalName: v.original_name,
  sha256: v.sha256,
  note: v.note,
  uploadedBy: { id: v.uploaded_by, displayName: v.uploader_name },
  createdAt: v.created_at.toISOString(),
  published: v.number === publishedNumber,
});

export const transitionToDto = (t: TransitionListRow): Static<typeof TransitionSchema> => ({
  from: t.from_status,
  to: t.to_status,
  version: t.version_number,
  comment: t.comment,
  actor: t.actor_id === null ? null : { id: t.actor_id, displayName: t.actor_name ?? '' },
  createdAt: t.created_at.toISOString(),
});

/**
 * What live events carry. They go to everyone in the table's and the thread's rooms, drafts
 * included, so they hold no title or text: clients fetch the document with their own rights.
 */
export const documentEventData = (d: DocumentRow, publishedNumber: number | null) => ({
  id: d.id,
  tableId: d.table_id,
  threadId: d.thread_id,
  status: d.status,
  featured: d.featured,
  publishedVersion: publishedNumber,
  updatedAt: d.updated_at.toISOString(),
});
