import type { DocumentListRow, DocumentRow, TransitionListRow, VersionListRow } from '@hubspoke/db';

/** The web page of a document, where its discussion thread links to. */
export const documentPath = (id: number) => `/documenti/${id}`;

/**
 * Row → public shape. `seesDrafts` viewers see the newest version; everyone else sees the
 * published one, even while a newer version is in review.
 */
export function documentToDto(d: DocumentListRow, seesDrafts: boolean) {
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

export type DocumentDto = ReturnType<typeof documentToDto>;

export const versionToDto = (v: VersionListRow, publishedNumber: number | null) => ({
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

export const transitionToDto = (t: TransitionListRow) => ({
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
