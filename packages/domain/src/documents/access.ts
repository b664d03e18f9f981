import { documentRepo, type Executor, type LockedDocument } from '@hubspoke/db';
import { type Actor, canCurateDocuments, canSeeDocument, canSeeDocumentDrafts } from '../permissions.js';
import { notFound } from '../shared/errors.js';

export interface DocumentContext {
  document: LockedDocument;
  isMember: boolean;
  /** Sees versions newer than the published one, and the review history. */
  seesDrafts: boolean;
  /** Publishes, asks for changes, features and archives in this table. */
  curates: boolean;
}

/** The document if the actor may see it; 404 otherwise, so drafts and labs do not confirm what they hold. */
export async function readableDocument(db: Executor, actor: Actor, documentId: number): Promise<DocumentContext> {
  const access = await documentRepo.findWithAccess(db, documentId, actor.id);
  if (!access || !canSeeDocument(actor, access.document, { visibility: access.tableVisibility }, access.isMember)) {
    throw notFound('document');
  }
  return {
    document: access.document,
    isMember: access.isMember,
    seesDrafts: canSeeDocumentDrafts(actor, access.document, access.isMember),
    curates: canCurateDocuments(actor, access.isMember),
  };
}

/** The newest version number this viewer may download. */
export const newestVisibleVersion = (context: DocumentContext) =>
  context.seesDrafts ? context.document.version_count : (context.document.published_number ?? 0);
