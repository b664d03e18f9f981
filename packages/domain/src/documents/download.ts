import { documentRepo, documentVersionRepo } from '@hubspoke/db';
import type { Actor } from '../permissions.js';
import { notFound } from '../shared/errors.js';
import { newestVisibleVersion, readableDocument } from './access.js';
import type { DocumentDeps } from './storage.js';

/**
 * One version's bytes, if the actor may see that version (readers get published versions and
 * older ones; drafts past the published one stay with the author and reviewers). Counts the
 * download unless the caller only asks for the headers.
 */
export async function openVersionFile(
  deps: Pick<DocumentDeps, 'db' | 'storage'>,
  actor: Actor,
  documentId: number,
  number: number,
  options: { count: boolean },
) {
  const context = await readableDocument(deps.db, actor, documentId);
  if (number > newestVisibleVersion(context)) throw notFound('version');
  const version = await documentVersionRepo.findByNumber(deps.db, documentId, number);
  if (!version) throw notFound('version');
  if (!(await deps.storage.exists(version.storage_key))) {
    // Lost bytes are an operator's problem: logged as a 500, not explained to the client.
    throw new Error(`storage has no file ${version.storage_key} (document ${documentId} version ${number})`);
  }
  if (options.count) await documentRepo.countDownload(deps.db, documentId);
  return {
    stream: deps.storage.get(version.storage_key),
    size: version.size,
    mediaType: version.media_type,
    filename: version.original_name,
    sha256: version.sha256,
  };
}
