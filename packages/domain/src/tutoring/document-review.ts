import { documentVersionRepo, type UserRow } from '@hubspoke/db';
import { newestVisibleVersion, readableDocument } from '../documents/access.js';
import { documentPath } from '../documents/dto.js';
import { createThread } from '../forum/threads.js';
import type { Deps } from '../shared/deps.js';
import { notFound } from '../shared/errors.js';

/**
 * Asks a tutor to review one version of a document: a question thread in the document's table,
 * linked to that version and routed like any other question.
 */
export async function requestDocumentReview(
  deps: Deps,
  actor: UserRow,
  documentId: number,
  versionNumber: number,
  note?: string,
) {
  const context = await readableDocument(deps.db, actor, documentId);
  if (versionNumber < 1 || versionNumber > newestVisibleVersion(context)) throw notFound('version');
  const version = await documentVersionRepo.findByNumber(deps.db, documentId, versionNumber);
  if (!version) throw notFound('version');
  const { document } = context;
  const link = `[${document.title}, versione ${versionNumber}](${documentPath(documentId)})`;
  return createThread(deps, actor, {
    tableId: document.table_id,
    focusArea: document.focus_area,
    dimension: document.dimension,
    kind: 'question',
    title: `Revisione: ${document.title} (v${versionNumber})`.slice(0, 200),
    body: `Chiedo una revisione di ${link}.${note ? `\n\n${note}` : ''}`,
    documentVersionId: version.id,
    ...(document.published_version_id === null ? { draftDocumentId: document.id } : {}),
  });
}
